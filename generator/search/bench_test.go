package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// synthetic returns n documents of about 640 words drawn from the test
// documents' vocabulary plus generated compounds.
func synthetic(tb testing.TB, n int) []Document {
	var vocab []string
	for _, d := range loadDocs(tb) {
		vocab = append(vocab, Terms(d.Body+" "+d.Summary)...)
	}
	r := rand.New(rand.NewPCG(1, 2))
	docs := make([]Document, n)
	for i := range docs {
		ws := make([]string, 640)
		for j := range ws {
			ws[j] = vocab[r.IntN(len(vocab))]
			if r.IntN(12) == 0 {
				ws[j] += vocab[r.IntN(len(vocab))]
			}
		}
		docs[i] = Document{URL: fmt.Sprintf("/cases/%d/", i), Title: strings.Join(ws[:5], " "),
			Kind: "case", Summary: strings.Join(ws[5:25], " "), Body: strings.Join(ws[25:], " "),
			Facets: []Facet{{"kommune", fmt.Sprint(i % 30), fmt.Sprint(i % 30)}}}
	}
	return docs
}

func BenchmarkBuild1000(b *testing.B) {
	docs := synthetic(b, 1000)
	for b.Loop() {
		if _, _, err := Build(docs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildCached1000 rebuilds the index after one document's body
// changed, with the other documents' counts from the cache.
func BenchmarkBuildCached1000(b *testing.B) {
	docs := synthetic(b, 1000)
	c := NewCache()
	if _, _, err := BuildCached(docs, c); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		docs[7].Body += fmt.Sprint(" ord", i)
		if _, _, err := BuildCached(docs, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompounds splits the vocabulary of one document that holds a
// 10 000-letter word, as a PDF pasted without spaces gives (issue F6).
func BenchmarkCompounds(b *testing.B) {
	words := append(Terms("Boligorganisationerne og hjemløshedsindsatsen samarbejder om en indsats"), strings.Repeat("a", 10_000))
	an := newAnalyser()
	stems := map[string]*entry{}
	for _, w := range words {
		stems[an.stem(w)] = &entry{}
	}
	for b.Loop() {
		compounds(words, stems, an)
	}
}
