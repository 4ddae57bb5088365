package main

import (
	"fmt"
	"strings"
	"time"
)

// A Case is one synthetic case; both sites are written from the same Cases.
type Case struct {
	Slug, Title, Date, Summary string
	Themes                     []int // indexes into themes
	Municipality               int   // index into municipalities
	Organisation               string
	Principles                 []int // principle numbers 1–7
	Body                       string
}

// A Page is a theme, a principle or the front page: a title, a summary and
// a paragraph of introduction.
type Page struct {
	Slug, Title, Summary, Body string
	Number                     int // principles only
}

// Seed salts keep the streams of the different kinds of items apart.
const (
	saltCase  = 0
	saltBody  = 0x62c1f3a5d9e7b4c1
	saltTheme = 0x3d5a7c9e1f2b4d6e
	saltPrinc = 0x7f1e3d5c9b2a4e6d
	saltHome  = 0x1a2b3c4d5e6f7081
)

var epoch = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// makeCases returns n cases of shape sh generated from seed.
func makeCases(n int, seed uint64, sh Shape) []Case {
	cases := make([]Case, n)
	for i := range cases {
		cases[i] = caseHead(newRNG(seed^saltCase, i), i, sh)
	}
	for i := range cases {
		cases[i].Body = caseBody(newRNG(seed^saltBody, i), cases, i)
	}
	return cases
}

// caseHead returns a case's front matter.
func caseHead(r *rng, i int, sh Shape) Case {
	c := Case{Municipality: r.intn(len(municipalities))}
	c.Title = phrase(r, r.between(3, 6)) + " i " + municipalities[c.Municipality]
	c.Slug = fmt.Sprintf("%s-%d", slug(c.Title), i+1)
	c.Date = epoch.AddDate(0, 0, r.intn(1400)).Format("2006-01-02")
	c.Summary = summary(r)
	c.Themes = sh.pickThemes(r)
	c.Principles = sh.pickPrinciples(r)
	if r.chance(50) {
		c.Organisation = organisations[r.intn(len(organisations))]
	}
	return c
}

// caseBody returns about 600 words of markdown: an introduction and three or
// four sections, with a list, sometimes a quote, bold text and a link to
// another case.
func caseBody(r *rng, cases []Case, i int) string {
	var b strings.Builder
	intro, total := paragraph(r, r.between(40, 60))
	b.WriteString(intro + "\n")
	target := r.between(500, 560)
	secs := r.pick(r.between(3, 4), len(headings))
	for k, h := range secs {
		fmt.Fprintf(&b, "\n## %s\n", headings[h])
		budget := (target - total) / (len(secs) - k)
		for used := 0; used < budget; {
			p, n := paragraph(r, r.between(40, 80))
			if r.chance(15) {
				p += " **" + phrase(r, r.between(2, 5)) + "**."
			}
			b.WriteString("\n" + p + "\n")
			used, total = used+n, total+n
		}
		switch {
		case k == 0:
			for j := 0; j < 3; j++ {
				fmt.Fprintf(&b, "%s- %s\n", listGap(j), phrase(r, r.between(3, 7)))
			}
		case k == 1 && r.chance(30):
			fmt.Fprintf(&b, "\n> %s\n", sentence(r, 8, 16))
		}
	}
	if len(cases) > 1 {
		o := cases[(i+1+r.intn(len(cases)-1))%len(cases)]
		fmt.Fprintf(&b, "\nLæs også [%s](/cases/%s/).\n", o.Title, o.Slug)
	}
	return b.String()
}

func listGap(j int) string {
	if j == 0 {
		return "\n"
	}
	return ""
}

// makeThemes returns the pages of the first n themes.
func makeThemes(seed uint64, n int) []Page {
	return makePages(themes[:n], seed^saltTheme)
}

// makePrinciples returns the principle pages, numbered from 1.
func makePrinciples(seed uint64) []Page {
	ps := makePages(principles, seed^saltPrinc)
	for i := range ps {
		ps[i].Number = i + 1
		ps[i].Slug = fmt.Sprintf("%d-%s", i+1, ps[i].Slug)
	}
	return ps
}

func makePages(titles []string, seed uint64) []Page {
	ps := make([]Page, len(titles))
	for i, t := range titles {
		r := newRNG(seed, i)
		body, _ := paragraph(r, r.between(50, 90))
		ps[i] = Page{Slug: slug(t), Title: t, Summary: summary(r), Body: body}
	}
	return ps
}

// makeHome returns the front page's introduction.
func makeHome(seed uint64) Page {
	r := newRNG(seed^saltHome, 0)
	body, _ := paragraph(r, 80)
	return Page{Title: "Fra bolig til hjem", Summary: summary(r), Body: body}
}
