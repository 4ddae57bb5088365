package editor

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const caseA = `---
# Kommentar, der skal blive stående.
title: "Casen A"
date: 2025-12-01
summary: 'Et resumé.'
themes: [Fællesskaber]
principles: [1, 6]
draft: false
---
Teksten i A.
`

const caseB = `---
title: Casen B
date: 2025-11-01
summary: B.
themes: [Fællesskaber]
draft: true
---
Se også [casen A](/cases/a/) og [igen](../cases/a.md).
`

// newSite writes a small site in a temporary folder and returns its root.
func newSite(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"go.mod":                        "module outside\n",
		"secret.txt":                    "hemmelig\n",
		"content/_index.md":             "---\ntitle: Forside\n---\nVelkommen.\n",
		"content/om.md":                 "---\ntitle: Om kampagnen\n---\nOm.\n",
		"content/cases/a.md":            caseA,
		"content/cases/b.md":            caseB,
		"content/cases/c.md":            "---\ntitle: C\n---\nIngen henvisninger hertil.\n",
		"content/tema/faellesskaber.md": "---\ntitle: Fællesskaber\nsummary: F.\n---\nTema.\n",
	}
	for p, s := range files {
		writeFile(t, filepath.Join(root, p), s)
	}
	for _, k := range []string{"case", "tema", "side", "materiale"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "skabeloner", k+".md"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(root, "skabeloner", k+".md"), string(b))
	}
	return root
}

func writeFile(t testing.TB, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func newEditor(t testing.TB, root string) *Editor {
	t.Helper()
	e, err := New(Config{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// snapshot reads every file under root (the journal included).
func snapshot(t testing.TB, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			l, _ := os.Readlink(p)
			m[p] = "symlink:" + l
			return nil
		}
		if d.IsDir() {
			m[p+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		m[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func assertUnchanged(t testing.TB, before map[string]string, root string) {
	t.Helper()
	after := snapshot(t, root)
	if !maps.Equal(before, after) {
		for k, v := range after {
			if before[k] != v {
				t.Errorf("changed on disk: %s", k)
			}
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				t.Errorf("removed from disk: %s", k)
			}
		}
	}
}

const host = "127.0.0.1:1313"

// req builds a request as the editor's own page sends it: loopback Host,
// same Origin, the token.
func (e *Editor) req(method, target string, body io.Reader) *http.Request {
	r := httptest.NewRequest(method, "http://"+host+target, body)
	r.Host = host
	if method != http.MethodGet {
		r.Header.Set("Origin", "http://"+host)
		r.Header.Set(TokenHeader, e.Token())
	}
	return r
}

func jsonBody(t testing.TB, v any) io.Reader {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}

// do serves r and decodes a JSON answer into a map.
func do(t testing.TB, e *Editor, r *http.Request) (int, map[string]any) {
	t.Helper()
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	var m map[string]any
	if strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
			t.Fatalf("%s %s: %v: %s", r.Method, r.URL, err, w.Body)
		}
	}
	return w.Code, m
}

func tinyJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readSite(t testing.TB, root, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
