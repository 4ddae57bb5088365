package search

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Field weights and length normalisation for BM25F: a word in the title
// counts six times a word in the body.
var fields = [4]struct{ weight, b float64 }{
	{6, 0.3},  // title
	{3, 0.5},  // summary
	{2, 0.5},  // headings
	{1, 0.75}, // body
}

const k1 = 1.2

// maxImpact is the highest quantised score: one base64 digit.
const maxImpact = 63

// A posting is one document holding a word, with its BM25F score quantised to 1–63.
type posting struct {
	doc    int
	impact byte
}

// An entry is everything the index knows under one stem: the words that
// stem to it, each with its postings, and the documents holding a compound
// whose head has this stem.
type entry struct {
	stem     string
	words    []string
	postings [][]posting
	compound []posting
}

// index is the inverted index over documents in their final order.
type index struct {
	docs    []Document
	entries []entry // sorted by stem
}

// newIndex orders the documents (newest first, then by URL) and builds
// the inverted index with BM25F impacts.
func newIndex(docs []Document, cache *Cache) (*index, error) {
	docs = slices.Clone(docs)
	seen := map[string]bool{}
	for _, d := range docs {
		if d.URL == "" {
			return nil, fmt.Errorf("search: document %q has no URL", d.Title)
		}
		if seen[d.URL] {
			return nil, fmt.Errorf("search: two documents have the URL %s", d.URL)
		}
		seen[d.URL] = true
	}
	slices.SortFunc(docs, func(a, b Document) int {
		if c := cmp.Compare(b.Date, a.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.URL, b.URL)
	})
	scores := scoreWords(docs, cache)
	return &index{docs: docs, entries: group(scores, newAnalyser())}, nil
}

// scoreWords returns every word's postings as raw BM25F scores.
func scoreWords(docs []Document, cache *Cache) map[string][]rawPosting {
	counts := cache.countAll(docs)
	var avg [4]float64
	df := map[string]int{}
	for _, c := range counts {
		for _, w := range c.words {
			df[w]++
		}
		for f := range avg {
			avg[f] += c.lens[f]
		}
	}
	n := float64(len(docs))
	for f := range avg {
		avg[f] = max(avg[f]/max(n, 1), 1)
	}
	out := make(map[string][]rawPosting, len(df))
	for i, c := range counts {
		for j, w := range c.words {
			var t float64
			for f, tf := range c.tf[j] {
				norm := 1 - fields[f].b + fields[f].b*c.lens[f]/avg[f]
				t += fields[f].weight * float64(tf) / norm
			}
			dfw := float64(df[w])
			idf := math.Log(1 + (n-dfw+0.5)/(dfw+0.5))
			out[w] = append(out[w], rawPosting{i, idf * t / (k1 + t)})
		}
		if cache == nil {
			counts[i] = counted{} // done with it; a large site needs the memory back
		}
	}
	return out
}

// counted is one document's words in order of appearance with their
// counts per field.
type counted struct {
	words []string
	tf    [][4]uint16 // occurrences per field, saturating
	lens  [4]float64
}

// A Cache keeps the word counts of the documents of one build for the
// next, so that a rebuild analyses only the documents whose text changed.
// The preview server keeps one; the zero value is empty and ready, and a
// nil *Cache keeps nothing.
type Cache struct {
	mu     sync.Mutex
	byURL  map[string]cachedCount
	reused int
}

type cachedCount struct {
	title, summary, body string
	headings             []string
	c                    counted
}

// Reused returns how many documents the last build took from the cache.
func (c *Cache) Reused() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reused
}

// lookup returns the counts of d from the last build, if its text is the same.
func (c *Cache) lookup(d Document) (counted, bool) {
	if c == nil {
		return counted{}, false
	}
	e, ok := c.byURL[d.URL]
	if !ok || e.title != d.Title || e.summary != d.Summary || e.body != d.Body || !slices.Equal(e.headings, d.Headings) {
		return counted{}, false
	}
	return e.c, true
}

// countAll counts the words of every document, in parallel: analysing the
// text is most of the index's build time. The result does not depend on
// the number of workers. Documents whose text is in the cache are not
// analysed again; afterwards the cache holds exactly these documents.
func (c *Cache) countAll(docs []Document) []counted {
	out := make([]counted, len(docs))
	todo := make([]int, 0, len(docs))
	if c != nil {
		c.mu.Lock()
	}
	for i, d := range docs {
		if cc, ok := c.lookup(d); ok {
			out[i] = cc
			continue
		}
		todo = append(todo, i)
	}
	if c != nil {
		c.mu.Unlock()
	}
	workers := min(runtime.GOMAXPROCS(0), max(len(todo)/64, 1))
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			an := newAnalyser()
			for j := k; j < len(todo); j += workers {
				i := todo[j]
				out[i] = count(docs[i], an)
			}
		})
	}
	wg.Wait()
	if c != nil {
		c.mu.Lock()
		c.byURL = make(map[string]cachedCount, len(docs))
		for i, d := range docs {
			c.byURL[d.URL] = cachedCount{d.Title, d.Summary, d.Body, d.Headings, out[i]}
		}
		c.reused = len(docs) - len(todo)
		c.mu.Unlock()
	}
	return out
}

func count(d Document, an *analyser) counted {
	var c counted
	at := an.seen
	clear(at)
	texts := [4]string{d.Title, d.Summary, strings.Join(d.Headings, "\n"), d.Body}
	for f, text := range texts {
		for _, w := range an.terms(text) {
			i, ok := at[w]
			if !ok {
				i = len(c.words)
				at[w] = i
				c.words = append(c.words, w)
				c.tf = append(c.tf, [4]uint16{})
			}
			if c.tf[i][f] < math.MaxUint16 {
				c.tf[i][f]++
			}
			c.lens[f]++
		}
	}
	return c
}

type rawPosting struct {
	doc   int
	score float64
}

// group quantises the scores to 1–63, gathers the words by stem and
// adds the compound postings.
func group(scores map[string][]rawPosting, an *analyser) []entry {
	top := 0.0
	for _, ps := range scores {
		for _, p := range ps {
			top = max(top, p.score)
		}
	}
	byStem := map[string]*entry{}
	words := make([]string, 0, len(scores))
	for w := range scores {
		words = append(words, w)
	}
	slices.Sort(words)
	quant := map[string][]posting{}
	for _, w := range words {
		ps := quantise(scores[w], top)
		quant[w] = ps
		s := an.stem(w)
		e := byStem[s]
		if e == nil {
			e = &entry{stem: s}
			byStem[s] = e
		}
		e.words = append(e.words, w)
		e.postings = append(e.postings, ps)
	}
	for head, ws := range compounds(words, byStem, an) {
		var all []posting
		for _, w := range ws {
			all = append(all, quant[w]...)
		}
		byStem[head].compound = mergeMax(all)
	}
	stems := make([]string, 0, len(byStem))
	for s := range byStem {
		stems = append(stems, s)
	}
	slices.Sort(stems)
	entries := make([]entry, len(stems))
	for i, s := range stems {
		entries[i] = *byStem[s]
	}
	return entries
}

func quantise(raw []rawPosting, top float64) []posting {
	ps := make([]posting, len(raw))
	for i, p := range raw {
		q := math.Round(maxImpact * p.score / top)
		ps[i] = posting{p.doc, byte(min(max(q, 1), maxImpact))}
	}
	slices.SortFunc(ps, func(a, b posting) int { return a.doc - b.doc })
	return ps
}

// mergeMax sorts postings by document and keeps the highest impact of each.
func mergeMax(ps []posting) []posting {
	slices.SortFunc(ps, func(a, b posting) int {
		if a.doc != b.doc {
			return a.doc - b.doc
		}
		return int(b.impact) - int(a.impact)
	})
	return slices.CompactFunc(ps, func(a, b posting) bool { return a.doc == b.doc })
}
