package editor

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"katalog/generator"
	"katalog/generator/fmedit"
)

// shippedSite copies the shipped site (content, layouts, assets,
// templates) to a temporary folder and returns its root.
func shippedSite(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content", "layouts", "assets", "skabeloner"} {
		if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// fullPage builds the site at root from scratch, drafts included, and
// returns the page of content file p.
func fullPage(t testing.TB, root, p string, now time.Time) []byte {
	t.Helper()
	out, err := generator.Render(context.Background(), generator.Config{Root: root, Drafts: true, BaseURL: "/", Now: now})
	if err != nil {
		t.Fatalf("full build: %v", err)
	}
	return out[generator.PageFile(p)]
}

// TestRendererEqualsBuild types into a case through the Renderer (nothing
// written) and checks, after every step, that the page is the one a full
// build makes with the same bytes on disk; disk changes told by Changed
// are taken in.
func TestRendererEqualsBuild(t *testing.T) {
	root := shippedSite(t)
	const p = "content/cases/ombold-fodbold.md"
	orig := readSite(t, root, p)
	r := NewRenderer(root)
	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d", seed)
	text := orig
	steps := 24
	if testing.Short() {
		steps = 8
	}
	themes := []string{"Boligløsninger", "Social støtte", "Fællesskaber", "Samarbejde på tværs", "Overgangen til eget hjem", "Borgerinddragelse"}
	for step := range steps {
		var what string
		switch rng.IntN(12) {
		case 0: // the body
			text += fmt.Sprintf("\nEt nyt afsnit %d.\n", step)
			what = "body"
		case 1: // a field
			text = setField(t, text, "title", fmt.Sprintf("Trin %d: en ny titel", step))
			what = "title"
		case 2: // another file on disk, told by Changed
			other := "content/cases/koebenhavn-forloebsprogram.md"
			b := readSite(t, root, other)
			writeFile(t, filepath.Join(root, other), setField(t, b, "title", fmt.Sprintf("Disk %d", step)))
			r.Changed([]string{other})
			what = "disk"
		case 3: // back to the file as saved
			text = orig
			what = "reset"
		case 4, 5: // the summary, shown in the other cases' cards: the site is patched
			text = setField(t, text, "summary", fmt.Sprintf("Trin %d: et nyt resumé.", step))
			what = "summary"
		case 6: // the date, which may move the case among the others
			text = setField(t, text, "date", fmt.Sprintf("20%02d-%02d-%02d", 23+rng.IntN(4), 1+rng.IntN(12), 1+rng.IntN(28)))
			what = "date"
		case 7: // the themes, which change the related cases
			k := 1 + rng.IntN(3)
			text = setField(t, text, "themes", slices.Clone(themes[step%3:step%3+k]))
			what = "themes"
		case 8: // a draft or not
			text = setField(t, text, "draft", rng.IntN(2) == 0)
			what = "draft"
		case 10: // the municipality, typed: names the site has and has not
			names := []string{"Aalborg", "København", "O", "Od", "Odense", "odense"}
			text = setField(t, text, "municipality", names[rng.IntN(len(names))])
			what = "municipality"
		case 11: // the principles, which change the related cases
			text = setField(t, text, "principles", []int{1 + rng.IntN(7), 1 + rng.IntN(7)})
			what = "principles"
		case 9: // a broken field: the preview fails as a full build does, and the text goes back
			broken := setField(t, text, "date", "1. maj")
			if _, err := r.Render(context.Background(), p, []byte(broken)); err == nil {
				t.Fatalf("seed %d step %d: a broken date previews", seed, step)
			}
			writeFile(t, filepath.Join(root, p), broken)
			_, err := generator.Render(context.Background(), generator.Config{Root: root, Drafts: true, BaseURL: "/", Now: time.Now()})
			writeFile(t, filepath.Join(root, p), orig)
			if err == nil {
				t.Fatalf("seed %d step %d: a full build of a broken date succeeds", seed, step)
			}
			what = "broken, then back"
		}
		got, err := r.Render(context.Background(), p, []byte(text))
		if err != nil {
			t.Fatalf("seed %d step %d (%s): %v", seed, step, what, err)
		}
		if now := readSite(t, root, p); now != orig {
			t.Fatalf("step %d: the Renderer wrote the file", step)
		}
		writeFile(t, filepath.Join(root, p), text) // what a full build reads
		want := fullPage(t, root, p, time.Now())
		writeFile(t, filepath.Join(root, p), orig)
		if !bytes.Equal(got, want) {
			t.Fatalf("seed %d step %d (%s): the preview differs from a full build", seed, step, what)
		}
	}
}

// setField returns text with one front matter field set.
func setField(t testing.TB, text, key string, v any) string {
	t.Helper()
	doc, err := fmedit.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b, err := doc.Apply(map[string]any{key: v}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPreviewAPI(t *testing.T) {
	root := shippedSite(t)
	e, err := New(Config{Root: root, Renderer: NewRenderer(root)})
	if err != nil {
		t.Fatal(err)
	}
	const p = "content/cases/ombold-fodbold.md"
	before := snapshot(t, root)

	// A change of the title shows in the page; nothing is written.
	code, m := do(t, e, e.req("POST", "/api/preview", jsonBody(t, map[string]any{"path": p, "fields": map[string]any{"title": "En ny titel"}})))
	html, _ := m["html"].(string)
	if code != 200 || !strings.Contains(html, "En ny titel") || !strings.Contains(html, `<base href="/cases/ombold-fodbold/" target="_blank">`) {
		t.Fatalf("preview: %d %.300v", code, m)
	}
	// A broken field: the build's message, at the field.
	_, m = do(t, e, e.req("POST", "/api/preview", jsonBody(t, map[string]any{"path": p, "fields": map[string]any{"date": "1. maj"}})))
	probs, _ := m["problems"].([]any)
	if m["html"] != nil || len(probs) != 1 || probs[0].(map[string]any)["key"] != "date" || !strings.Contains(probs[0].(map[string]any)["msg"].(string), "dato") {
		t.Errorf("broken date: %v", m)
	}
	// A problem in the body is the body's.
	deep := strings.Repeat("> ", 40) + "x\n"
	_, m = do(t, e, e.req("POST", "/api/preview", jsonBody(t, map[string]any{"path": p, "body": "Tekst.\n\n" + deep})))
	probs, _ = m["problems"].([]any)
	if len(probs) == 0 || probs[0].(map[string]any)["key"] != "body" {
		t.Errorf("deep body: %v", m)
	}
	// GET is the page on disk, under a CSP that lets the editor frame it.
	w := httptest.NewRecorder()
	e.ServeHTTP(w, e.req("GET", "/api/preview?path="+p, nil))
	if csp := w.Header().Get("Content-Security-Policy"); w.Code != 200 || !strings.Contains(csp, "frame-ancestors 'self'") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("GET preview: %d, CSP %q", w.Code, csp)
	}
	// Refusals: no token, another origin, a path outside content/.
	r := e.req("POST", "/api/preview", jsonBody(t, map[string]any{"path": p}))
	r.Header.Del(TokenHeader)
	if code, _ := do(t, e, r); code != 403 {
		t.Errorf("preview without token: %d", code)
	}
	r = e.req("POST", "/api/preview", jsonBody(t, map[string]any{"path": p}))
	r.Header.Set("Origin", "http://evil.example")
	if code, _ := do(t, e, r); code != 403 {
		t.Errorf("preview from another origin: %d", code)
	}
	if code, _ := do(t, e, e.req("POST", "/api/preview", jsonBody(t, map[string]any{"path": "layouts/base.html"}))); code != 400 {
		t.Errorf("preview of a layout: %d", code)
	}
	assertUnchanged(t, before, root)

	// A save that would break the site is refused with the same message.
	_, f := do(t, e, e.req("GET", "/api/file?path="+p, nil))
	code, m = save(t, e, map[string]any{"path": p, "version": f["version"], "fields": map[string]any{"date": "1. maj"}})
	if probs, _ := m["problems"].([]any); code != 422 || len(probs) == 0 || probs[0].(map[string]any)["key"] != "date" {
		t.Errorf("broken save: %d %v", code, m)
	}
	assertUnchanged(t, before, root)
}

func TestForm(t *testing.T) {
	root := shippedSite(t)
	e := newEditor(t, root)
	_, m := do(t, e, e.req("GET", "/api/file?path=content/cases/ombold-fodbold.md", nil))
	if m["kind"] != "case" {
		t.Fatalf("kind %v", m["kind"])
	}
	form := map[string]map[string]any{}
	var order []string
	for _, f := range m["form"].([]any) {
		f := f.(map[string]any)
		form[f["key"].(string)] = f
		order = append(order, f["label"].(string))
	}
	want := []string{"Titel", "Dato", "Resumé", "Temaer", "Kommune", "Organisation", "Principper", "Kilder", "Billede", "Kladde", "Gamle adresser"}
	if !slices.Equal(order, want) {
		t.Errorf("labels %v, want %v", order, want)
	}
	var themes []string
	for _, o := range form["themes"]["options"].([]any) {
		themes = append(themes, o.(map[string]any)["label"].(string))
	}
	entries, _ := os.ReadDir(filepath.Join(root, "content", "tema"))
	if len(themes) != len(entries) || !slices.Contains(themes, "Fællesskaber") {
		t.Errorf("theme options %v, %d files", themes, len(entries))
	}
	if n := len(form["principles"]["options"].([]any)); n != 7 {
		t.Errorf("%d principle options", n)
	}
	var towns []string
	for _, o := range form["municipality"]["options"].([]any) {
		towns = append(towns, o.(map[string]any)["value"].(string))
	}
	if !slices.Contains(towns, "København") || !slices.IsSorted(towns) {
		t.Errorf("municipality suggestions %v", towns)
	}
	if h := form["summary"]["help"]; !strings.Contains(h.(string), "200 tegn") {
		t.Errorf("summary help %q (from skabeloner/case.md)", h)
	}
	if h := form["aliases"]["help"]; strings.ContainsAny(h.(string), "[]:") {
		t.Errorf("aliases help shows syntax: %q", h)
	}

	// Keys the form does not edit are named, and kept.
	_, m = do(t, e, e.req("GET", "/api/file?path=content/tidsplan.md", nil))
	if other, _ := m["other"].([]any); !slices.Contains(other, any("milestones")) {
		t.Errorf("timeline other %v", m["other"])
	}
}

func TestVisit(t *testing.T) {
	e := newEditor(t, newSite(t))
	for url, want := range map[string]string{
		"/cases/a/":        "/_katalog/rediger/content/cases/a.md",
		"/om/":             "/_katalog/rediger/content/om.md",
		"/":                "/_katalog/rediger/content/_index.md",
		"/kommune/aarhus/": "/_katalog/rediger/",
		"":                 "/_katalog/rediger/",
	} {
		w := httptest.NewRecorder()
		srvStrip(e).ServeHTTP(w, e.req("GET", "/_katalog/rediger/vis?url="+url, nil))
		if w.Code != 303 || w.Header().Get("Location") != want {
			t.Errorf("vis?url=%s: %d %q, want %q", url, w.Code, w.Header().Get("Location"), want)
		}
	}
}

func TestAltAndRaw(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	for q, ok := range map[string]bool{
		"alt=billede&file=x.jpg":                               false,
		"alt=x.jpg&file=x.jpg":                                 false,
		"alt=&file=x.jpg&decorative=1":                         true,
		"alt=Beboere+om+et+bord+i+f%C3%A6lleshuset&file=x.jpg": true,
	} {
		_, m := do(t, e, e.req("GET", "/api/alt?"+q, nil))
		if (m["message"] == "") != ok {
			t.Errorf("alt %s: %v", q, m)
		}
	}
	// A file combined by hand is saved as it is, when it can be read.
	_, f := do(t, e, e.req("GET", "/api/file?path=content/cases/c.md", nil))
	raw := "---\ntitle: C, sammenflettet\n---\nHele teksten.\n"
	if code, m := save(t, e, map[string]any{"path": "content/cases/c.md", "version": f["version"], "raw": raw}); code != 200 {
		t.Fatalf("raw save: %d %v", code, m)
	}
	if got := readSite(t, root, "content/cases/c.md"); got != raw {
		t.Errorf("raw save wrote %q", got)
	}
	before := snapshot(t, root)
	_, f = do(t, e, e.req("GET", "/api/file?path=content/cases/c.md", nil))
	if code, _ := save(t, e, map[string]any{"path": "content/cases/c.md", "version": f["version"], "raw": "---\ntitle: [\n---\n"}); code != 422 {
		t.Errorf("broken raw save: %d", code)
	}
	assertUnchanged(t, before, root)
}

// srvStrip mounts e as katalog serve does.
func srvStrip(e *Editor) http.Handler { return http.StripPrefix("/_katalog/rediger", e) }

// TestSaveWhileBrokenElsewhere: a file broken in a text editor does not
// stop the editor from saving another file, nor from fixing it; a change
// that breaks another file (a link to this page) is refused.
func TestSaveWhileBrokenElsewhere(t *testing.T) {
	root := shippedSite(t)
	e, err := New(Config{Root: root, Renderer: NewRenderer(root)})
	if err != nil {
		t.Fatal(err)
	}
	const broken = "content/cases/aalborg-skurbyen.md"
	good := readSite(t, root, broken)
	writeFile(t, filepath.Join(root, broken), setField(t, good, "date", "1. maj"))
	e.renderer.Changed([]string{broken})

	// Another file saves, though the site cannot be built.
	const p = "content/cases/ombold-fodbold.md"
	_, f := do(t, e, e.req("GET", "/api/file?path="+p, nil))
	if code, m := save(t, e, map[string]any{"path": p, "version": f["version"], "fields": map[string]any{"summary": "Et nyt resumé."}}); code != 200 {
		t.Fatalf("save beside a broken file: %d %v", code, m)
	}
	// A change that adds a problem of its own is still refused.
	_, f = do(t, e, e.req("GET", "/api/file?path="+p, nil))
	if code, _ := save(t, e, map[string]any{"path": p, "version": f["version"], "fields": map[string]any{"date": "2. maj"}}); code != 422 {
		t.Errorf("a broken date beside a broken file: %d", code)
	}
	// The broken file is fixed through the editor.
	_, f = do(t, e, e.req("GET", "/api/file?path="+broken, nil))
	if code, m := save(t, e, map[string]any{"path": broken, "version": f["version"], "fields": map[string]any{"date": "2025-12-03"}}); code != 200 {
		t.Fatalf("fixing the broken file: %d %v", code, m)
	}
	// A change whose problems show in other files only is refused: the
	// case made a draft, the pages that link to it lose their target on
	// the published site.
	before := snapshot(t, root)
	_, f = do(t, e, e.req("GET", "/api/file?path="+p, nil))
	code, m := save(t, e, map[string]any{"path": p, "version": f["version"], "fields": map[string]any{"draft": true}})
	probs, _ := m["problems"].([]any)
	if code != 422 || len(probs) == 0 || probs[0].(map[string]any)["file"] == p || !strings.Contains(fmt.Sprint(probs), "/cases/ombold-fodbold/") {
		t.Errorf("a linked case made a draft: %d %v", code, m)
	}
	assertUnchanged(t, before, root)
}
