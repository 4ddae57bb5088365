// Package slug turns Danish titles into URL path segments: lower-case ASCII
// letters and digits separated by single hyphens, with æ→ae, ø→oe and å→aa.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// folds spells the letters that have no ASCII decomposition.
var folds = map[rune]string{
	'æ': "ae", 'ø': "oe", 'å': "aa", 'ß': "ss", 'ð': "d", 'þ': "th", 'ł': "l", 'œ': "oe",
}

// Make returns the slug of s: "Æbler & Øl på Ærø" → "aebler-oel-paa-aeroe".
// Other accented letters lose their accents (é → e); everything that is not
// a letter or digit separates words.
func Make(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFC.String(s) {
		r = unicode.ToLower(r)
		var part string
		switch {
		case r < unicode.MaxASCII && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			part = string(r)
		case folds[r] != "":
			part = folds[r]
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			part = ascii(r)
		}
		if part == "" {
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(part)
	}
	return b.String()
}

// ascii strips the accents of r by decomposing it and keeping its ASCII
// base letter, or returns "" when there is none.
func ascii(r rune) string {
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if d < unicode.MaxASCII && (unicode.IsLetter(d) || unicode.IsDigit(d)) {
			b.WriteRune(unicode.ToLower(d))
		}
	}
	return b.String()
}
