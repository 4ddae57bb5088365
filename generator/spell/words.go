package spell

import (
	"strings"
	"unicode"
)

// Words splits visible text into the words to spell-check. A word is a run
// of letters, with apostrophes inside it (BL's); hyphenated compounds are
// split at the hyphens (Housing First-tilgangen gives First and tilgangen,
// børne- gives børne). Anything holding a digit (110, 2020, 20'erne) is
// skipped, and so are URLs, e-mail addresses and domain names.
func Words(text string) []string {
	var words []string
	for _, field := range strings.Fields(text) {
		if isAddress(field) {
			continue
		}
		for _, w := range strings.FieldsFunc(field, isSeparator) {
			w = strings.Trim(w, "'’")
			if w == "" || strings.IndexFunc(w, unicode.IsDigit) >= 0 || !hasLetter(w) {
				continue
			}
			words = append(words, strings.ReplaceAll(w, "’", "'"))
		}
	}
	return words
}

// isSeparator reports whether r ends a word: anything but letters, digits
// and apostrophes. Hyphens and slashes separate too, so compounds are
// checked part by part.
func isSeparator(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
}

func hasLetter(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) >= 0 }

// isAddress reports whether field looks like a URL, an e-mail address or a
// domain name (sbst.dk, boligstat.dk).
func isAddress(field string) bool {
	f := strings.TrimRight(field, ".,;:!?)»“”\"'")
	if strings.Contains(f, "://") || strings.HasPrefix(f, "www.") || strings.HasPrefix(f, "mailto:") {
		return true
	}
	if strings.Contains(f, "@") {
		return true
	}
	dot := strings.LastIndexByte(f, '.')
	if dot <= 0 || dot == len(f)-1 {
		return false
	}
	tld := f[dot+1:]
	for _, d := range []string{"dk", "com", "org", "net", "eu", "gl"} {
		if tld == d && !strings.ContainsAny(f[:dot], " ") && strings.IndexFunc(f[:dot], unicode.IsUpper) < 0 {
			return true
		}
	}
	return false
}
