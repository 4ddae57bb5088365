package main

import "strings"

// slug turns a Danish title into the URL form the catalogue uses:
// lower-case ASCII, æ→ae, ø→oe, å→aa, other runs of non-alphanumerics → "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		var add string
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			add = string(r)
		case r == 'æ':
			add = "ae"
		case r == 'ø':
			add = "oe"
		case r == 'å':
			add = "aa"
		case r == 'é':
			add = "e"
		}
		if add == "" {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(add)
	}
	return b.String()
}
