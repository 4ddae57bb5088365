package search

import (
	"strings"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
)

// Stem reduces a folded word to its stem with the Snowball Danish stemmer
// plus two fixes for its known slips (issue 6):
//
//   - "indsats" loses its s as a plural s, "indsatsen" keeps it: a final
//     "ats" becomes "at", so both stem to "indsat";
//   - "flyttede" keeps its past tense "ed" while "flytte" stems to "flyt":
//     a word ending in "ede" whose stem ends in "ed" loses it and undoubles.
//
// The stem is always a prefix of the word. Words with digits are kept whole.
func Stem(w string) string {
	if w == "" || strings.ContainsAny(w, "0123456789") {
		return w
	}
	env := snowball.NewEnv(w)
	danish.Stem(env)
	s := env.Current()
	if strings.HasSuffix(s, "ats") {
		s = s[:len(s)-1]
	}
	if strings.HasSuffix(w, "ede") && strings.HasSuffix(s, "ed") && len(s) >= 5 && isASCII(s) {
		s = s[:len(s)-2]
		if n := len(s); n >= 4 && s[n-1] == s[n-2] && !isVowel(s[n-1]) {
			s = s[:n-1]
		}
	}
	if !strings.HasPrefix(w, s) {
		return w
	}
	return s
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
