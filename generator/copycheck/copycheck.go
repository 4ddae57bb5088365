// Package copycheck finds runs of words that a text shares with the source
// documents the catalogue is written from.
//
// The catalogue takes its facts from a handful of source documents but must
// say them in its own words. The test in this package fails when a page
// shares a run of RunLen or more consecutive words with a source. The
// repository does not carry the sources' text: it keeps only a hash of each
// of their word runs (testdata/seeds.txt), made by cmd/seedhashes.
//
// Text is compared after Words has normalised it: lower case, Unicode NFC,
// markdown syntax, link addresses and punctuation removed, apostrophes and
// the separators inside numbers dropped (BL's → bls, 6.431 → 6431), and
// hyphens and dashes treated as spaces (2022–2025 → 2022 2025).
package copycheck

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// RunLen is the number of consecutive words that counts as copying.
const RunLen = 12

var (
	linkTarget = regexp.MustCompile(`\]\([^)\s]*(\s+"[^"]*")?\)`)       // [text](url "title") → [text]
	refDef     = regexp.MustCompile(`(?m)^\s{0,3}\[[^\]]+\]:\s+\S+.*$`) // [id]: url
	autolink   = regexp.MustCompile(`<(https?://|mailto:)[^>]*>`)
	bareURL    = regexp.MustCompile(`(https?://|www\.)\S+`)
	htmlTag    = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
)

// Words returns the normalised words of a text, which may be markdown.
func Words(s string) []string {
	s = norm.NFC.String(s)
	s = linkTarget.ReplaceAllString(s, "]")
	s = refDef.ReplaceAllString(s, "")
	s = autolink.ReplaceAllString(s, " ")
	s = bareURL.ReplaceAllString(s, " ")
	s = htmlTag.ReplaceAllString(s, " ")
	s = strings.ToLower(s)

	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// A combining mark left over after NFC belongs to its letter.
			if w.Len() > 0 {
				w.WriteRune(r)
			}
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '´':
			// Apostrophes join: BL's, 20'erne.
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			// Soft hyphen and zero-width characters are invisible.
		case (r == '.' || r == ',') && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]):
			// Thousands and decimal separators: 6.431, 68,1.
		default:
			flush()
		}
	}
	flush()
	return words
}

// Hash is the hash of a run of normalised words: FNV-1a 64 of the words
// joined by single spaces, as 16 hexadecimal digits.
func Hash(run []string) string {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(run, " ")))
	return fmt.Sprintf("%016x", h.Sum64())
}

// Runs returns the hash of every run of RunLen consecutive words, in order.
func Runs(words []string) []string {
	var hs []string
	for i := 0; i+RunLen <= len(words); i++ {
		hs = append(hs, Hash(words[i:i+RunLen]))
	}
	return hs
}

// HashSet returns the sorted, distinct hashes of the runs of the texts.
func HashSet(texts ...string) []string {
	var hs []string
	for _, t := range texts {
		hs = append(hs, Runs(Words(t))...)
	}
	slices.Sort(hs)
	return slices.Compact(hs)
}

// WriteHashes writes hashes one per line.
func WriteHashes(w io.Writer, hashes []string) error {
	bw := bufio.NewWriter(w)
	for _, h := range hashes {
		bw.WriteString(h)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadHashes reads a file written by WriteHashes; blank lines and lines
// starting with # are skipped.
func ReadHashes(r io.Reader) (map[string]bool, error) {
	set := map[string]bool{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[line] = true
	}
	return set, sc.Err()
}

// A Hit is a run of RunLen words in a text that a source also has.
type Hit struct {
	Words []string // the RunLen words
	Start int      // index of the first word in the text's words
}

// Find returns the runs of text whose hashes are in seeds. Runs that lie
// wholly inside an allowed phrase (an official name, such as the title of a
// law) are not reported. Overlapping hits are merged into one per stretch of
// copied text, reporting its first RunLen words.
func Find(text string, seeds map[string]bool, allowed [][]string) []Hit {
	words := Words(text)
	covered := make([]bool, len(words))
	for _, a := range allowed {
		if len(a) == 0 {
			continue
		}
		for i := 0; i+len(a) <= len(words); i++ {
			if slices.Equal(words[i:i+len(a)], a) {
				for j := i; j < i+len(a); j++ {
					covered[j] = true
				}
			}
		}
	}
	var hits []Hit
	end := -1 // last word index of the previous hit
	for i := 0; i+RunLen <= len(words); i++ {
		run := words[i : i+RunLen]
		if !seeds[Hash(run)] || !slices.Contains(covered[i:i+RunLen], false) {
			continue
		}
		if i <= end {
			end = i + RunLen - 1
			continue
		}
		hits = append(hits, Hit{Words: slices.Clone(run), Start: i})
		end = i + RunLen - 1
	}
	return hits
}
