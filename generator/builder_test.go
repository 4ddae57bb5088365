package generator

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// A change is one edit an editor or developer makes to a site.
type change struct {
	name    string
	edit    func(t *testing.T, root string) []string // makes the change, returns the changed files
	patched bool                                     // the builder should render only the changed pages
	restyle bool                                     // the builder should render the pages of its last site again
	fails   bool                                     // the build should report content errors
}

func editFile(t *testing.T, root, file string, f func(string) string) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(file))
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	after := f(string(b))
	if after == string(b) {
		t.Fatalf("%s: the edit changed nothing", file)
	}
	if err := os.WriteFile(name, []byte(after), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, root, file string, data []byte) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendBody(file, text string) change {
	return change{name: "body of " + file, patched: true, edit: func(t *testing.T, root string) []string {
		editFile(t, root, file, func(s string) string { return s + "\n" + text + "\n" })
		return []string{file}
	}}
}

func replaceIn(name, file, old, new string, fails bool) change {
	return change{name: name, fails: fails, edit: func(t *testing.T, root string) []string {
		editFile(t, root, file, func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("%s has no %q", file, old)
			}
			return strings.Replace(s, old, new, 1)
		})
		return []string{file}
	}}
}

const ombold = "content/cases/ombold-fodbold.md"

// changes are the kinds of change the builder must get right, in an order
// that also makes each start from the state the one before left.
func changes() []change {
	png := func() []byte {
		var b bytes.Buffer
		png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 30)))
		return b.Bytes()
	}
	return []change{
		appendBody(ombold, "Et nyt afsnit om fællesskab og fodbold."),
		appendBody("content/tema/faellesskaber.md", "Fællesskaber bærer."),
		appendBody("content/principper/1-se-mig-som-et-menneske.md", "Se hele mennesket."),
		appendBody("content/_index.md", "Velkommen til kataloget."),
		appendBody("content/tidsplan.md", "Tidsplanen følges."),
		appendBody("content/privatliv.md", "Vi gemmer intet om dig."),
		{name: "bodies of two cases at once", patched: true, edit: func(t *testing.T, root string) []string {
			a, b := "content/cases/aalborg-skurbyen.md", "content/cases/koebenhavn-forloebsprogram.md"
			editFile(t, root, a, func(s string) string { return s + "\nSkurbyen vokser.\n" })
			editFile(t, root, b, func(s string) string { return s + "\n## Nyt afsnit\n\nForløbet fortsætter.\n" })
			return []string{a, b}
		}},
		{name: "a file saved unchanged", patched: true, edit: func(t *testing.T, root string) []string {
			return []string{ombold}
		}},
		replaceIn("title of a case", ombold, "title: \"Fodbold som fast holdepunkt", "title: \"Fodbold som et fast holdepunkt", false),
		replaceIn("summary of a case", ombold, "summary: \"Peter så", "summary: \"Peter kiggede på", false),
		replaceIn("themes of a case", ombold, "themes: [Fællesskaber, ", "themes: [", false),
		replaceIn("date of a case", ombold, "date: 2025-12-01", "date: 2023-01-05", false),
		replaceIn("municipality of a case", ombold, "municipality: København", "municipality: Odense", false),
		{name: "a new case", edit: func(t *testing.T, root string) []string {
			f := "content/cases/ny-case.md"
			writeFile(t, root, f, []byte("---\ntitle: En ny case\ndate: 2026-01-02\nsummary: Kort om den nye case.\nthemes: [Fællesskaber]\nmunicipality: Aarhus\nprinciples: [2]\n---\nTekst om den nye case med et [link](/cases/ombold-fodbold/).\n"))
			return []string{f}
		}},
		appendBody("content/cases/ny-case.md", "Mere tekst."),
		{name: "a case renamed", edit: func(t *testing.T, root string) []string {
			a, b := "content/cases/ny-case.md", "content/cases/ny-case-2.md"
			if err := os.Rename(filepath.Join(root, a), filepath.Join(root, b)); err != nil {
				t.Fatal(err)
			}
			return []string{a, b}
		}},
		{name: "a case deleted", edit: func(t *testing.T, root string) []string {
			f := "content/cases/ny-case-2.md"
			if err := os.Remove(filepath.Join(root, f)); err != nil {
				t.Fatal(err)
			}
			return []string{f}
		}},
		{name: "a draft added", edit: func(t *testing.T, root string) []string {
			f := "content/cases/kladde.md"
			writeFile(t, root, f, []byte("---\ntitle: Kladde\ndate: 2026-01-03\nsummary: Ikke færdig.\nthemes: [Fællesskaber]\nmunicipality: Aarhus\nprinciples: [2]\ndraft: true\n---\nUfærdig tekst.\n"))
			return []string{f}
		}},
		appendBody("content/cases/kladde.md", "Stadig ufærdig."),
		replaceIn("broken front matter", ombold, "date: 2023-01-05", "date: 2023-13-05", true),
		replaceIn("front matter fixed", ombold, "date: 2023-13-05", "date: 2023-01-05", false),
		{name: "a broken link in a body", fails: true, edit: func(t *testing.T, root string) []string {
			editFile(t, root, ombold, func(s string) string { return s + "\n[Et link](/findes-ikke/)\n" })
			return []string{ombold}
		}},
		replaceIn("the link fixed", ombold, "(/findes-ikke/)", "(/tidsplan/)", false),
		{name: "an image added to a body", edit: func(t *testing.T, root string) []string {
			writeFile(t, root, "content/cases/billede.png", png())
			editFile(t, root, ombold, func(s string) string { return s + "\n![Et billede](billede.png)\n" })
			return []string{"content/cases/billede.png", ombold}
		}},
		appendBody(ombold, "Tekst under billedet.")._patched(false),
		{name: "the image removed again", edit: func(t *testing.T, root string) []string {
			editFile(t, root, ombold, func(s string) string { return strings.Replace(s, "![Et billede](billede.png)", "", 1) })
			return []string{ombold}
		}},
		{name: "a static file", edit: func(t *testing.T, root string) []string {
			f := "content/rapport.pdf"
			writeFile(t, root, f, []byte("%PDF-1.4 rapport"))
			return []string{f}
		}},
		replaceIn("a partial layout", "layouts/partials/card.html", "</", "<!-- kort --></", false),
		replaceIn("a page layout", "layouts/case.html", "</", "<!-- case --></", false),
		{name: "a stylesheet", restyle: true, edit: func(t *testing.T, root string) []string {
			f := "assets/css/90-print.css"
			editFile(t, root, f, func(s string) string { return s + "\n.ny { color: #123456; }\n" })
			return []string{f}
		}},
		{name: "a script", restyle: true, edit: func(t *testing.T, root string) []string {
			f := "assets/js/site.js"
			editFile(t, root, f, func(s string) string { return s + "\n// ny kommentar\n" })
			return []string{f}
		}},
		{name: "an unknown set of changes (rescan)", edit: func(t *testing.T, root string) []string {
			editFile(t, root, ombold, func(s string) string { return s + "\nEfter en ny gennemgang.\n" })
			return nil
		}},
		appendBody(ombold, "Og en sidste sætning."),
	}
}

func (c change) _patched(p bool) change {
	c.name += " (with an image: a full build)"
	c.patched = p
	return c
}

// copyShipped copies the shipped site's sources into a temporary root.
func copyShipped(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content", "layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("..", d))); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestBuilderEqualsFullBuild makes every kind of change to a copy of the
// shipped site and checks after each that the builder's output is the
// output of a full build of the same files, byte for byte, and that body
// edits rendered only the changed pages.
func TestBuilderEqualsFullBuild(t *testing.T) {
	root := copyShipped(t)
	cfg := Config{Root: root, BaseURL: "/", Now: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)}
	b := NewBuilder(cfg)
	if _, err := b.Build(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range changes() {
		changed := c.edit(t, root)
		got, err := b.Build(t.Context(), changed)
		want, werr := Render(t.Context(), cfg)
		if (err != nil) != c.fails || (werr != nil) != c.fails {
			t.Fatalf("%s: builder error %v, full build error %v, want failure %v", c.name, err, werr, c.fails)
		}
		if c.fails {
			if err.Error() != werr.Error() {
				t.Errorf("%s: builder reports\n%v\nfull build reports\n%v", c.name, err, werr)
			}
			continue
		}
		if d := outputDiff(want, got); d != "" {
			t.Errorf("%s: builder output differs from a full build: %s", c.name, d)
		}
		if b.Patched != (c.patched || c.restyle) {
			t.Errorf("%s: patched = %v, want %v", c.name, b.Patched, c.patched || c.restyle)
		}
		if c.patched && b.Pages > len(changed)+1 {
			t.Errorf("%s: rendered %d pages, want only the changed ones (and the search page)", c.name, b.Pages)
		}
	}
}

// outputDiff names the first difference between two outputs, or "".
func outputDiff(want, got Output) string {
	names := slices.Sorted(maps.Keys(want))
	for _, n := range names {
		g, ok := got[n]
		switch {
		case !ok:
			return "missing " + n
		case !bytes.Equal(g, want[n]):
			i := 0
			for i < min(len(g), len(want[n])) && g[i] == want[n][i] {
				i++
			}
			return fmt.Sprintf("%s differs at byte %d: %.80q, want %.80q", n, i, g[max(0, i-20):], want[n][max(0, i-20):])
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			return "extra " + n
		}
	}
	return ""
}

// TestBuilderListsEqualFullBuild changes front matter on a catalogue with
// paginated lists, where a change moves cases between list pages, and
// checks after each change that the builder's output is a full build's and
// that it rendered only a part of the pages.
func TestBuilderListsEqualFullBuild(t *testing.T) {
	fsys := syntheticSite(t, 3*PageSize+5)
	cfg := Config{FS: fsys, Now: buildDate}
	b := NewBuilder(cfg)
	first, err := b.Build(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	all := b.Pages
	edit := func(file, old, new string) []string {
		f := fsys[file]
		if !strings.Contains(string(f.Data), old) {
			t.Fatalf("%s has no %q", file, old)
		}
		fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
		return []string{file}
	}
	steps := []struct {
		name    string
		change  func() []string
		partial bool // renders less than half of the pages
	}{
		{"title of a case", func() []string {
			return edit("content/cases/case-00010.md", "title: Case nummer", "title: Sagen nummer")
		}, true},
		{"summary of a case", func() []string { return edit("content/cases/case-00011.md", "summary: En case", "summary: En ny case") }, true},
		{"date of a case (moves it to another list page)", func() []string { return edit("content/cases/case-00012.md", "date: 2025-", "date: 2020-") }, false},
		{"themes of a case", func() []string {
			return edit("content/cases/case-00013.md", "themes: [", "themes: [Borgerinddragelse, ")
		}, false},
		{"municipality of a case", func() []string {
			return edit("content/cases/case-00014.md", "municipality: Kommune", "municipality: Ny Kommune")
		}, false},
		{"principles of a case", func() []string { return edit("content/cases/case-00015.md", "principles: [", "principles: [4, ") }, false},
		{"title of a theme (shown on cards everywhere)", func() []string {
			return edit("content/tema/faellesskaber.md", `title: "Fællesskaber"`, `title: "Fællesskaberne"`)
		}, false},
		{"a new case", func() []string {
			f := "content/cases/ny.md"
			fsys[f] = &fstest.MapFile{Data: []byte("---\ntitle: Ny case\ndate: 2025-03-03\nsummary: Ny.\nthemes: [Fællesskaberne]\nmunicipality: Kommune 3\nprinciples: [1]\n---\nTekst.\n")}
			return []string{f}
		}, false},
		{"a case deleted", func() []string {
			f := "content/cases/case-00020.md"
			delete(fsys, f)
			return []string{f}
		}, false},
		{"body of a case", func() []string { return edit("content/cases/case-00016.md", "\n\n", "\n\nNy sætning.\n\n") }, true},
		{"a stylesheet (new addresses in every page)", func() []string {
			return edit("assets/css/90-print.css", "@media print", ".ny { color: #123456; }\n@media print")
		}, true},
		// The body edit above rendered its page alone; the page of the
		// body as it was before must not come back from an older build.
		{"that body as before, and another case's title", func() []string {
			return slices.Concat(edit("content/cases/case-00016.md", "\n\nNy sætning.\n\n", "\n\n"),
				edit("content/cases/case-00017.md", "title: Case nummer", "title: Sag nummer"))
		}, true},
	}
	for _, s := range steps {
		changed := s.change()
		got, err := b.Build(t.Context(), changed)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want, err := Render(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if d := outputDiff(want, got); d != "" {
			t.Errorf("%s: builder output differs from a full build: %s", s.name, d)
		}
		if s.partial && b.Pages*2 > all {
			t.Errorf("%s: rendered %d of %d pages", s.name, b.Pages, all)
		}
		t.Logf("%s: rendered %d of %d pages", s.name, b.Pages, all)
	}
	if d := outputDiff(first, first); d != "" {
		t.Fatal(d)
	}
}

// TestSelectiveLayouts: a layout that shows more of the site than the
// signatures cover turns them off.
func TestSelectiveLayouts(t *testing.T) {
	fsys := syntheticSite(t, 1)
	r := &renderer{}
	tmpl, errs := loadLayouts(fsys, r.funcs())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !selectiveLayouts(tmpl) {
		t.Fatal("the shipped layouts turn signatures off")
	}
	for _, extra := range []string{
		`{{range .Site.Cases}}{{.Title}}{{end}}`,
		`{{range $.Site.Pages}}{{.Title}}{{end}}`,
		`{{with .Site}}{{range .Cases}}{{.Title}}{{end}}{{end}}`,
		`{{template "cards" $.Site.Cases}}`,
		`{{range milestones ""}}{{.Title}}{{end}}`,
	} {
		f := fsys["layouts/case.html"]
		fsys["layouts/case.html"] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), "{{end}}", extra+"{{end}}", 1))}
		tmpl, errs := loadLayouts(fsys, r.funcs())
		fsys["layouts/case.html"] = f
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if selectiveLayouts(tmpl) {
			t.Errorf("a case layout with %s keeps signatures on", extra)
		}
	}
}
