package spell

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReadWordList reads a word list: one word a line; blank lines and lines
// starting with # are ignored.
func ReadWordList(r io.Reader) ([]string, error) {
	var words []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words = append(words, line)
	}
	return words, sc.Err()
}

// A wordList answers whether the project word list allows a word.
type wordList map[string]bool

func newWordList(words []string) wordList {
	l := make(wordList, len(words))
	for _, w := range words {
		l[w] = true
	}
	return l
}

// has reports whether w is in the list, directly, as a genitive (OMBOLDs,
// BL's) or as the capitalised form of a lower-case entry.
func (l wordList) has(w string) bool {
	for _, c := range []string{w, strings.TrimSuffix(w, "'s"), strings.TrimSuffix(w, "s")} {
		if l[c] || l[lowerFirst(c)] {
			return true
		}
	}
	return false
}

// lowerFirst returns w with its first letter in lower case, or w itself if
// the rest of w has upper-case letters too (an abbreviation such as BL
// stays BL).
func lowerFirst(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || strings.IndexFunc(w[n:], unicode.IsUpper) >= 0 {
		return w
	}
	return string(unicode.ToLower(r)) + w[n:]
}
