package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// A recallCase is one line of testdata/recall.json, shared with the
// browser test of search.js.
type recallCase struct {
	Q      string              `json:"q"`
	Facets map[string][]string `json:"facets"`
	First  string              `json:"first"` // the first result
	Last   string              `json:"last"`  // the last result
	Want   []string            `json:"want"`  // among the results
	Not    []string            `json:"not"`   // not among the results
	All    []string            `json:"all"`   // exactly these, in this order
	None   bool                `json:"none"`  // no results at all
}

func loadDocs(t testing.TB) []Document {
	t.Helper()
	var docs []Document
	b, err := os.ReadFile("testdata/docs.json")
	if err == nil {
		err = json.Unmarshal(b, &docs)
	}
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestRecall(t *testing.T) {
	files, entry, err := Build(loadDocs(t))
	if err != nil {
		t.Fatal(err)
	}
	s, err := newSearcher(files, entry)
	if err != nil {
		t.Fatal(err)
	}
	var cases []recallCase
	b, err := os.ReadFile("testdata/recall.json")
	if err == nil {
		err = json.Unmarshal(b, &cases)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got := s.search(c.Q, c.Facets)
		if msg := c.check(got); msg != "" {
			t.Errorf("search(%q, %v) = %q: %s", c.Q, c.Facets, got, msg)
		}
	}
}

// check returns what is wrong with the results, or "".
func (c recallCase) check(got []string) string {
	switch {
	case c.None && len(got) > 0:
		return "want no results"
	case !c.None && len(got) == 0:
		return "want results"
	case c.First != "" && got[0] != c.First:
		return "want first " + c.First
	case c.Last != "" && got[len(got)-1] != c.Last:
		return "want last " + c.Last
	case c.All != nil && !slices.Equal(got, c.All):
		return "want exactly " + c.All[0] + " …"
	}
	for _, u := range c.Want {
		if !slices.Contains(got, u) {
			return "missing " + u
		}
	}
	for _, u := range c.Not {
		if slices.Contains(got, u) {
			return "unwanted " + u
		}
	}
	return ""
}
