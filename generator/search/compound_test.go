package search

import (
	"slices"
	"testing"
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
