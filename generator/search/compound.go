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
func compounds(words []string, stems map[string]*entry) map[string][]string {
	out := map[string][]string{}
	for _, w := range words {
		if utf8.RuneCountInString(w) < minModifier+minHead {
			continue
		}
		own := Stem(w)
		seen := map[string]bool{}
		n := 0
		for i := range w {
			if n++; n <= minModifier {
				continue
			}
			tail := w[i:]
			if utf8.RuneCountInString(tail) < minHead {
				break
			}
			h := Stem(tail)
			if h == own || seen[h] || utf8.RuneCountInString(h) < minHeadStem || stems[h] == nil {
				continue
			}
			seen[h] = true
			out[h] = append(out[h], w)
		}
	}
	return out
}
