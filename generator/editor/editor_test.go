package editor

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"katalog/internal/diag"
)

// Without a refusal, every write of the refusal tests is accepted: the
// refusals are what stops them.
func TestWritesAccepted(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	for _, r := range writes(t, e) {
		if code, m := do(t, e, r); code != 200 && code != 201 {
			t.Errorf("%s %s: %d %v", r.Method, r.URL, code, m)
		}
	}
}

func TestNewRefusesJournalInContent(t *testing.T) {
	root := newSite(t)
	if _, err := New(Config{Root: root, Journal: filepath.Join(root, "content", "kladder")}); err == nil {
		t.Error("a journal inside content/ is accepted")
	}
	if _, err := New(Config{Root: t.TempDir()}); err == nil {
		t.Error("a root without content/ is accepted")
	}
}

func TestList(t *testing.T) {
	root := newSite(t)
	writeFile(t, filepath.Join(root, "content", "cases", "broken.md"), "---\ntitle: [\n---\n")
	e := newEditor(t, root)
	code, m := do(t, e, e.req("GET", "/?format=json", nil))
	if code != 200 {
		t.Fatal(code, m)
	}
	secs := m["sections"].([]any)
	var keys []string
	files := map[string]map[string]any{}
	for _, s := range secs {
		s := s.(map[string]any)
		keys = append(keys, s["key"].(string))
		for _, f := range s["files"].([]any) {
			f := f.(map[string]any)
			files[f["path"].(string)] = f
		}
	}
	if got := strings.Join(keys, " "); got != "cases tema principper materialer sider" {
		t.Errorf("sections %q", got)
	}
	if f := files["content/cases/a.md"]; f["title"] != "Casen A" || f["draft"] != false || f["url"] != "/cases/a/" {
		t.Errorf("a.md: %v", f)
	}
	if f := files["content/cases/b.md"]; f["draft"] != true {
		t.Errorf("b.md: %v", f)
	}
	if f := files["content/_index.md"]; f["url"] != "/" {
		t.Errorf("_index.md: %v", f)
	}
	if f := files["content/cases/broken.md"]; f["error"] == nil {
		t.Errorf("broken.md: %v", f)
	}

	// The HTML page: Danish, the token for the UI, links under the prefix,
	// scripts from files only (the CSP allows no inline script or style).
	srv := http.StripPrefix("/_katalog/rediger", e)
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "http://"+host+"/_katalog/rediger/", nil)
	srv.ServeHTTP(w, r)
	body := w.Body.String()
	for _, want := range []string{`lang="da"`, `content="` + e.Token() + `"`, `href="/_katalog/rediger/content/cases/a.md"`, "Casen A", "Kladde", "Temaer", `src="/_katalog/rediger/ui/editor.js?v=`} {
		if !strings.Contains(body, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if inlineScript.MatchString(body) || strings.Contains(body, "style=") || strings.Contains(body, "<style") {
		t.Error("HTML has inline script or style")
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("start page CSP %q", csp)
	}
	w = httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest("GET", "http://"+host+"/_katalog/rediger/content/cases/a.md", nil))
	if b := w.Body.String(); w.Code != 200 || !strings.Contains(b, "<h1 id=\"page-title\">Casen A</h1>") || !strings.Contains(b, `data-path="content/cases/a.md"`) || inlineScript.MatchString(b) {
		t.Errorf("page: %d %s", w.Code, w.Body)
	}
	// The UI's files, and nothing else under ui/.
	for p, want := range map[string]int{"ui/editor.js": 200, "ui/editor.css": 200, "ui/../editor.go": 404, "ui/x.go": 404, "ui/": 404} {
		w = httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest("GET", "http://"+host+"/_katalog/rediger/"+p, nil))
		if w.Code != want {
			t.Errorf("GET %s = %d, want %d", p, w.Code, want)
		}
	}
}

// inlineScript matches a script element without src.
var inlineScript = regexp.MustCompile(`<script(\s+[a-z-]+(="[^"]*")?)*>[^<]`)

func TestFile(t *testing.T) {
	e := newEditor(t, newSite(t))
	code, m := do(t, e, e.req("GET", "/api/file?path=content/cases/a.md", nil))
	if code != 200 {
		t.Fatal(code, m)
	}
	if m["version"] != version([]byte(caseA)) || m["body"] != "Teksten i A.\n" || m["format"] != "yaml" {
		t.Errorf("%v", m)
	}
	f := m["fields"].(map[string]any)
	if f["title"] != "Casen A" || f["date"] != "2025-12-01" || len(f["principles"].([]any)) != 2 {
		t.Errorf("fields %v", f)
	}
	if code, _ := do(t, e, e.req("GET", "/api/file?path=content/cases/nej.md", nil)); code != 404 {
		t.Errorf("missing file: %d", code)
	}
}

func save(t *testing.T, e *Editor, v map[string]any) (int, map[string]any) {
	t.Helper()
	return do(t, e, e.req("POST", "/api/save", jsonBody(t, v)))
}

func TestSaveUnchangedWritesNothing(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	p := filepath.Join(root, "content", "cases", "a.md")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(p, old, old)
	before, _ := os.Stat(p)
	// The UI sends every field as it read them, and the body.
	_, file := do(t, e, e.req("GET", "/api/file?path=content/cases/a.md", nil))
	code, m := save(t, e, map[string]any{"path": "content/cases/a.md", "version": file["version"], "fields": file["fields"], "body": file["body"]})
	if code != 200 || m["changed"] != false {
		t.Fatal(code, m)
	}
	after, _ := os.Stat(p)
	if !after.ModTime().Equal(before.ModTime()) || !os.SameFile(before, after) {
		t.Error("an unchanged save touched the file")
	}
}

func TestSaveOneField(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	code, m := save(t, e, map[string]any{"path": "content/cases/a.md", "version": version([]byte(caseA)),
		"fields": map[string]any{"principles": []any{1, 6, 7}, "title": "Casen A"}})
	if code != 200 || m["changed"] != true {
		t.Fatal(code, m)
	}
	got := readSite(t, root, "content/cases/a.md")
	want := strings.Replace(caseA, "principles: [1, 6]", "principles: [1, 6, 7]", 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if m["version"] != version([]byte(got)) {
		t.Error("the new version is not the file's hash")
	}
	// The body alone.
	code, m = save(t, e, map[string]any{"path": "content/cases/a.md", "version": m["version"], "body": "Ny tekst.\n"})
	if got := readSite(t, root, "content/cases/a.md"); code != 200 || !strings.HasSuffix(got, "---\nNy tekst.\n") || !strings.Contains(got, "# Kommentar") {
		t.Errorf("%d %v\n%s", code, m, got)
	}
	// No temporary file is left.
	entries, _ := os.ReadDir(filepath.Join(root, "content", "cases"))
	for _, d := range entries {
		if strings.HasSuffix(d.Name(), ".tmp") {
			t.Errorf("left behind: %s", d.Name())
		}
	}
}

func TestSaveConflict(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	other := strings.Replace(caseA, "Teksten i A.", "Teksten i A, rettet i en teksteditor.", 1)
	writeFile(t, filepath.Join(root, "content", "cases", "a.md"), other)
	before := snapshot(t, root)
	code, m := save(t, e, map[string]any{"path": "content/cases/a.md", "version": version([]byte(caseA)), "fields": map[string]any{"title": "Min titel"}})
	if code != http.StatusConflict {
		t.Fatal(code, m)
	}
	assertUnchanged(t, before, root)
	if m["disk"] != other || m["disk_version"] != version([]byte(other)) || !strings.Contains(m["theirs"].(string), `title: "Min titel"`) {
		t.Errorf("%v", m)
	}
	// Keeping theirs: the same request with the disk's version.
	code, m = save(t, e, map[string]any{"path": "content/cases/a.md", "version": m["disk_version"], "fields": map[string]any{"title": "Min titel"}})
	if got := readSite(t, root, "content/cases/a.md"); code != 200 || !strings.Contains(got, "Min titel") || !strings.Contains(got, "rettet i en teksteditor") {
		t.Errorf("%d %v %s", code, m, got)
	}
}

func TestSaveRefusedByBuild(t *testing.T) {
	root := newSite(t)
	var overlay map[string][]byte
	e, err := New(Config{Root: root, Build: func(ctx context.Context, o map[string][]byte) error {
		overlay = o
		if bytes.Contains(o["content/cases/a.md"], []byte("date: 2025-13-01")) {
			var l diag.List
			l.Add("content/cases/a.md", 4, "datoen 2025-13-01 findes ikke — skriv den som ÅÅÅÅ-MM-DD")
			return l.Err()
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)
	code, m := save(t, e, map[string]any{"path": "content/cases/a.md", "version": version([]byte(caseA)), "fields": map[string]any{"date": "2025-13-01"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatal(code, m)
	}
	assertUnchanged(t, before, root)
	probs := m["problems"].([]any)
	if p := probs[0].(map[string]any); p["line"] != 4.0 || !strings.Contains(p["msg"].(string), "findes ikke") {
		t.Errorf("%v", probs)
	}
	if _, ok := overlay["content/cases/a.md"]; !ok {
		t.Error("Build got no overlay")
	}
	code, _ = save(t, e, map[string]any{"path": "content/cases/a.md", "version": version([]byte(caseA)), "fields": map[string]any{"date": "2025-12-02"}})
	if code != 200 {
		t.Errorf("a good save: %d", code)
	}
}

func TestJournal(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	before := snapshot(t, filepath.Join(root, "content"))
	q := "/api/journal?path=content/cases/a.md"
	if code, m := do(t, e, e.req("GET", q, nil)); code != 200 || m["found"] != false {
		t.Fatal(code, m)
	}
	code, m := do(t, e, e.req("POST", "/api/journal", jsonBody(t, map[string]any{"path": "content/cases/a.md", "version": "v1", "fields": map[string]any{"title": "Halvfærdig", "principles": []any{2}}, "body": "Halvt skrevet"})))
	if code != 200 {
		t.Fatal(code, m)
	}
	assertUnchanged(t, before, filepath.Join(root, "content"))
	if _, err := os.Stat(filepath.Join(root, ".cache", "rediger", "content-cases-a-md.json")); err != nil {
		t.Error(err)
	}
	code, m = do(t, e, e.req("GET", q, nil))
	entry, _ := m["entry"].(map[string]any)
	if code != 200 || m["found"] != true || entry["body"] != "Halvt skrevet" || entry["version"] != "v1" ||
		!strings.HasPrefix(m["message"].(string), "Du har ændringer fra kl. ") || !strings.HasSuffix(m["message"].(string), ", som ikke er gemt. Vil du hente dem tilbage?") {
		t.Errorf("%d %v", code, m)
	}
	if code, _ := do(t, e, e.req("DELETE", q, nil)); code != 200 {
		t.Error(code)
	}
	if _, m := do(t, e, e.req("GET", q, nil)); m["found"] != false {
		t.Error("journal entry survived DELETE")
	}
}

func TestRenameAndDelete(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	before := snapshot(t, root)
	// b.md links to a twice on one line.
	for _, r := range []*http.Request{
		e.req("POST", "/api/rename", jsonBody(t, map[string]any{"path": "content/cases/a.md", "newSlug": "a-ny"})),
		e.req("POST", "/api/delete", jsonBody(t, map[string]any{"path": "content/cases/a.md"})),
	} {
		code, m := do(t, e, r)
		links, _ := m["links"].([]any)
		if code != http.StatusConflict || len(links) != 1 {
			t.Fatalf("%s: %d %v", r.URL.Path, code, m)
		}
		if l := links[0].(map[string]any); l["path"] != "content/cases/b.md" || l["line"] != 8.0 {
			t.Errorf("link %v", l)
		}
	}
	assertUnchanged(t, before, root)
	for _, c := range []struct {
		slug string
		code int
	}{{"A Ny", 400}, {"", 400}, {"b", 409}, {"c", 400}} {
		if code, m := do(t, e, e.req("POST", "/api/rename", jsonBody(t, map[string]any{"path": "content/cases/c.md", "newSlug": c.slug}))); code != c.code {
			t.Errorf("slug %q: %d %v", c.slug, code, m)
		}
	}
	if code, _ := do(t, e, e.req("POST", "/api/rename", jsonBody(t, map[string]any{"path": "content/om.md", "newSlug": "cases"}))); code != 400 {
		t.Errorf("reserved page slug: %d", code)
	}
	if code, _ := do(t, e, e.req("POST", "/api/delete", jsonBody(t, map[string]any{"path": "content/_index.md"}))); code != 400 {
		t.Errorf("delete _index.md: %d", code)
	}
	assertUnchanged(t, before, root)

	// c has no links: rename moves it and keeps the old address.
	code, m := do(t, e, e.req("POST", "/api/rename", jsonBody(t, map[string]any{"path": "content/cases/c.md", "newSlug": "c-ny"})))
	if code != 200 || m["path"] != "content/cases/c-ny.md" || m["alias"] != "/cases/c/" {
		t.Fatal(code, m)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "cases", "c.md")); !os.IsNotExist(err) {
		t.Error("c.md still there")
	}
	if got := readSite(t, root, "content/cases/c-ny.md"); !strings.Contains(got, "aliases: [/cases/c/]") && !strings.Contains(got, "- /cases/c/") {
		t.Errorf("no alias:\n%s", got)
	}
	// Once b's links are gone, a can be deleted.
	writeFile(t, filepath.Join(root, "content", "cases", "b.md"), "---\ntitle: B\n---\nIntet.\n")
	if code, m := do(t, e, e.req("POST", "/api/delete", jsonBody(t, map[string]any{"path": "content/cases/a.md", "version": "forkert"}))); code != 409 {
		t.Errorf("stale delete: %d %v", code, m)
	}
	if code, m := do(t, e, e.req("POST", "/api/delete", jsonBody(t, map[string]any{"path": "content/cases/a.md", "version": version([]byte(caseA))}))); code != 200 {
		t.Errorf("delete: %d %v", code, m)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "cases", "a.md")); !os.IsNotExist(err) {
		t.Error("a.md still there")
	}
}

func TestFindLinks(t *testing.T) {
	for _, c := range []struct {
		body, dir string
		n         int
	}{
		{"[x](/cases/a/)", "cases", 1},
		{"[x](/cases/a)", "tema", 1},
		{"[x](https://eksempel.dk/cases/a/#afsnit)", "", 1},
		{"[x](/cases/ab/)", "cases", 0},
		{"[x](/cases/a-b)", "cases", 0},
		{"[x](a.md)", "cases", 1},
		{"[x](./a.md)", "cases", 1},
		{"[x](a.md)", "tema", 0},
		{"[x](../cases/a.md)", "tema", 1},
		{"[x](content/cases/a.md)", "", 1},
		{"[x](/content/cases/a.md)", "tema", 1},
		{"[x](ba.md) [y](tema/a.md)", "", 0},
	} {
		if got := len(findLinks([]byte(c.body), "/cases/a/", c.dir, "cases/a.md")); got != c.n {
			t.Errorf("%q in %q: %d links, want %d", c.body, c.dir, got, c.n)
		}
	}
}

func TestNewPage(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	code, m := do(t, e, e.req("POST", "/api/new", jsonBody(t, map[string]any{"kind": "case", "title": "Nøglen til et nyt hjem"})))
	if code != 201 || m["path"] != "content/cases/noeglen-til-et-nyt-hjem.md" || m["url"] != "/cases/noeglen-til-et-nyt-hjem/" {
		t.Fatal(code, m)
	}
	got := readSite(t, root, "content/cases/noeglen-til-et-nyt-hjem.md")
	if !strings.Contains(got, `title: "Nøglen til et nyt hjem"`) || !strings.Contains(got, "date: "+time.Now().Format("2006-01-02")) || m["version"] != version([]byte(got)) {
		t.Errorf("%s", got)
	}
	// Never overwrite: an edited file stays.
	writeFile(t, filepath.Join(root, "content", "cases", "noeglen-til-et-nyt-hjem.md"), "redigeret")
	if code, _ := do(t, e, e.req("POST", "/api/new", jsonBody(t, map[string]any{"kind": "case", "title": "Nøglen til et nyt hjem!"}))); code != 409 {
		t.Errorf("existing: %d", code)
	}
	if got := readSite(t, root, "content/cases/noeglen-til-et-nyt-hjem.md"); got != "redigeret" {
		t.Error("overwritten")
	}
	for _, c := range []map[string]any{{"kind": "princip", "title": "x"}, {"kind": "side", "title": "Cases"}, {"kind": "case", "title": "!!!"}} {
		if code, m := do(t, e, e.req("POST", "/api/new", jsonBody(t, c))); code != 400 {
			t.Errorf("%v: %d %v", c, code, m)
		}
	}
	if code, m := do(t, e, e.req("POST", "/api/new", jsonBody(t, map[string]any{"kind": "side", "title": "Tal og data"}))); code != 201 || m["path"] != "content/tal-og-data.md" {
		t.Errorf("side: %d %v", code, m)
	}
}

func TestUpload(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	jpg := tinyJPEG(t)
	// Raw body.
	code, m := do(t, e, e.req("POST", "/api/upload?page=content/cases/a.md&name=Min%20Foto%20%C3%86%C3%98%C3%85.JPEG", bytes.NewReader(jpg)))
	if code != 201 || m["file"] != "min-foto-aeoeaa.jpg" || m["path"] != "content/cases/min-foto-aeoeaa.jpg" {
		t.Fatal(code, m)
	}
	// Multipart, same name: -2, then -3.
	for _, want := range []string{"min-foto-aeoeaa-2.jpg", "min-foto-aeoeaa-3.jpg"} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("alt", "ignored")
		fw, _ := mw.CreateFormFile("file", "min foto æøå.jpg")
		io.Copy(fw, bytes.NewReader(jpg))
		mw.Close()
		r := e.req("POST", "/api/upload?page=content/cases/a.md", &buf)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		code, m := do(t, e, r)
		if code != 201 || m["file"] != want {
			t.Errorf("%d %v, want %s", code, m, want)
		}
	}
	b, err := os.ReadFile(filepath.Join(root, "content", "cases", "min-foto-aeoeaa.jpg"))
	if err != nil || !bytes.HasPrefix(b, []byte{0xFF, 0xD8}) {
		t.Errorf("stored image: %v", err)
	}
	if code, _ := do(t, e, e.req("POST", "/api/upload?page=content/cases/nej.md&name=x.jpg", bytes.NewReader(jpg))); code != 404 {
		t.Errorf("upload beside a missing page: %d", code)
	}
}

func TestFrontMatterReferences(t *testing.T) {
	root := newSite(t)
	writeFile(t, filepath.Join(root, "content", "principper", "6-foelg-mit-tempo.md"), "---\nnumber: 6\ntitle: Følg mit tempo\n---\nP.\n")
	writeFile(t, filepath.Join(root, "content", "tema", "boligloesninger.md"), "---\ntitle: Boligløsninger\n---\nT.\n")
	writeFile(t, filepath.Join(root, "content", "cases", "d.md"), "---\ntitle: D\nthemes:\n  - boligloesninger\n---\nD.\n")
	e := newEditor(t, root)
	before := snapshot(t, root)
	for _, c := range []struct {
		api, path, linker string
		line              float64
	}{
		{"delete", "content/tema/faellesskaber.md", "content/cases/a.md", 6}, // by title
		{"delete", "content/principper/6-foelg-mit-tempo.md", "content/cases/a.md", 7},
		{"rename", "content/tema/boligloesninger.md", "content/cases/d.md", 3}, // by slug
		{"delete", "content/tema/boligloesninger.md", "content/cases/d.md", 3},
	} {
		code, m := do(t, e, e.req("POST", "/api/"+c.api, jsonBody(t, map[string]any{"path": c.path, "newSlug": "nyt-navn"})))
		links, _ := m["links"].([]any)
		if code != http.StatusConflict || len(links) == 0 {
			t.Errorf("%s %s: %d %v", c.api, c.path, code, m)
			continue
		}
		if l := links[0].(map[string]any); l["path"] != c.linker || l["line"] != c.line {
			t.Errorf("%s %s: %v", c.api, c.path, l)
		}
	}
	assertUnchanged(t, before, root)
	// Cases name Fællesskaber by its title, so renaming its file breaks nothing.
	if code, m := do(t, e, e.req("POST", "/api/rename", jsonBody(t, map[string]any{"path": "content/tema/faellesskaber.md", "newSlug": "faellesskab"}))); code != 200 {
		t.Errorf("rename theme named by title: %d %v", code, m)
	}
}

// The journal is written while a save waits for a slow build.
func TestJournalDuringSlowBuild(t *testing.T) {
	root := newSite(t)
	release, started := make(chan struct{}), make(chan struct{})
	e, err := New(Config{Root: root, Build: func(ctx context.Context, o map[string][]byte) error {
		close(started)
		<-release
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() {
		code, _ := do(t, e, e.req("POST", "/api/save", jsonBody(t, map[string]any{"path": "content/cases/a.md", "version": version([]byte(caseA)), "body": "Ny.\n"})))
		done <- code
	}()
	<-started
	if code, m := do(t, e, e.req("POST", "/api/journal", jsonBody(t, map[string]any{"path": "content/cases/a.md", "body": "Kladde"}))); code != 200 {
		t.Errorf("journal during build: %d %v", code, m)
	}
	close(release)
	if code := <-done; code != 200 {
		t.Errorf("save: %d", code)
	}
}
