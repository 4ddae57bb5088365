package generator

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestPageBody: after a Page call, a change of only the page's body is
// rendered on the same site (no reload), and the page is a full build's;
// a change of its front matter, or of another file, loads the site again.
func TestPageBody(t *testing.T) {
	fsys := previewShipped(t)
	cfg := Config{FS: fsys, Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Drafts: true}
	b := NewBuilder(cfg)
	const file = "content/cases/ombold-fodbold.md"
	page := func(changed []string) []byte {
		t.Helper()
		got, err := b.Page(t.Context(), changed, file)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Render(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if w := want[PageFile(file)]; !bytes.Equal(got, w) {
			t.Fatal(previewDiff(Output{"page": w}, Output{"page": got}))
		}
		return got
	}
	page(nil)
	site := b.pageSite.site
	for i := range 3 {
		f := fsys[file]
		fsys[file] = &fstest.MapFile{Data: fmt.Appendf(bytes.Clone(f.Data), "\nEt nyt afsnit %d.\n", i), Mode: f.Mode}
		if got := page([]string{file}); !bytes.Contains(got, fmt.Appendf(nil, "Et nyt afsnit %d.", i)) {
			t.Fatalf("step %d: the new text is not on the page", i)
		}
		if b.pageSite == nil || b.pageSite.site != site {
			t.Fatalf("step %d: a body change loaded the site again", i)
		}
	}
	f := fsys[file]
	text, err := previewSetFront(string(f.Data), "aliases", "aliases: [/gammel-side/]")
	if err != nil {
		t.Fatal(err)
	}
	fsys[file] = &fstest.MapFile{Data: []byte(text), Mode: f.Mode}
	page([]string{file})
	if b.pageSite.site == site {
		t.Fatal("a change of the page's old addresses did not load the site again")
	}
	site = b.pageSite.site
	page([]string{"content/cases/aalborg-skurbyen.md"})
	if b.pageSite.site == site {
		t.Fatal("a change of another file did not load the site again")
	}
}

// TestPageRelink: a change of one page's front matter that keeps how the
// site is linked patches the site of the Page call before (pageRelink);
// any other change loads the site again. Either way the page is a full
// build's, and after a patch so is every other page of the site
// (pageChecker).
func TestPageRelink(t *testing.T) {
	fsys := previewShipped(t)
	previewCorpus(fsys, 12) // c000…c011, a week apart, sharing a theme and a principle: each other's related cases
	for _, c := range []struct{ file, title string }{{"content/cases/samme-b.md", "Bbb"}, {"content/cases/samme-d.md", "Ddd"}, {"content/cases/samme-f.md", "Fff"}} {
		fsys[c.file] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: %s\ndate: 2024-06-01\nsummary: Samme dag.\nthemes: [Social støtte]\nmunicipality: Odense\n---\nTekst.\n", c.title)}
	}
	fsys["content/cases/c004.png"] = &fstest.MapFile{Data: previewPNG(t, 40, 30)}
	fsys["content/kommune/vejle/plan.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4\n")}
	text, err := previewSetFront(string(fsys["content/cases/c005.md"].Data), "aliases", "aliases: [/kommune/roskilde/]")
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/cases/c005.md"] = &fstest.MapFile{Data: []byte(text)}
	fsys["content/cases/c005.png"] = &fstest.MapFile{Data: previewPNG(t, 40, 30)}
	text, err = previewSetFront(string(fsys["content/cases/c004.md"].Data), "image", "image: {src: c004.png, alt: Et billede}")
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/cases/c004.md"] = &fstest.MapFile{Data: []byte(text)}

	front := func(file, key, line string) func() []string {
		return func() []string {
			text, err := previewSetFront(string(fsys[file].Data), key, line)
			if err != nil {
				t.Fatal(err)
			}
			fsys[file] = &fstest.MapFile{Data: []byte(text)}
			return []string{file}
		}
	}
	replace := func(file, from, to string) func() []string {
		return func() []string {
			data := string(fsys[file].Data)
			if !strings.Contains(data, from) {
				t.Fatalf("%s has no %q", file, from)
			}
			fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(data, from, to, 1))}
			return []string{file}
		}
	}
	const c3, c6 = "content/cases/c003.md", "content/cases/c006.md"
	steps := []relinkStep{
		{"a summary shown in related cards", front(c3, "summary", "summary: Et nyt resumé, vist på de andre cases."), true},
		{"again, in another case", front(c6, "summary", "summary: Endnu et resumé."), true},
		{"a title that keeps the order", front(c3, "title", "title: Case 3 med ny titel"), true},
		{"a date between the neighbours", front(c3, "date", "date: 2024-01-25"), true},
		{"a date that changes the order", front(c3, "date", "date: 2024-12-25"), true},
		{"a date that moves it back among the others", front(c3, "date", "date: 2024-02-29"), true},
		{"the oldest", front(c3, "date", "date: 2023-01-01"), true},
		{"the newest", front(c3, "date", "date: 2024-12-25"), true},
		{"the summary and the body at once", func() []string {
			front(c3, "summary", "summary: Resumé og tekst.")()
			return replace(c3, "Tekst om case 3.", "Ny tekst om case 3 med et [link](/tema/faellesskaber/).")()
		}, true},
		{"a body with a link that leads nowhere", replace(c3, "Ny tekst om case 3", "[Intet](/findes-ikke/) om case 3"), false},
		{"the body fixed", replace(c3, "[Intet](/findes-ikke/) om case 3", "Tekst om case 3"), false},
		{"a title among cases of one day, in order", front("content/cases/samme-d.md", "title", "title: Ccc"), true},
		{"a title among cases of one day, out of order", front("content/cases/samme-d.md", "title", "title: Ggg"), true},
		{"and first among them", front("content/cases/samme-d.md", "title", "title: Aaa"), true},
		{"a title that keeps its new place", front("content/cases/samme-d.md", "title", "title: Hhh"), true},
		{"organisations", front(c3, "organisation", "organisation: [Foreningen]"), true},
		{"a theme more", front(c3, "themes", "themes: [Fællesskaber, Social støtte]"), true},
		{"a principle more", front(c3, "principles", "principles: [1, 2]"), true},
		{"a theme less", front(c3, "themes", "themes: [Social støtte]"), true},
		{"a theme named twice, by title and by slug", front(c3, "themes", "themes: [Fællesskaber, faellesskaber]"), true},
		{"no theme", front(c3, "themes", "themes: []"), false},
		{"an unknown theme", front(c3, "themes", "themes: [Fællesska]"), false},
		{"the theme fixed", front(c3, "themes", "themes: [Fællesskaber]"), false},
		{"a theme's last case leaves it", front("content/cases/aalborg-skurbyen.md", "themes", "themes: [Boligløsninger, Samarbejde på tværs, Fællesskaber]"), true},
		{"and comes back", front("content/cases/aalborg-skurbyen.md", "themes", "themes: [Boligløsninger, Samarbejde på tværs, Fællesskaber, Borgerinddragelse]"), true},
		{"a principle less", front(c3, "principles", "principles: [2]"), true},
		{"an unknown principle", front(c3, "principles", "principles: [2, 9]"), false},
		{"the principles fixed", front(c3, "principles", "principles: [1]"), false},
		{"a principle more in another case", front(c6, "principles", "principles: [1, 3]"), true},
		{"a known municipality", front(c3, "municipality", "municipality: Kommune 4"), true},
		{"a known municipality, written otherwise by its newest case", front(c3, "municipality", "municipality: kommune 4"), false},
		{"the newest case writes its municipality otherwise", front("content/cases/c011.md", "municipality", "municipality: kommune 1"), false},
		{"and as before", front("content/cases/c011.md", "municipality", "municipality: Kommune 1"), false},
		{"the newest case moves to another municipality, whose name its next case writes as it is", front("content/cases/c011.md", "municipality", "municipality: Kommune 2"), true},
		{"a municipality's last case leaves it: its page goes", front("content/cases/c008.md", "municipality", "municipality: Kommune 4"), true},
		{"a new municipality: a page more", front("content/cases/c008.md", "municipality", "municipality: Aarhus"), true},
		{"typed on: one page more, one less", front("content/cases/c008.md", "municipality", "municipality: Aarhu"), true},
		{"and back", front("content/cases/c008.md", "municipality", "municipality: Aarhus"), true},
		{"the summary and a new municipality", func() []string {
			front("content/cases/c008.md", "summary", "summary: Fra Aarhus.")()
			return front("content/cases/c008.md", "municipality", "municipality: [Aarhus, Vordingborg]")()
		}, true},
		{"the body and a new municipality", func() []string {
			replace("content/cases/c008.md", "Tekst om case 8.", "Tekst om case 8 i [Aarhus](/kommune/aarhus/).")()
			return front("content/cases/c008.md", "municipality", "municipality: [Aarhus, Vordingborg, Vejen]")()
		}, false},
		{"a municipality that a body links to loses its last case", front("content/cases/c008.md", "municipality", "municipality: Kommune 4"), false},
		{"the link removed", replace("content/cases/c008.md", "Tekst om case 8 i [Aarhus](/kommune/aarhus/).", "Tekst om case 8."), false},
		{"a municipality with static files in its folder", front("content/cases/c008.md", "municipality", "municipality: Vejle"), false},
		{"a municipality where an old address is", front("content/cases/c008.md", "municipality", "municipality: Roskilde"), false},
		{"a known municipality again", front("content/cases/c008.md", "municipality", "municipality: Kommune 4"), false},
		{"two municipalities, as their pages are named", front(c3, "municipality", "municipality: [kommune 4, Odense]"), true},
		{"another municipality, unknown", front(c3, "municipality", "municipality: Aarhus"), false},
		{"an empty municipality", front(c3, "municipality", "municipality: [Odense, \" \"]"), false},
		{"back to a known one", front(c3, "municipality", "municipality: Odense"), false},
		{"a theme, in the newest case of a day", front("content/cases/samme-b.md", "themes", "themes: [Social støtte, Fællesskaber]"), true},
		{"a summary again", front(c3, "summary", "summary: Resumé efter temaerne."), true},
		{"a draft, in a build with drafts", front(c3, "draft", "draft: true"), true},
		{"no longer a draft", front(c3, "draft", ""), true},
		{"an old address", front(c3, "aliases", "aliases: [/gammel-case/]"), false},
		{"an image's text", front("content/cases/c004.md", "image", "image: {src: c004.png, alt: Et andet billede}"), true},
		{"another image", front("content/cases/c004.md", "image", "image: {src: c005.png, alt: Et andet billede}"), false},
		{"a broken date", front(c3, "date", "date: i morgen"), false},
		{"the date fixed", front(c3, "date", "date: 2024-01-24"), false},
		{"an unknown material", front(c3, "sources", "sources: [{title: Kilde, material: findes-ikke}]"), false},
		{"a known material", front(c3, "sources", "sources: [{title: Kilde, material: boligstat-dk}]"), false},
		{"the source's title", front(c3, "sources", "sources: [{title: En anden titel, material: boligstat-dk}]"), true},
		{"a case that uses a material moves", front(c3, "date", "date: 2024-02-01"), true},
		{"and back", front(c3, "date", "date: 2024-01-24"), true},
		{"an old case writes its municipality otherwise", front("content/cases/c001.md", "municipality", "municipality: kommune 1"), true},
		{"and becomes the municipality's newest", front("content/cases/c001.md", "date", "date: 2025-01-01"), false},
		{"and is no longer", front("content/cases/c001.md", "date", "date: 2024-01-10"), false},
		{"a date and a theme at once", func() []string {
			front(c6, "date", "date: 2025-02-01")()
			return front(c6, "themes", "themes: [Social støtte]")()
		}, false},
		{"a theme's summary", front("content/tema/faellesskaber.md", "summary", "summary: Et nyt resumé af temaet."), true},
		{"a theme's title", front("content/tema/faellesskaber.md", "title", "title: Fællesskab"), false},
		{"a material's summary", front("content/materialer/boligstat-dk.md", "summary", "summary: Om boligstat."), true},
		{"a material's title, in order", front("content/materialer/boligstat-dk.md", "title", "title: boligstat.dk (styrelsen)"), true},
		{"a principle's summary", front("content/principper/1-se-mig-som-et-menneske.md", "summary", "summary: Se mig."), true},
		{"the front page's summary", front("content/_index.md", "summary", "summary: Kataloget."), true},
		{"the front page's contact", replace("content/_index.md", `email: "bl@bl.dk"`, `email: "info@bl.dk"`), false},
		{"a summary and another file", func() []string {
			front(c6, "summary", "summary: To filer.")()
			return append(front(c3, "summary", "summary: To filer.")(), c6)
		}, false},
		{"a summary after all that", front(c6, "summary", "summary: Til sidst."), true},
	}
	cfg := Config{FS: fsys, Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Drafts: true}
	c := newPageChecker(cfg)
	want, werr := Render(t.Context(), cfg)
	if werr != nil {
		t.Fatal(werr)
	}
	if d := c.check(t, []string{c3}, want, werr); d != "" {
		t.Fatal(d)
	}
	runRelinkSteps(t, c, cfg, steps)
}

// TestPageRelinkPages: a change of a case's terms that changes how many
// pages a term's list of cases has patches the site too, unless the new
// page's folder has other files of the site (outputsFree).
func TestPageRelinkPages(t *testing.T) {
	fsys := previewShipped(t)
	previewCorpus(fsys, PageSize+6)
	cfg := Config{FS: fsys, Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Drafts: true}
	site, err := Load(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Social støtte gets PageSize cases: some of the corpus's join it.
	var theme *Page
	for _, p := range site.Themes {
		if p.Title == "Social støtte" {
			theme = p
		}
	}
	need := PageSize - len(theme.Cases)
	if need < 2 || need > PageSize {
		t.Fatalf("Social støtte has %d cases", len(theme.Cases))
	}
	set := func(i int, themes string) []string {
		file := fmt.Sprintf("content/cases/c%03d.md", i)
		text, err := previewSetFront(string(fsys[file].Data), "themes", "themes: ["+themes+"]")
		if err != nil {
			t.Fatal(err)
		}
		fsys[file] = &fstest.MapFile{Data: []byte(text)}
		return []string{file}
	}
	for i := range need - 1 {
		set(i, "Fællesskaber, Social støtte")
	}
	c := newPageChecker(cfg)
	steps := []relinkStep{
		{"the first call", func() []string { return set(need+3, "Fællesskaber") }, false},
		{"the list's last case on its only page", func() []string { return set(need+3, "Fællesskaber, Social støtte") }, true},
		{"a case more: a second page", func() []string { return set(need+4, "Social støtte") }, true},
		{"a case less: one page", func() []string { return set(need+4, "Fællesskaber") }, true},
		{"a case less on the only page", func() []string { return set(need+3, "Fællesskaber") }, true},
		{"the list full again", func() []string { return set(need+3, "Fællesskaber, Social støtte") }, true},
		{"an old address where the list's second page would be", func() []string {
			file := fmt.Sprintf("content/cases/c%03d.md", need+5)
			text, err := previewSetFront(string(fsys[file].Data), "aliases", "aliases: [/tema/social-stoette/side/2/]")
			if err != nil {
				t.Fatal(err)
			}
			fsys[file] = &fstest.MapFile{Data: []byte(text)}
			return []string{file}
		}, false},
		{"a case more: a second page, where the old address is", func() []string { return set(need+4, "Social støtte") }, false},
	}
	runRelinkSteps(t, c, cfg, steps)
}

// TestPageRelinkDrafts: in a build without drafts, a page made a draft
// leaves the site, so the site is loaded again.
func TestPageRelinkDrafts(t *testing.T) {
	fsys := previewShipped(t)
	previewCorpus(fsys, 4)
	cfg := Config{FS: fsys, Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	c := newPageChecker(cfg)
	const file = "content/cases/c002.md"
	for i, st := range []struct {
		key, line string
		patch     bool
	}{{"summary", "summary: Et resumé.", false}, {"summary", "summary: Et andet.", true}, {"draft", "draft: true", false}, {"draft", "", false}, {"summary", "summary: Et tredje.", true}} {
		text, err := previewSetFront(string(fsys[file].Data), st.key, st.line)
		if err != nil {
			t.Fatal(err)
		}
		fsys[file] = &fstest.MapFile{Data: []byte(text)}
		want, werr := Render(t.Context(), cfg)
		before := c.relinked
		if d := c.check(t, []string{file}, want, werr); d != "" {
			t.Fatalf("step %d (%s): %s", i, st.line, d)
		}
		if patched := c.relinked > before; patched != st.patch {
			t.Errorf("step %d (%s): patched the site: %v, want %v", i, st.line, patched, st.patch)
		}
	}
}

// TestPageLinks: every field of a Page that points to other pages is one
// replace knows: Prev, Next, Sources and the lists of pageLinks.
func TestPageLinks(t *testing.T) {
	var p Page
	known := map[uintptr]bool{}
	for _, l := range pageLinks(&p) {
		known[reflect.ValueOf(l).Pointer()] = true
	}
	page, pages := reflect.TypeFor[*Page](), reflect.TypeFor[[]*Page]()
	v := reflect.ValueOf(&p).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch {
		case f.Name == "Prev" || f.Name == "Next" || f.Name == "Sources":
		case f.Type == pages:
			if !known[v.Field(i).Addr().Pointer()] {
				t.Errorf("Page.%s lists pages, and pageLinks does not return it", f.Name)
			}
		case f.Type == page || strings.Contains(f.Type.String(), "generator.Page"):
			t.Errorf("Page.%s (%s) points to pages, and replace does not know it", f.Name, f.Type)
		}
	}
}

// previewPNG returns a blank PNG image of w×h pixels.
func previewPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// corpusFS reads the site of a corpus made by bench/corpus into memory:
// $KATALOG_CORPUS, or /var/tmp/edcorpus/katalog; the benchmark is skipped
// when there is none.
func corpusFS(b testing.TB) fstest.MapFS {
	b.Helper()
	root := cmp.Or(os.Getenv("KATALOG_CORPUS"), "/var/tmp/edcorpus/katalog")
	fsys := fstest.MapFS{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		b.Skipf("no corpus at %s (go run ./bench/corpus -n 10000 -seed 1 -repo . -out /var/tmp/edcorpus): %v", root, err)
	}
	return fsys
}

// BenchmarkPageFrontMatter is the browser editor's preview of a keystroke
// in a front matter field (the summary) of a case in the middle of a
// corpus: go test -run - -bench PageFrontMatter -cpuprofile cpu.out.
func BenchmarkPageFrontMatter(b *testing.B) {
	fsys := corpusFS(b)
	cases, _ := fs.Glob(fsys, "content/cases/*.md")
	file := cases[len(cases)/2]
	bld := NewBuilder(Config{FS: fsys, Now: buildDate, Drafts: true})
	if _, err := bld.Page(b.Context(), nil, file); err != nil {
		b.Fatal(err)
	}
	orig := string(fsys[file].Data)
	i := 0
	for b.Loop() {
		i++
		text, err := previewSetFront(orig, "summary", fmt.Sprintf("summary: Et resumé, skrevet for %d. gang.", i))
		if err != nil {
			b.Fatal(err)
		}
		fsys[file] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
		if _, err := bld.Page(b.Context(), []string{file}, file); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPageRelinkTermsRandom: random changes of the themes, principles,
// municipalities, dates and titles of the cases of a small site, where
// cases share terms and days enough that related cases tie and shift and
// cases move in their lists. After every step, the page and,
// after a patch, every page of the patched site are a full build's
// (pageChecker).
func TestPageRelinkTermsRandom(t *testing.T) {
	fsys := previewShipped(t)
	const n = 30
	previewCorpus(fsys, n)
	rng := rand.New(rand.NewPCG(7, 14))
	themes := []string{"Boligløsninger", "Borgerinddragelse", "Fællesskaber", "Overgangen til eget hjem", "Samarbejde på tværs", "Social støtte", "social støtte", "faellesskaber"}
	municipalities := []string{"Kommune 0", "Kommune 1", "kommune 1", "Kommune 2", "Kommune 3", "Kommune 4", "Odense", "Aarhus", "Aarhu"}
	pick := func(from []string, most int) string {
		var out []string
		for range 1 + rng.IntN(most) {
			out = append(out, from[rng.IntN(len(from))])
		}
		return strings.Join(out, ", ")
	}
	edit := func(i int) []string {
		file := fmt.Sprintf("content/cases/c%03d.md", i)
		key, line := "themes", "themes: ["+pick(themes, 3)+"]"
		switch rng.IntN(5) {
		case 1:
			key, line = "principles", fmt.Sprintf("principles: [%d, %d]", 1+rng.IntN(7), 1+rng.IntN(7))
		case 2:
			key, line = "municipality", "municipality: ["+pick(municipalities, 2)+"]"
		case 3:
			key, line = "date", fmt.Sprintf("date: 2024-0%d-0%d", 1+rng.IntN(3), 1+rng.IntN(3)) // few days: ties on the date
		case 4:
			key, line = "title", fmt.Sprintf("title: Case %s", words[rng.IntN(5)])
		}
		text, err := previewSetFront(string(fsys[file].Data), key, line)
		if err != nil {
			t.Fatal(err)
		}
		fsys[file] = &fstest.MapFile{Data: []byte(text)}
		return []string{file}
	}
	for i := range n {
		edit(i)
	}
	cfg := Config{FS: fsys, Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Drafts: true}
	c := newPageChecker(cfg)
	steps := 60
	if testing.Short() {
		steps = 15
	}
	for step := range steps {
		i := rng.IntN(n)
		if step > 0 && rng.IntN(4) > 0 {
			i = rng.IntN(4) // a few cases edited again and again, as a writer does
		}
		changed := edit(i)
		want, werr := Render(t.Context(), cfg)
		if d := c.check(t, changed, want, werr); d != "" {
			t.Fatalf("step %d (%s): %s", step, changed[0], d)
		}
	}
	c.report(t)
	if c.relinked < steps/3 {
		t.Errorf("Page patched the site in %d of %d steps", c.relinked, steps)
	}
}

// BenchmarkPageTerms is the browser editor's preview of a change of a
// case's terms in the middle of a corpus: a theme ticked and unticked,
// the case's municipality switched between two the site has, and typed
// as names the site has not (a municipality page more and one less); and
// its date, moving it across the list of cases.
func BenchmarkPageTerms(b *testing.B) {
	fsys := corpusFS(b)
	cases, _ := fs.Glob(fsys, "content/cases/*.md")
	file := cases[len(cases)/2]
	for _, bc := range []struct {
		name, key string
		lines     [2]string
	}{
		{"theme", "themes", [2]string{"themes: [Fællesskaber, Naboskab]", "themes: [Fællesskaber, Naboskab, Ensomhed]"}},
		{"principle", "principles", [2]string{"principles: [3]", "principles: [3, 5]"}},
		{"municipality", "municipality", [2]string{"municipality: Herning", "municipality: Odense"}},
		{"new municipality", "municipality", [2]string{"municipality: Odens", "municipality: Oden"}},
		{"date", "date", [2]string{"date: 2019-03-01", "date: 2026-03-01"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			orig := fsys[file]
			defer func() { fsys[file] = orig }()
			bld := NewBuilder(Config{FS: fsys, Now: buildDate, Drafts: true})
			set := func(line string) {
				text, err := previewSetFront(string(orig.Data), bc.key, line)
				if err != nil {
					b.Fatal(err)
				}
				fsys[file] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
			}
			set(bc.lines[0])
			if _, err := bld.Page(b.Context(), nil, file); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				set(bc.lines[i%2])
				if _, err := bld.Page(b.Context(), []string{file}, file); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(bld.pageSite.relinks)/float64(i), "patched/op")
		})
	}
}

// A relinkStep edits the site's files and says whether Page should patch
// the site of the call before for it.
type relinkStep struct {
	name  string
	edit  func() []string // returns the files it changed
	patch bool
}

// runRelinkSteps runs steps: after each, Page's output must equal a full
// build's (pageChecker), and Page must have patched the site or not, as
// the step says.
func runRelinkSteps(t *testing.T, c *pageChecker, cfg Config, steps []relinkStep) {
	t.Helper()
	for _, st := range steps {
		changed := st.edit()
		want, werr := Render(t.Context(), cfg)
		before := c.relinked
		if d := c.check(t, changed, want, werr); d != "" {
			t.Fatalf("%s: %s", st.name, d)
		}
		if patched := c.relinked > before; patched != st.patch {
			t.Errorf("%s: patched the site: %v, want %v (the build's error: %v)", st.name, patched, st.patch, werr)
		}
	}
}
