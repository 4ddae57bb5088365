package search

import "unicode/utf8"

// Limits for splitting compounds: "hjemløshedsindsatsen" has the modifier
// "hjemløsheds" and the head "indsatsen", found because "indsats" occurs
// on its own somewhere in the catalogue.
const (
	minModifier = 3 // characters before the head
	minHead     = 4 // characters of the head word
	minHeadStem = 3 // characters of the head's stem
)

// compounds maps a head stem to the words that end in a form of it. A head
// counts only if its stem is the stem of some word in the vocabulary and
// differs from the whole word's stem.
func compounds(words []string, stems map[string]*entry, an *analyser) map[string][]string {
	heads := map[string]bool{}
	starts := map[string]bool{} // first three bytes of the heads: a cheap first test
	for s := range stems {
		if utf8.RuneCountInString(s) >= minHeadStem {
			heads[s] = true
			starts[s[:3]] = true
		}
	}
	out := map[string][]string{}
	for _, w := range words {
		if utf8.RuneCountInString(w) < minModifier+minHead {
			continue
		}
		own := an.stem(w)
		var seen []string
		n := 0
		for i := range w {
			if n++; n <= minModifier {
				continue
			}
			tail := w[i:]
			if utf8.RuneCountInString(tail) < minHead {
				break
			}
			if !starts[tail[:3]] || !hasHead(tail, heads) {
				continue
			}
			h := Stem(tail)
			if h == own || !heads[h] || contains(seen, h) {
				continue
			}
			seen = append(seen, h)
			out[h] = append(out[h], w)
		}
	}
	return out
}

// hasHead reports whether some head is a prefix of tail, as the head's
// stem must be.
func hasHead(tail string, heads map[string]bool) bool {
	for l := 3; l <= len(tail); l++ {
		if heads[tail[:l]] {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
