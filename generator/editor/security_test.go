package editor

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writes are requests that change the site when they are accepted: each
// refusal test sends all of them and checks that nothing changed.
func writes(t *testing.T, e *Editor) []*http.Request {
	t.Helper()
	body := "Ny tekst."
	jpg := tinyJPEG(t)
	return []*http.Request{
		e.req("POST", "/api/save", jsonBody(t, map[string]any{"path": "content/cases/a.md", "version": version([]byte(caseA)), "fields": map[string]any{"title": "Ny"}, "body": body})),
		e.req("POST", "/api/journal", jsonBody(t, map[string]any{"path": "content/cases/a.md", "body": body})),
		e.req("DELETE", "/api/journal?path=content/cases/a.md", nil),
		e.req("POST", "/api/upload?page=content/cases/c.md&name=foto.jpg", bytes.NewReader(jpg)),
		e.req("POST", "/api/rename", jsonBody(t, map[string]any{"path": "content/cases/c.md", "newSlug": "d"})),
		e.req("POST", "/api/delete", jsonBody(t, map[string]any{"path": "content/om.md"})),
		e.req("POST", "/api/new", jsonBody(t, map[string]any{"kind": "case", "title": "En ny case"})),
	}
}

// refuse sends every write with mutate applied and wants status for each,
// and the site unchanged on disk.
func refuse(t *testing.T, status int, mutate func(*http.Request)) {
	t.Helper()
	root := newSite(t)
	e := newEditor(t, root)
	// A journal entry exists, so that a refused DELETE would show.
	if code, m := do(t, e, e.req("POST", "/api/journal", jsonBody(t, map[string]any{"path": "content/cases/a.md", "body": "kladde"}))); code != 200 {
		t.Fatalf("journal: %d %v", code, m)
	}
	before := snapshot(t, root)
	for _, r := range writes(t, e) {
		mutate(r)
		code, m := do(t, e, r)
		if code != status {
			t.Errorf("%s %s: status %d, want %d (%v)", r.Method, r.URL, code, status, m)
		}
		if msg, _ := m["error"].(string); msg == "" {
			t.Errorf("%s %s: no Danish message", r.Method, r.URL)
		}
	}
	assertUnchanged(t, before, root)
}

func TestRefuseForeignHost(t *testing.T) {
	for _, h := range []string{"evil.example", "evil.example:1313", "127.0.0.1.nip.io:1313", "192.168.1.4:1313", "localhost.evil.example", "127.0.0.2:1313", "[::1", "localhost:x", ""} {
		t.Run(h, func(t *testing.T) {
			refuse(t, http.StatusForbidden, func(r *http.Request) {
				r.Host = h
				r.Header.Set("Origin", "http://"+h)
			})
		})
	}
	// Reads are refused too (a rebound page must not read the token).
	e := newEditor(t, newSite(t))
	r := e.req("GET", "/", nil)
	r.Host = "evil.example:1313"
	if code, _ := do(t, e, r); code != http.StatusForbidden {
		t.Errorf("GET / from foreign host: %d", code)
	}
}

func TestAllowedHosts(t *testing.T) {
	for _, h := range []string{"127.0.0.1", "127.0.0.1:1313", "localhost:8080", "LOCALHOST.:1313", "[::1]:1313", "[::1]", "localhost"} {
		if !allowedHost(h) {
			t.Errorf("allowedHost(%q) = false", h)
		}
	}
}

func TestRefuseMissingToken(t *testing.T) {
	refuse(t, http.StatusForbidden, func(r *http.Request) { r.Header.Del(TokenHeader) })
}

func TestRefuseWrongToken(t *testing.T) {
	refuse(t, http.StatusForbidden, func(r *http.Request) {
		tok := []byte(r.Header.Get(TokenHeader))
		tok[0] ^= 1
		r.Header.Set(TokenHeader, string(tok))
	})
	refuse(t, http.StatusForbidden, func(r *http.Request) { r.Header.Set(TokenHeader, "abc") })
}

func TestRefuseMissingOrigin(t *testing.T) {
	refuse(t, http.StatusForbidden, func(r *http.Request) { r.Header.Del("Origin") })
}

func TestRefuseForeignOrigin(t *testing.T) {
	for _, o := range []string{"http://evil.example", "null", "http://127.0.0.1:9999", "https://127.0.0.1:1313", "http://localhost:1313", "http://127.0.0.1:1313/x"} {
		t.Run(o, func(t *testing.T) {
			refuse(t, http.StatusForbidden, func(r *http.Request) { r.Header.Set("Origin", o) })
		})
	}
	t.Run("two", func(t *testing.T) {
		refuse(t, http.StatusForbidden, func(r *http.Request) { r.Header.Add("Origin", "http://"+host) })
	})
}

func TestRefusePathOutsideContent(t *testing.T) {
	root := newSite(t)
	if err := os.Symlink(filepath.Join("..", "..", "go.mod"), filepath.Join(root, "content", "cases", "ud.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(root, "content", "cases", "abs.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root), filepath.Join(root, "content", "ud")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "content", "cases", "a.md~"), caseA)
	writeFile(t, filepath.Join(root, "content", "cases", "noter.txt"), "noter\n")
	e := newEditor(t, root)
	before := snapshot(t, root)
	bad := []string{
		"../go.mod", "/etc/passwd", filepath.Join(root, "go.mod"), "content/../go.mod", "content/cases/../../go.mod",
		"content/cases/ud.md", "content/cases/abs.md", "content/ud/go.mod.md", "content/ud/content/cases/a.md",
		"content/cases/a.md~", "content/cases/noter.txt", "go.mod", "content//cases/a.md", "content/./cases/a.md",
		`content\cases\a.md`, "content/cases/.a.md.tmp", "content/.git/x.md", "", "content/cases/a.md\x00",
	}
	for _, p := range bad {
		reqs := []*http.Request{
			e.req("GET", "/api/file?path="+urlQuery(p), nil),
			e.req("POST", "/api/save", jsonBody(t, map[string]any{"path": p, "version": version([]byte("module outside\n")), "fields": map[string]any{"title": "x"}, "body": "x"})),
			e.req("POST", "/api/journal", jsonBody(t, map[string]any{"path": p, "body": "x"})),
			e.req("POST", "/api/rename", jsonBody(t, map[string]any{"path": p, "newSlug": "flyttet"})),
			e.req("POST", "/api/delete", jsonBody(t, map[string]any{"path": p})),
			e.req("POST", "/api/upload?page="+urlQuery(p)+"&name=x.jpg", bytes.NewReader(tinyJPEG(t))),
		}
		for _, r := range reqs {
			code, m := do(t, e, r)
			msg, _ := m["error"].(string)
			if code != http.StatusBadRequest || msg == "" {
				t.Errorf("%q: %s %s: %d %q, want 400 with a message", p, r.Method, r.URL.Path, code, msg)
			}
		}
	}
	assertUnchanged(t, before, root)
}

func urlQuery(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", "#", "%23", "?", "%3F", " ", "%20", "\x00", "%00", "\\", "%5C")
	return r.Replace(s)
}

func TestRefuseTooLarge(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	before := snapshot(t, root)
	big := strings.Repeat("x", MaxSaveBytes+1)
	for _, r := range []*http.Request{
		e.req("POST", "/api/save", jsonBody(t, map[string]any{"path": "content/cases/a.md", "version": version([]byte(caseA)), "body": big})),
		e.req("POST", "/api/journal", jsonBody(t, map[string]any{"path": "content/cases/a.md", "body": big})),
		e.req("POST", "/api/upload?page=content/cases/a.md&name=x.jpg", bytes.NewReader(make([]byte, MaxUploadBytes+1))),
	} {
		if code, m := do(t, e, r); code != http.StatusRequestEntityTooLarge || m["error"] == "" {
			t.Errorf("%s: %d %v, want 413", r.URL.Path, code, m)
		}
	}
	// Over upload.MaxBytes but under the request limit: refused by upload.Image.
	jpg := append(tinyJPEG(t), make([]byte, 26<<20)...)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "stor.jpg")
	fw.Write(jpg)
	mw.Close()
	r := e.req("POST", "/api/upload?page=content/cases/a.md", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if code, m := do(t, e, r); code != http.StatusRequestEntityTooLarge {
		t.Errorf("26 MB upload: %d %v, want 413", code, m)
	}
	assertUnchanged(t, before, root)
}

func TestRefuseWrongMethod(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	before := snapshot(t, root)
	for _, c := range []struct{ method, path string }{
		{"GET", "/api/save"}, {"PUT", "/api/save"}, {"DELETE", "/api/save"}, {"GET", "/api/new"},
		{"PATCH", "/api/journal?path=content/cases/a.md"}, {"POST", "/"}, {"POST", "/api/file?path=content/cases/a.md"},
		{"GET", "/api/upload?page=content/cases/a.md"}, {"GET", "/api/rename"}, {"GET", "/api/delete"},
		{"POST", "/content/cases/a.md"},
	} {
		r := e.req(c.method, c.path, strings.NewReader(`{"path":"content/cases/a.md"}`))
		code, m := do(t, e, r)
		if code != http.StatusMethodNotAllowed || m["error"] == "" {
			t.Errorf("%s %s: %d, want 405", c.method, c.path, code)
		}
	}
	assertUnchanged(t, before, root)
}

func TestRefuseUploadNotImage(t *testing.T) {
	root := newSite(t)
	e := newEditor(t, root)
	before := snapshot(t, root)
	pdf := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	html := []byte("<!doctype html><script>alert(1)</script>")
	for name, data := range map[string][]byte{"rapport.jpg": pdf, "side.png": html, "tom.jpg": {}} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
		mw.Close()
		r := e.req("POST", "/api/upload?page=content/cases/a.md", &buf)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		if code, m := do(t, e, r); code != http.StatusUnsupportedMediaType || m["error"] == "" {
			t.Errorf("%s: %d %v, want 415", name, code, m)
		}
	}
	assertUnchanged(t, before, root)
}
