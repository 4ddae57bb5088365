package search

import (
	"cmp"
	"context"
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
	doc    int32
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
func newIndex(ctx context.Context, docs []Document, cache *Cache) (*index, error) {
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
	words, scores, err := scoreWords(ctx, docs, cache)
	if err != nil {
		return nil, err
	}
	return &index{docs: docs, entries: cache.group(words, scores)}, nil
}

// scoreWords returns the words of the documents in byte order, each with
// its postings as raw BM25F scores in document order.
func scoreWords(ctx context.Context, docs []Document, c *Cache) (words []string, scores [][]rawPosting, err error) {
	counts, err := c.countAll(ctx, docs)
	if err != nil {
		return nil, nil, err
	}
	df := make([]int32, len(c.words))
	var avg [4]float64
	total := 0
	for _, cc := range counts {
		for _, id := range cc.ids {
			df[id]++
		}
		total += len(cc.ids)
		for f := range avg {
			avg[f] += cc.lens[f]
		}
	}
	n := float64(len(docs))
	for f := range avg {
		avg[f] = max(avg[f]/max(n, 1), 1)
	}
	// Postings of word id are flat[start[id]:start[id+1]], filled in
	// document order.
	start := make([]int32, len(df)+1)
	idf := make([]float64, len(df))
	for id, d := range df {
		start[id+1] = start[id] + d
		if d > 0 {
			dfw := float64(d)
			idf[id] = math.Log(1 + (n-dfw+0.5)/(dfw+0.5))
		}
	}
	flat := make([]rawPosting, total)
	fill := slices.Clone(start[:len(df)])
	for i, cc := range counts {
		var norm [4]float64
		for f := range norm {
			norm[f] = 1 - fields[f].b + fields[f].b*cc.lens[f]/avg[f]
		}
		for j, id := range cc.ids {
			var t float64
			for f, tf := range cc.tf[j] {
				t += fields[f].weight * float64(tf) / norm[f]
			}
			flat[fill[id]] = rawPosting{int32(i), idf[id] * t / (k1 + t)}
			fill[id]++
		}
		if !c.keep {
			counts[i] = counted{} // done with it; a large site needs the memory back
		}
	}
	for _, id := range c.order {
		if df[id] > 0 {
			words = append(words, c.words[id])
			scores = append(scores, flat[start[id]:start[id+1]])
		}
	}
	return words, scores, nil
}

// counted is one document's words in order of appearance with their
// counts per field.
type counted struct {
	words []string    // until they have ids
	ids   []int32     // the words' ids in the cache's vocabulary
	tf    [][4]uint16 // occurrences per field, saturating
	lens  [4]float64
}

// A Cache keeps what one build of the index learnt for the next: each
// document's word counts, so that a rebuild analyses only the documents
// whose text changed, and the vocabulary with its order, stems and
// compounds. The preview server keeps one. The output never depends on
// what the cache held.
type Cache struct {
	keep   bool // keep the counts for the next build
	byURL  map[string]cachedCount
	reused int

	ids   map[string]int32 // word → id
	words []string         // id → word
	order []int32          // ids in byte order of their words
	an    *analyser        // memoised stems

	live []int32 // the words of the last build, in order, with their compounds
	comp map[string][]string

	docs map[string]encodedDoc // compressed document records of the last build, by URL

	facets    *meta // the facet values and members of the last build
	facetFile []byte
	facetDocs []facetKey // what they came from, in document order
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{keep: true} }

type cachedCount struct {
	title, summary, body string
	headings             []string
	c                    counted
}

// Reused returns how many documents the last build took from the cache.
func (c *Cache) Reused() int { return c.reused }

// lookup returns the counts of d from the last build, if its text is the same.
func (c *Cache) lookup(d Document) (counted, bool) {
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
func (c *Cache) countAll(ctx context.Context, docs []Document) ([]counted, error) {
	out := make([]counted, len(docs))
	todo := make([]int, 0, len(docs))
	for i, d := range docs {
		if cc, ok := c.lookup(d); ok {
			out[i] = cc
			continue
		}
		todo = append(todo, i)
	}
	workers := min(runtime.GOMAXPROCS(0), max(len(todo)/64, 1))
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			an := newAnalyser()
			for j := k; j < len(todo) && ctx.Err() == nil; j += workers {
				i := todo[j]
				out[i] = count(docs[i], an)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err // the cache is as it was
	}
	if c.ids == nil {
		c.ids, c.an = map[string]int32{}, newAnalyser()
	}
	added := len(c.words)
	for _, i := range todo {
		cc := &out[i]
		cc.ids = make([]int32, len(cc.words))
		for j, w := range cc.words {
			id, ok := c.ids[w]
			if !ok {
				id = int32(len(c.words))
				c.ids[w] = id
				c.words = append(c.words, w)
			}
			cc.ids[j] = id
		}
		cc.words = nil // the ids say it, and the vocabulary holds each word once
	}
	if len(c.words) > added {
		c.order = slices.Grow(c.order, len(c.words)-added)
		for id := int32(added); id < int32(len(c.words)); id++ {
			c.order = append(c.order, id)
		}
		slices.SortFunc(c.order, func(a, b int32) int { return strings.Compare(c.words[a], c.words[b]) })
	}
	c.reused = len(docs) - len(todo)
	if c.keep {
		c.byURL = make(map[string]cachedCount, len(docs))
		for i, d := range docs {
			c.byURL[d.URL] = cachedCount{d.Title, d.Summary, d.Body, d.Headings, out[i]}
		}
	}
	return out, nil
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
	doc   int32
	score float64
}

// group quantises the scores to 1–63, gathers the words by stem and
// adds the compound postings.
func (c *Cache) group(words []string, scores [][]rawPosting) []entry {
	top := 0.0
	for _, ps := range scores {
		for _, p := range ps {
			top = max(top, p.score)
		}
	}
	an := c.an
	byStem := map[string]*entry{}
	quant := make(map[string][]posting, len(words))
	for i, w := range words {
		ps := quantise(scores[i], top)
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
	live := make([]int32, len(words))
	for i, w := range words {
		live[i] = c.ids[w]
	}
	if c.comp == nil || !slices.Equal(live, c.live) {
		c.comp, c.live = compounds(words, byStem, an), live
	}
	for head, ws := range c.comp {
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
	return ps // in document order, as the scores are
}

// mergeMax sorts postings by document and keeps the highest impact of each.
func mergeMax(ps []posting) []posting {
	slices.SortFunc(ps, func(a, b posting) int {
		if a.doc != b.doc {
			return int(a.doc - b.doc)
		}
		return int(b.impact) - int(a.impact)
	})
	return slices.CompactFunc(ps, func(a, b posting) bool { return a.doc == b.doc })
}
