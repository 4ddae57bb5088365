package generator

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRelated checks the ranking of related cases: a shared theme counts
// two, a shared principle one, newer first among equals, never the case
// itself, at most three.
func TestRelated(t *testing.T) {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: x\n---\n")}}
	for _, th := range []string{"a", "b", "c"} {
		fsys["content/tema/"+th+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + th + "\nsummary: x\n---\n")}
	}
	for n := 1; n <= 3; n++ {
		fsys[fmt.Sprintf("content/principper/%d-p.md", n)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\nnumber: %d\ntitle: p\nsummary: x\n---\n", n))}
	}
	cases := []struct{ name, date, themes, principles string }{
		{"self", "2025-06-01", "a, b", "1, 2"},
		{"two-themes", "2025-05-01", "a, b", ""},    // 4
		{"theme-principle", "2025-05-02", "a", "1"}, // 3
		{"theme-old", "2025-04-01", "b", ""},        // 2
		{"theme-new", "2025-05-03", "a", ""},        // 2, newer
		{"principles", "2025-05-04", "c", "1, 2"},   // 2
		{"nothing", "2025-07-01", "c", "3"},         // 0
	}
	for _, c := range cases {
		fsys["content/cases/"+c.name+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: %s\ndate: %s\nsummary: x\nthemes: [%s]\nprinciples: [%s]\n---\n", c.name, c.date, c.themes, c.principles))}
	}
	s, err := Load(fsys, Config{BaseURL: "/", Now: fixtureDate})
	if err != nil {
		t.Fatal(err)
	}
	self := s.byURL["/cases/self/"]
	var got []string
	for _, r := range self.Related {
		got = append(got, r.Slug)
	}
	if want := "two-themes theme-principle principles"; strings.Join(got, " ") != want {
		t.Errorf("Related = %v, want %s", got, want)
	}
}

// TestDanishOrder checks that lists sort the Danish way: æ, ø and å after
// z, and "aa" as å.
func TestDanishOrder(t *testing.T) {
	var pages []*Page
	for _, title := range []string{"Østerbro", "Aarhus", "Zealand", "Borgerinddragelse", "Ærø", "Amager", "Ålborg"} {
		pages = append(pages, &Page{Title: title, URL: "/" + title})
	}
	sortKeys(pages)
	slices.SortFunc(pages, byTitle)
	var got []string
	for _, p := range pages {
		got = append(got, p.Title)
	}
	if want := "Amager Borgerinddragelse Zealand Ærø Østerbro Ålborg Aarhus"; strings.Join(got, " ") != want {
		t.Errorf("order = %v, want %s", got, want)
	}
}

func TestPagerLinks(t *testing.T) {
	show := func(p *Pager) string {
		var b strings.Builder
		for _, l := range p.Links() {
			switch {
			case l.Gap:
				b.WriteString(" …")
			case l.Current:
				fmt.Fprintf(&b, " [%d]", l.Number)
			default:
				fmt.Fprintf(&b, " %d", l.Number)
			}
		}
		return strings.TrimSpace(b.String())
	}
	pager := func(n, total int) *Pager {
		urls := make([]string, total)
		for i := range urls {
			urls[i] = pageURL("/cases/", i+1)
		}
		return &Pager{Number: n, Total: total, URLs: urls}
	}
	for _, tt := range []struct {
		n, total int
		want     string
	}{
		{1, 1, "[1]"},
		{1, 3, "[1] 2 3"},
		{2, 7, "1 [2] 3 4 … 7"},
		{4, 7, "1 2 3 [4] 5 6 7"},
		{1, 417, "[1] 2 3 … 417"},
		{4, 417, "1 2 3 [4] 5 6 … 417"},
		{5, 417, "1 2 3 4 [5] 6 7 … 417"},
		{6, 417, "1 … 4 5 [6] 7 8 … 417"},
		{200, 417, "1 … 198 199 [200] 201 202 … 417"},
		{414, 417, "1 … 412 413 [414] 415 416 417"},
		{417, 417, "1 … 415 416 [417]"},
	} {
		if got := show(pager(tt.n, tt.total)); got != tt.want {
			t.Errorf("page %d of %d: %s, want %s", tt.n, tt.total, got, tt.want)
		}
	}
	for _, l := range pager(200, 417).Links() {
		if !l.Gap && l.URL != pageURL("/cases/", l.Number) {
			t.Errorf("page %d links to %s", l.Number, l.URL)
		}
	}
}

// TestPagerRendered checks the pager on a list page of a catalogue with
// ten pages of cases: numbered links around the current page, a gap
// hidden from screen readers, and the way back and on.
func TestPagerRendered(t *testing.T) {
	out, err := Render(t.Context(), Config{FS: syntheticSite(t, 9*PageSize+1), Now: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out["cases/side/6/index.html"])
	for _, want := range []string{
		`<li><a href="/cases/">Side 1</a></li><li class="pager-gap" aria-hidden="true">…</li><li><a href="/cases/side/4/">Side 4</a></li>`,
		`<span aria-current="page">Side 6</span>`,
		`<li><a href="/cases/side/8/">Side 8</a></li><li><a href="/cases/side/9/">Side 9</a></li><li><a href="/cases/side/10/">Side 10</a></li>`,
		`<a href="/cases/side/5/" rel="prev">Forrige side</a>`,
		`<a href="/cases/side/7/" rel="next">Næste side</a>`,
	} {
		if !strings.Contains(page, minified(t, want)) {
			t.Errorf("/cases/side/6/ has no %s", want)
		}
	}
	if strings.Contains(page, "Side 2<") || strings.Contains(page, "Side 3<") {
		t.Error("/cases/side/6/ lists pages 2 and 3, which the gap stands for")
	}
}
