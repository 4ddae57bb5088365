package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold normalises one word for matching: NFC, lower case, æ→ae, ø→o, å→aa
// (so "Århus" and "Aarhus" meet, and "stotte" finds "støtte"), other
// diacritics dropped (é→e). search.js implements the same function as fold.
func Fold(word string) string {
	if isLowerASCII(word) {
		return word
	}
	s := foldLetters(strings.ToLower(norm.NFC.String(word)))
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.M, r) {
			b.WriteRune(r)
		}
	}
	// Dropping marks can uncover an æ or ø ("ǣ"), so fold those again.
	return foldLetters(norm.NFC.String(b.String()))
}

var foldLetters = strings.NewReplacer("æ", "ae", "ä", "ae", "ø", "o", "ö", "o", "å", "aa").Replace

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || 'A' <= s[i] && s[i] <= 'Z' {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// A Token is one word of a text: its byte offsets in the text and its folded form.
type Token struct {
	Start, End int
	Word       string
}

// Tokenize splits text into words (runs of letters, digits and combining
// marks) and folds each of them. Offsets are into the NFC form of text.
// Stop words are kept; see Terms.
func Tokenize(text string) []Token {
	var toks []Token
	words(text, Fold, func(start, end int, w string) {
		toks = append(toks, Token{start, end, w})
	})
	return toks
}

// words calls fn for each word of the NFC form of text, skipping words
// that fold to nothing (a run of combining marks only).
func words(text string, fold func(string) string, fn func(start, end int, folded string)) {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	start := -1
	emit := func(end int) {
		if w := fold(text[start:end]); w != "" {
			fn(start, end, w)
		}
		start = -1
	}
	for i, r := range text {
		in := r < 0x80 && asciiWord[r] || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r))
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			emit(i)
		}
	}
	if start >= 0 {
		emit(len(text))
	}
}

var asciiWord = func() (t [0x80]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// Indexable reports whether a folded word is worth indexing: not a stop
// word, and at least two characters unless it is a number.
func Indexable(w string) bool {
	if stopWords[w] {
		return false
	}
	if utf8.RuneCountInString(w) >= 2 {
		return true
	}
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// Terms returns the folded, indexable words of text in order.
func Terms(text string) []string {
	var out []string
	for _, t := range Tokenize(text) {
		if Indexable(t.Word) {
			out = append(out, t.Word)
		}
	}
	return out
}

// stopWords is the Snowball Danish stop list, folded.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(StopList) {
		m[Fold(w)] = true
	}
	return m
}()

// StopList is the Snowball Danish stop word list. search.js carries the
// same list in folded form; testdata/analysis.golden, checked against both,
// keeps them equal.
const StopList = `og i jeg det at en den til er som på de med han af for ikke der var mig
sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans
hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo
deres efter ned skulle denne end dette mit også under have dig anden hende mine alt
meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været
thi jer sådan`
