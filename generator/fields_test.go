package generator

import (
	"slices"
	"testing"
)

func TestFields(t *testing.T) {
	for _, c := range []struct {
		file, kind, out string
		has             []string
	}{
		{"content/cases/x.md", KindCase, "cases/x/index.html", []string{"title", "date", "themes", "municipality", "sources", "image", "draft", "aliases"}},
		{"content/tema/x.md", KindTheme, "tema/x/index.html", []string{"title", "summary", "sources"}},
		{"content/principper/1-x.md", KindPrinciple, "principper/1-x/index.html", []string{"number"}},
		{"content/materialer/x.md", KindMaterial, "materialer/x/index.html", []string{"type", "publisher", "year", "url"}},
		{"content/om.md", KindPage, "om/index.html", []string{"contact", "charts"}},
		{"content/_index.md", KindHome, "index.html", []string{"contact"}},
		{"content/tidsplan.md", KindTimeline, "tidsplan/index.html", []string{"milestones"}},
	} {
		kind, keys, ok := Fields(c.file)
		if !ok || kind != c.kind {
			t.Errorf("Fields(%q) = %q, %v; want %q", c.file, kind, ok, c.kind)
		}
		for _, k := range c.has {
			if !slices.Contains(keys, k) {
				t.Errorf("Fields(%q) = %v: no %q", c.file, keys, k)
			}
		}
		if got := PageFile(c.file); got != c.out {
			t.Errorf("PageFile(%q) = %q, want %q", c.file, got, c.out)
		}
	}
	for _, f := range []string{"content/x/y/z.md", "layouts/base.html", "content/cases/sub/x.md"} {
		if _, _, ok := Fields(f); ok {
			t.Errorf("Fields(%q) ok, want not a page", f)
		}
		if got := PageFile(f); got != "" {
			t.Errorf("PageFile(%q) = %q, want \"\"", f, got)
		}
	}
}
