// Package suggest finds the word an editor most likely meant: the one
// "mente du …?" helper of katalog's messages.
package suggest

import "strings"

// Nearest returns the candidate within edit distance 2 of s (or 1 for words
// of up to four letters), preferring the closest, or "".
func Nearest(s string, candidates []string) string {
	best, bestD := "", 3
	s = strings.ToLower(s)
	for _, c := range candidates {
		limit := 2
		if len([]rune(c)) <= 4 {
			limit = 1
		}
		if d := Distance(s, strings.ToLower(c)); d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of neighbours.
func Distance(a, b string) int {
	r, s := []rune(a), []rune(b)
	d := make([][]int, len(r)+1)
	for i := range d {
		d[i] = make([]int, len(s)+1)
		d[i][0] = i
	}
	for j := range s {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(r); i++ {
		for j := 1; j <= len(s); j++ {
			cost := 1
			if r[i-1] == s[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && r[i-1] == s[j-2] && r[i-2] == s[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(r)][len(s)]
}
