package editor

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// TestShippedContent opens every shipped content file (a copy) the way the
// UI does and saves it back with every field and the body as read: nothing
// may be written, and every file is listed with a title.
func TestShippedContent(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	e := newEditor(t, root)
	before := snapshot(t, root)
	_, m := do(t, e, e.req("GET", "/api/files", nil))
	n := 0
	for _, s := range m["sections"].([]any) {
		for _, f := range s.(map[string]any)["files"].([]any) {
			f := f.(map[string]any)
			p := f["path"].(string)
			if f["error"] != nil || f["title"] == "" {
				t.Errorf("%s: %v", p, f)
				continue
			}
			code, file := do(t, e, e.req("GET", "/api/file?path="+p, nil))
			if code != 200 {
				t.Errorf("%s: %d %v", p, code, file)
				continue
			}
			code, resp := save(t, e, map[string]any{"path": p, "version": file["version"], "fields": file["fields"], "body": file["body"]})
			if code != 200 || resp["changed"] != false {
				t.Errorf("%s: unchanged save: %d %v", p, code, resp)
			}
			n++
		}
	}
	if n < 30 {
		t.Errorf("only %d files", n)
	}
	assertUnchanged(t, before, root)
}

// TestMounted serves the editor under its prefix, stripped with and
// without the slash, as the preview will mount it.
func TestMounted(t *testing.T) {
	e := newEditor(t, newSite(t))
	for _, prefix := range []string{"/_katalog/rediger", "/_katalog/rediger/"} {
		h := http.StripPrefix(prefix, e)
		for _, p := range []string{"/_katalog/rediger/api/file?path=content/cases/a.md", "/_katalog/rediger/?format=json"} {
			w := httptest.NewRecorder()
			r := httptest.NewRequest("GET", p, nil)
			r.Host = host
			h.ServeHTTP(w, r)
			if w.Code != 200 {
				t.Errorf("%s under %s: %d %s", p, prefix, w.Code, w.Body)
			}
		}
		w := httptest.NewRecorder()
		r := e.req("POST", "/_katalog/rediger/api/journal", jsonBody(t, map[string]any{"path": "content/cases/a.md", "body": "x"}))
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Errorf("POST under %s: %d %s", prefix, w.Code, w.Body)
		}
	}
}
