package search

import "unicode/utf8"

// Limits for splitting compounds: "hjemløshedsindsatsen" has the modifier
// "hjemløsheds" and the head "indsatsen", found because "indsats" occurs
// on its own somewhere in the catalogue.
const (
	minModifier = 3 // characters before the head
	minHead     = 4 // characters of the head word
	minHeadStem = 3 // characters of the head's stem

	// maxCompound is the longest word, in characters of its folded form,
	// that is split. Real Danish compounds stay well under it (the
	// longest in the catalogue, "tilgængelighedserklæringen", folds to
	// 28); a longer run of letters is text pasted without spaces, and
	// splitting it would cost time in the square of its length or worse
	// (issue F6). Such a word is still indexed whole.
	maxCompound = 64
)

// compounds maps a head stem to the words that end in a form of it. A head
// counts only if its stem is the stem of some word in the vocabulary and
// differs from the whole word's stem. Its cost is linear in the length of
// the words: each word of at most maxCompound characters is tried at each
// of its characters, against heads no longer than itself.
func compounds(words []string, stems map[string]*entry, an *analyser) map[string][]string {
	heads := map[string]bool{}
	starts := map[string]bool{} // first three bytes of the heads: a cheap first test
	longest := 0                // bytes of the longest head
	for s := range stems {
		if n := utf8.RuneCountInString(s); n >= minHeadStem && n <= maxCompound {
			heads[s] = true
			starts[s[:3]] = true
			longest = max(longest, len(s))
		}
	}
	out := map[string][]string{}
	for _, w := range words {
		runes := utf8.RuneCountInString(w)
		if runes < minModifier+minHead || runes > maxCompound {
			continue
		}
		own := an.stem(w)
		var seen []string
		n := 0 // runes of w up to and including the one at i
		for i := range w {
			if n++; n <= minModifier {
				continue
			}
			tail := w[i:]
			if runes-n+1 < minHead {
				break
			}
			if !starts[tail[:3]] || !hasHead(tail, heads, longest) {
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

// hasHead reports whether some head of at most longest bytes is a prefix
// of tail, as the head's stem must be.
func hasHead(tail string, heads map[string]bool, longest int) bool {
	for l := 3; l <= min(len(tail), longest); l++ {
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
