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
