package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A Document is one searchable thing: a page, or one milestone on the timeline.
type Document struct {
	URL       string // "/cases/aalborg-skurbyen/" or "/tidsplan/#m-2025-05-16-kampagne"
	Title     string
	Kind      string // facet "type": "case", "princip", "tema", "side", "milepael"
	KindLabel string // the type's Danish name: "Case", "Milepæl"
	Summary   string
	Headings  []string // h2–h4 texts
	Body      string   // visible body text, plain, paragraphs separated by "\n\n"
	Date      string   // YYYY-MM-DD or ""
	Facets    []Facet  // tema / kommune / princip values of the page
}

// A Facet value: Name is "tema", "kommune" or "princip"; Slug is what goes
// in the URL (?tema=boligloesninger&kommune=aalborg&princip=2); Label is
// what people read.
type Facet struct{ Name, Slug, Label string }

// Layout of the index. Shards hold whole stem entries and are closed once
// they pass shardBytes; shards are named per group of shardGroup and
// documents are packed docBucket to a file, so that the entry file stays
// small while a change renames only the files near it.
const (
	shardBytes = 24 << 10
	shardGroup = 16
	docBucket  = 64
	// inlineFacets is the largest number of facet memberships kept in the
	// entry file itself; bigger sites get a separate facet file.
	inlineFacets = 600
	// excerptBytes is how much of a body a document file keeps.
	excerptBytes = 1500
	hashLen      = 7
)

// meta is the entry file: what the script loads before the first query.
type meta struct {
	Version int         `json:"v"`
	Docs    int         `json:"n"`
	Shards  []string    `json:"sk"` // shard i holds the stems from sk[i] up to sk[i+1]
	Names   []string    `json:"sh"` // hash of each group: s/<i>.<sh[i/sg]>.json
	Group   int         `json:"sg"`
	Packs   string      `json:"dv"` // version of the packs: d/<i>.<dv>.bin (see pack.go)
	Bucket  int         `json:"db"` // documents per pack
	Slot    int         `json:"ds"` // bytes per document in a pack
	Facets  [][3]string `json:"fv"` // name, slug, label
	Members *facetFile  `json:"fm,omitempty"`
	FacetAt string      `json:"ff,omitempty"` // name of the facet file
}

// facetFile lists, for each facet value in meta.Facets, its documents as
// gaps between ascending ids.
type facetFile struct {
	Docs [][]int `json:"d"`
}

// clip returns about the first n bytes of text, cut after a word, and
// whether it cut anything. Excerpts come from this part of the body or
// from the summary: the whole text would double the bytes of a query.
func clip(text string, n int) (string, bool) {
	if len(text) <= n {
		return text, false
	}
	i := strings.LastIndexAny(text[:n], " \n")
	if i <= 0 {
		i = n
		for i > 0 && !utf8.RuneStart(text[i]) {
			i--
		}
	}
	return strings.TrimRight(text[:i], " \n,;:"), true
}

// Build returns the index files, keyed by slash-separated names relative
// to /soeg/data/, every name content-hashed so the CDN may cache
// /soeg/data/* forever, plus the name of the entry file the page must load
// first. Output is byte-identical for the same input.
func Build(docs []Document) (files map[string][]byte, entry string, err error) {
	return BuildCached(docs, &Cache{})
}

// BuildCached is Build with what did not change since the last build with
// the same cache taken from it (see Cache). The output is the same as
// Build's. A zero Cache keeps only the vocabulary, not the counts.
func BuildCached(docs []Document, cache *Cache) (files map[string][]byte, entry string, err error) {
	return BuildContext(context.Background(), docs, cache)
}

// BuildContext is BuildCached that stops, with ctx's error and the cache
// as it was, when ctx is done while the documents are analysed.
func BuildContext(ctx context.Context, docs []Document, cache *Cache) (files map[string][]byte, entry string, err error) {
	if cache == nil {
		cache = &Cache{}
	}
	ix, err := newIndex(ctx, docs, cache)
	if err != nil {
		return nil, "", err
	}
	files = map[string][]byte{}
	m := meta{Version: 1, Docs: len(ix.docs), Bucket: docBucket, Group: shardGroup}
	shards, err := shard(ix.entries)
	if err != nil {
		return nil, "", err
	}
	for start := 0; start < len(shards); start += shardGroup {
		group := shards[start:min(start+shardGroup, len(shards))]
		parts := make([][]byte, len(group))
		for i, sh := range group {
			parts[i] = sh.data
		}
		h := hash(parts...)
		m.Names = append(m.Names, h)
		for i, sh := range group {
			files[fmt.Sprintf("s/%d.%s.json", start+i, h)] = sh.data
			m.Shards = append(m.Shards, boundary(shards, start+i))
		}
	}
	if err := cache.writeDocs(ix.docs, files, &m); err != nil {
		return nil, "", err
	}
	if err := cache.writeFacets(ix.docs, files, &m); err != nil {
		return nil, "", err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, "", err
	}
	entry = "meta." + hash(b) + ".json"
	files[entry] = b
	return files, entry, nil
}

// boundary returns the key where shard i starts: the shortest that sorts
// after the last stem of shard i-1 and not after the first stem of shard i.
func boundary(shards []shardData, i int) string {
	if i == 0 {
		return ""
	}
	return separator(shards[i-1].last, shards[i].first)
}

// writeFacets lists the facet values (the kind of page as "type" first)
// and their documents, inline when small.
func (c *Cache) writeFacets(docs []Document, files map[string][]byte, m *meta) error {
	if c.facets != nil && slices.EqualFunc(docs, c.facetDocs, func(d Document, f facetKey) bool {
		return d.Kind == f.kind && slices.Equal(d.Facets, f.facets)
	}) {
		m.Facets, m.Members, m.FacetAt = c.facets.Facets, c.facets.Members, c.facets.FacetAt
		if m.FacetAt != "" {
			files[m.FacetAt] = c.facetFile
		}
		return nil
	}
	err := writeFacets(docs, files, m)
	if err == nil && c.keep {
		c.facets = &meta{Facets: m.Facets, Members: m.Members, FacetAt: m.FacetAt}
		c.facetFile = files[m.FacetAt]
		c.facetDocs = make([]facetKey, len(docs))
		for i, d := range docs {
			c.facetDocs[i] = facetKey{d.Kind, d.Facets}
		}
	}
	return err
}

// facetKey is what of a document its facet memberships depend on.
type facetKey struct {
	kind   string
	facets []Facet
}

func writeFacets(docs []Document, files map[string][]byte, m *meta) error {
	members := map[[3]string][]int{}
	total := 0
	for i, d := range docs {
		vals := []Facet{{"type", d.Kind, d.KindLabel}}
		for _, f := range append(vals, d.Facets...) {
			k := [3]string{f.Name, f.Slug, f.Label}
			if f.Slug == "" || slices.Contains(members[k], i) {
				continue
			}
			members[k] = append(members[k], i)
			total++
		}
	}
	for k := range members {
		m.Facets = append(m.Facets, k)
	}
	slices.SortFunc(m.Facets, compareFacet)
	ff := &facetFile{}
	for _, k := range m.Facets {
		ff.Docs = append(ff.Docs, gaps(members[k]))
	}
	if total <= inlineFacets {
		m.Members = ff
		return nil
	}
	b, err := json.Marshal(ff)
	if err != nil {
		return err
	}
	m.FacetAt = "f." + hash(b) + ".json"
	files[m.FacetAt] = b
	return nil
}

var facetOrder = map[string]int{"type": 0, "tema": 1, "kommune": 2, "princip": 3}

func compareFacet(a, b [3]string) int {
	if oa, ob := facetOrder[a[0]], facetOrder[b[0]]; oa != ob {
		return oa - ob
	}
	if a[0] != b[0] {
		return strings.Compare(a[0], b[0])
	}
	if a[2] != b[2] {
		return strings.Compare(a[2], b[2])
	}
	return strings.Compare(a[1], b[1])
}

func gaps(ids []int) []int {
	out := make([]int, len(ids))
	prev := 0
	for i, id := range ids {
		out[i] = id - prev
		prev = id
	}
	return out
}

// hash names content: the first hashLen hex digits of the SHA-256 of the
// parts one after another.
func hash(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))[:hashLen]
}
