package search

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
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
func newIndex(docs []Document) (*index, error) {
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
	scores := scoreWords(docs)
	return &index{docs: docs, entries: group(scores)}, nil
}

// scoreWords returns every word's postings as raw BM25F scores.
func scoreWords(docs []Document) map[string][]rawPosting {
	type fieldTF [4]float64
	tfs := make([]map[string]*fieldTF, len(docs))
	lens := make([][4]float64, len(docs))
	var avg [4]float64
	df := map[string]int{}
	for i, d := range docs {
		tfs[i] = map[string]*fieldTF{}
		texts := [4]string{d.Title, d.Summary, strings.Join(d.Headings, "\n"), d.Body}
		for f, text := range texts {
			for _, w := range Terms(text) {
				tf := tfs[i][w]
				if tf == nil {
					tf = new(fieldTF)
					tfs[i][w] = tf
					df[w]++
				}
				tf[f]++
				lens[i][f]++
			}
			avg[f] += lens[i][f]
		}
	}
	n := float64(len(docs))
	for f := range avg {
		avg[f] = max(avg[f]/max(n, 1), 1)
	}
	out := map[string][]rawPosting{}
	for i := range docs {
		for w, tf := range tfs[i] {
			var t float64
			for f, c := range tf {
				norm := 1 - fields[f].b + fields[f].b*lens[i][f]/avg[f]
				t += fields[f].weight * c / norm
			}
			dfw := float64(df[w])
			idf := math.Log(1 + (n-dfw+0.5)/(dfw+0.5))
			out[w] = append(out[w], rawPosting{i, idf * t / (k1 + t)})
		}
	}
	return out
}

type rawPosting struct {
	doc   int
	score float64
}

// group quantises the scores to 1–63, gathers the words by stem and
// adds the compound postings.
func group(scores map[string][]rawPosting) []entry {
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
		s := Stem(w)
		e := byStem[s]
		if e == nil {
			e = &entry{stem: s}
			byStem[s] = e
		}
		e.words = append(e.words, w)
		e.postings = append(e.postings, ps)
	}
	for head, ws := range compounds(words, byStem) {
		var all []posting
		for _, w := range ws {
			all = append(all, quant[w]...)
		}
		byStem[head].compound = mergeMax(all)
	}
	entries := make([]entry, 0, len(byStem))
	for _, e := range byStem {
		entries = append(entries, *e)
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.stem, b.stem) })
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
