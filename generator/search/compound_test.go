package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCompoundsIssue6(t *testing.T) {
	words := []string{"bolig", "boligorganisationerne", "hjemloshedsindsatsen", "indsats", "organisationer", "sats", "tilsat"}
	stems := map[string]*entry{}
	an := newAnalyser()
	for _, w := range words {
		stems[an.stem(w)] = &entry{}
	}
	got := compounds(words, stems, an)
	want := map[string][]string{
		"indsat":       {"hjemloshedsindsatsen"},
		"organisation": {"boligorganisationerne"},
		"sat":          {"hjemloshedsindsatsen", "indsats"}, // "sats" is a word too
	}
	for head, ws := range want {
		if !slices.Equal(got[head], ws) {
			t.Errorf("compounds: head %q = %q, want %q", head, got[head], ws)
		}
	}
	for head, ws := range got {
		if want[head] == nil {
			t.Errorf("compounds: unexpected head %q of %q", head, ws)
		}
	}
}

// TestCompoundsLongWordsIssueF6 indexes a 1 MB word and a 30 000-letter
// word, as text pasted without spaces gives. Splitting them took time in
// the cube of their length; now each is indexed whole and not split, while
// words up to maxCompound letters still are.
func TestCompoundsLongWordsIssueF6(t *testing.T) {
	mb := strings.Repeat("a", 1<<20)
	long := strings.Repeat("hjemløshedsindsatsen", 1500)
	atCap := strings.Repeat("x", maxCompound-len("indsatsen")) + "indsatsen"
	docs := []Document{
		{URL: "/a/", Title: "Et langt ord", Body: mb + " " + mb + "b"},
		{URL: "/b/", Title: "Indsats", Body: "Hjemløshedsindsatsen er en indsats. " + long + " " + atCap + " y" + atCap},
	}
	if _, _, err := Build(docs); err != nil {
		t.Fatal(err)
	}
	ix, err := newIndex(context.Background(), docs, &Cache{})
	if err != nil {
		t.Fatal(err)
	}
	indexed := map[string]bool{}
	for _, e := range ix.entries {
		for _, w := range e.words {
			indexed[w] = true
		}
	}
	for _, w := range []string{mb, mb + "b", Fold(long), "hjemloshedsindsatsen", atCap, "y" + atCap} {
		if !indexed[w] {
			t.Errorf("the word of %d letters %.30q… is not in the index", utf8.RuneCountInString(w), w)
		}
	}

	var words []string
	for _, d := range docs {
		words = append(words, Terms(d.Body)...)
	}
	an := newAnalyser()
	stems := map[string]*entry{}
	for _, w := range words {
		stems[an.stem(w)] = &entry{}
	}
	got := compounds(words, stems, an)
	want := []string{"hjemloshedsindsatsen", atCap} // not "y"+atCap: one letter over
	if !slices.Equal(got["indsat"], want) {
		t.Errorf("compounds: head \"indsat\" = %.40q, want %.40q", got["indsat"], want)
	}
	for head, ws := range got {
		for _, w := range ws {
			if utf8.RuneCountInString(w) > maxCompound {
				t.Errorf("compounds: head %q has the word of %d letters %.30q…", head, utf8.RuneCountInString(w), w)
			}
		}
	}
}
