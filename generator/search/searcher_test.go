package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// searcher is the reference reader of the index: the same algorithm as
// search.js, so the recall file checks the index independently of a browser.
type searcher struct {
	files map[string][]byte
	meta  meta
	facet facetFile
}

type shardEntry struct {
	stem     string
	words    []string
	postings [][]posting
	compound []posting
}

func newSearcher(files map[string][]byte, entry string) (*searcher, error) {
	s := &searcher{files: files}
	if err := json.Unmarshal(files[entry], &s.meta); err != nil {
		return nil, err
	}
	if s.meta.Members != nil {
		s.facet = *s.meta.Members
	} else if err := json.Unmarshal(files[s.meta.FacetAt], &s.facet); err != nil {
		return nil, err
	}
	return s, nil
}

// shardOf returns the shard whose stem range holds key.
func (s *searcher) shardOf(key string) int {
	i := sort.Search(len(s.meta.Shards), func(i int) bool { return s.meta.Shards[i] > key })
	return max(i-1, 0)
}

func (s *searcher) load(i int) []shardEntry {
	var rows [][]string
	if err := json.Unmarshal(s.files[fmt.Sprintf("s/%d.%s.json", i, s.meta.Names[i/s.meta.Group])], &rows); err != nil {
		panic(err)
	}
	out := make([]shardEntry, len(rows))
	for k, row := range rows {
		e := &out[k]
		e.stem = row[0]
		e.compound = decodePostings(row[1])
		for j := 2; j < len(row); j += 2 {
			e.words = append(e.words, e.stem+row[j])
			e.postings = append(e.postings, decodePostings(row[j+1]))
		}
	}
	return out
}

func decodePostings(s string) []posting {
	off := 0
	vlq := func() int {
		v, shift := 0, 0
		for {
			c := strings.IndexByte(digits, s[off])
			off++
			v |= (c & 31) << shift
			shift += 5
			if c&32 == 0 {
				return v
			}
		}
	}
	ps := make([]posting, vlq())
	doc := 0
	for i := range ps {
		doc += vlq()
		ps[i].doc = int32(doc)
	}
	for i := range ps {
		ps[i].impact = byte(strings.IndexByte(digits, s[off]))
		off++
	}
	return ps
}

type term struct {
	word, stem string
	prefix     bool
}

// terms analyses a query the way search.js does: the last word, unless
// followed by a space, also matches as a prefix from three letters on.
func terms(q string) []term {
	toks := Tokenize(q)
	q = norm.NFC.String(q)
	var out []term
	for i, t := range toks {
		n := utf8.RuneCountInString(t.Word)
		last := i == len(toks)-1 && t.End == len(q) && n >= 3
		if !Indexable(t.Word) && !last || slices.ContainsFunc(out, func(o term) bool { return o.word == t.Word }) {
			continue
		}
		out = append(out, term{t.Word, Stem(t.Word), last})
	}
	return out
}

// entriesFor loads what a term needs, as search.js does: the shard of its
// stem, and only if the stem is not in the index, the shards around the
// word for prefix and typo matches.
func (s *searcher) entriesFor(t term) []shardEntry {
	first := s.shardOf(t.stem)
	entries := s.load(first)
	if slices.ContainsFunc(entries, func(e shardEntry) bool { return e.stem == t.stem }) ||
		!t.prefix && utf8.RuneCountInString(t.word) < 4 {
		return entries
	}
	ids := []int{s.shardOf(t.word)}
	if next := ids[0] + 1; t.prefix && next < len(s.meta.Shards) && strings.HasPrefix(s.meta.Shards[next], t.word) {
		ids = append(ids, next)
	}
	for _, i := range ids {
		if i != first {
			entries = append(entries, s.load(i)...)
		}
	}
	return entries
}

// match scores one term against the loaded entries: exact word 3, same
// stem 2, compound head 1; only if the stem is unknown, prefix 1 and then
// typo 1. Impact is added; the best match per document counts.
func match(t term, entries []shardEntry) map[int]int {
	best := map[int]int{}
	add := func(ps []posting, tier int) {
		for _, p := range ps {
			best[int(p.doc)] = max(best[int(p.doc)], tier*64+int(p.impact))
		}
	}
	if i := slices.IndexFunc(entries, func(e shardEntry) bool { return e.stem == t.stem }); i >= 0 {
		e := entries[i]
		for j, w := range e.words {
			if w == t.word {
				add(e.postings[j], 3)
			} else {
				add(e.postings[j], 2)
			}
		}
		add(e.compound, 1)
		return best
	}
	for _, e := range entries {
		for i, w := range e.words {
			if t.prefix && strings.HasPrefix(w, t.word) {
				add(e.postings[i], 1)
			}
		}
	}
	n := utf8.RuneCountInString(t.word)
	if len(best) > 0 || n < 4 {
		return best
	}
	k := 1
	if n >= 8 {
		k = 2
	}
	for _, e := range entries {
		for i, w := range e.words {
			if osa([]rune(t.word), []rune(w), k) <= k {
				add(e.postings[i], 1)
			}
		}
	}
	return best
}

// search returns result URLs in rank order.
func (s *searcher) search(q string, facets map[string][]string) []string {
	ts := terms(q)
	var scores map[int]int
	if len(ts) > 0 {
		scores = map[int]int{}
		for _, t := range ts {
			for d, v := range match(t, s.entriesFor(t)) {
				scores[d] += v
			}
		}
	} else if len(facets) == 0 {
		return nil
	}
	keep := s.filter(facets)
	var ids []int
	for d := 0; d < s.meta.Docs; d++ {
		if (scores == nil || scores[d] > 0) && (keep == nil || keep[d]) {
			ids = append(ids, d)
		}
	}
	sort.SliceStable(ids, func(a, b int) bool { return scores[ids[a]] > scores[ids[b]] })
	urls := make([]string, len(ids))
	for i, d := range ids {
		df, err := readDoc(s.files, &s.meta, d)
		if err != nil {
			panic(err)
		}
		urls[i] = df.URL
	}
	return urls
}

// filter returns the documents that have one of the chosen values of every
// chosen facet, or nil if no facet is chosen.
func (s *searcher) filter(facets map[string][]string) map[int]bool {
	var keep map[int]bool
	for name, slugs := range facets {
		in := map[int]bool{}
		for i, f := range s.meta.Facets {
			if f[0] != name || !slices.Contains(slugs, f[1]) {
				continue
			}
			d := 0
			for _, g := range s.facet.Docs[i] {
				d += g
				in[d] = true
			}
		}
		if keep != nil {
			for d := range keep {
				keep[d] = in[d]
			}
		} else {
			keep = in
		}
	}
	return keep
}

// osa is the optimal string alignment distance, giving up above k.
func osa(a, b []rune, k int) int {
	if abs(len(a)-len(b)) > k {
		return k + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
