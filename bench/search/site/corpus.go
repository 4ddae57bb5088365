package main

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"katalog/generator/search"
)

// words.txt holds the word frequencies of the campaign's source documents.
//
//go:embed words.txt
var wordList string

// vocab samples words by their frequency in the source documents.
type vocab struct {
	words   []string
	cum     []float64
	content []string // words of five letters or more, for compounds
}

func newVocab() *vocab {
	v := &vocab{}
	total := 0.0
	for _, line := range strings.Split(wordList, "\n") {
		f := strings.Fields(line)
		if len(f) != 2 || strings.HasPrefix(line, "#") {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		total += float64(n)
		v.words = append(v.words, f[0])
		v.cum = append(v.cum, total)
		if utf8.RuneCountInString(f[0]) >= 5 && search.Indexable(search.Fold(f[0])) {
			v.content = append(v.content, f[0])
		}
	}
	return v
}

func (v *vocab) word(r *rand.Rand) string {
	x := r.Float64() * v.cum[len(v.cum)-1]
	return v.words[sort.SearchFloat64s(v.cum, x)]
}

// token is a word, or one time in twelve a compound of two content words,
// which gives the corpus the long tail of a real Danish site.
func (v *vocab) token(r *rand.Rand) string {
	if r.IntN(12) > 0 {
		return v.word(r)
	}
	a := v.content[r.IntN(len(v.content))]
	b := v.content[min(r.IntN(len(v.content)), r.IntN(len(v.content)))]
	if r.IntN(2) == 0 {
		a += "s"
	}
	return a + b
}

func (v *vocab) sentence(r *rand.Rand, lo, hi int) string {
	n := lo + r.IntN(hi-lo+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = v.token(r)
	}
	return capitalize(strings.Join(ws, " ")) + "."
}

func capitalize(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}

var (
	themes = [][2]string{{"boligloesninger", "Boligløsninger"}, {"social-stoette", "Social støtte"},
		{"faellesskaber", "Fællesskaber"}, {"samarbejde-paa-tvaers", "Samarbejde på tværs"},
		{"overgangen-til-eget-hjem", "Overgangen til eget hjem"}, {"borgerinddragelse", "Borgerinddragelse"}}
	towns = []string{"Aalborg", "Aarhus", "Odense", "København", "Esbjerg", "Randers", "Kolding",
		"Horsens", "Vejle", "Roskilde", "Herning", "Silkeborg", "Næstved", "Fredericia", "Viborg",
		"Køge", "Holstebro", "Slagelse", "Svendborg", "Hjørring", "Frederikshavn", "Holbæk",
		"Sønderborg", "Haderslev", "Skive", "Ringsted", "Nyborg", "Thisted", "Aabenraa", "Tønder"}
)

// corpus returns n deterministic pages of about 640 words each.
func corpus(n int, seed uint64) []search.Document {
	v := newVocab()
	r := rand.New(rand.NewPCG(seed, 6))
	docs := make([]search.Document, n)
	for i := range docs {
		docs[i] = page(v, r, i)
	}
	return docs
}

func page(v *vocab, r *rand.Rand, i int) search.Document {
	title := strings.TrimSuffix(v.sentence(r, 3, 7), ".")
	d := search.Document{
		URL:       fmt.Sprintf("/cases/side-%d/", i),
		Title:     title,
		Kind:      "case",
		KindLabel: "Case",
		Summary:   v.sentence(r, 14, 24),
		Date:      fmt.Sprintf("20%02d-%02d-%02d", 20+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28)),
	}
	words := 0
	var paras []string
	for words < 600 {
		if len(paras)%3 == 2 {
			d.Headings = append(d.Headings, strings.TrimSuffix(v.sentence(r, 2, 5), "."))
		}
		var ss []string
		for range 3 + r.IntN(3) {
			s := v.sentence(r, 6, 18)
			words += strings.Count(s, " ") + 1
			ss = append(ss, s)
		}
		paras = append(paras, strings.Join(ss, " "))
	}
	d.Body = strings.Join(paras, "\n\n")
	t := themes[r.IntN(len(themes))]
	d.Facets = append(d.Facets, search.Facet{Name: "tema", Slug: t[0], Label: t[1]})
	town := towns[r.IntN(len(towns))]
	d.Facets = append(d.Facets, search.Facet{Name: "kommune", Slug: slug(town), Label: town})
	p := 1 + r.IntN(7)
	d.Facets = append(d.Facets, search.Facet{Name: "princip", Slug: strconv.Itoa(p), Label: "Princip " + strconv.Itoa(p)})
	return d
}

func slug(s string) string {
	return strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa").Replace(strings.ToLower(s))
}
