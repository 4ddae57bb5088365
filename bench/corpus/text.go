package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence returns a Danish-looking sentence of lo to hi words.
func sentence(r *rng, lo, hi int) string {
	n := r.between(lo, hi)
	var b strings.Builder
	for i := 0; i < n; i++ {
		w := words[r.intn(len(words))]
		if i == 0 {
			w = capitalize(w)
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i > 1 && i < n-2 && r.chance(7) {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
	return b.String()
}

// paragraph returns sentences adding up to about want words and the
// number of words it holds.
func paragraph(r *rng, want int) (string, int) {
	var parts []string
	count := 0
	for count < want {
		s := sentence(r, 6, 18)
		count += strings.Count(s, " ") + 1
		parts = append(parts, s)
	}
	return strings.Join(parts, " "), count
}

// phrase returns n words, the first capitalized, with no full stop.
func phrase(r *rng, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.intn(len(words))]
	}
	ws[0] = capitalize(ws[0])
	return strings.Join(ws, " ")
}

func capitalize(s string) string {
	c, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[size:]
}

// summary returns one or two sentences of at most 200 characters.
func summary(r *rng) string {
	for {
		s := sentence(r, 10, 18)
		if r.chance(40) {
			s += " " + sentence(r, 5, 9)
		}
		if utf8.RuneCountInString(s) <= 200 {
			return s
		}
	}
}
