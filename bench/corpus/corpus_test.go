package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// fakeRepo returns a repository root with a layout, two stylesheets and a
// script, as the corpus copies them.
func fakeRepo(t *testing.T) string {
	t.Helper()
	repo := t.TempDir()
	w := &writer{root: repo}
	w.file("layouts/base.html", "<!doctype html><title>{{.Title}}</title>")
	w.file("assets/css/20-b.css", "b{color:red}")
	w.file("assets/css/10-a.css", "a{color:blue}")
	w.file("assets/js/search.js", "console.log(1)")
	if w.err != nil {
		t.Fatal(w.err)
	}
	return repo
}

// tree returns every file under dir by slash-separated relative path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func build(t *testing.T, repo string, n int, seed uint64) map[string][]byte {
	t.Helper()
	return buildShape(t, repo, n, seed, shapes["default"])
}

func buildShape(t *testing.T, repo string, n int, seed uint64, sh Shape) map[string][]byte {
	t.Helper()
	out := t.TempDir()
	if err := generate(out, repo, NewCorpus(n, seed, sh)); err != nil {
		t.Fatal(err)
	}
	return tree(t, out)
}

func TestDeterministic(t *testing.T) {
	repo := fakeRepo(t)
	a, b := build(t, repo, 40, 7), build(t, repo, 40, 7)
	if len(a) != len(b) {
		t.Fatalf("two runs wrote %d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	// 40 cases, 30 themes, 7 principles and the front page on both sides.
	if got, want := countPrefix(a, "katalog/content/cases/"), 40; got != want {
		t.Errorf("katalog cases = %d, want %d", got, want)
	}
	if got, want := countPrefix(a, "hugo/content/cases/"), 41; got != want {
		t.Errorf("hugo cases (with _index.md) = %d, want %d", got, want)
	}
	c := build(t, repo, 40, 8)
	same := 0
	for name, data := range a {
		if strings.Contains(name, "/cases/") && !strings.HasSuffix(name, "_index.md") && bytes.Equal(data, c[name]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d case files are identical for seeds 7 and 8", same)
	}
}

// TestDeterministicShapes checks every shape: the same seed gives the same
// files, another seed other cases.
func TestDeterministicShapes(t *testing.T) {
	repo := fakeRepo(t)
	for name, sh := range shapes {
		t.Run(name, func(t *testing.T) {
			a, b := buildShape(t, repo, 30, 7, sh), buildShape(t, repo, 30, 7, sh)
			if len(a) != len(b) {
				t.Fatalf("two runs wrote %d and %d files", len(a), len(b))
			}
			for f, data := range a {
				if !bytes.Equal(data, b[f]) {
					t.Errorf("%s differs between two runs with the same seed", f)
				}
			}
			if got := countPrefix(a, "katalog/content/tema/"); got != sh.Themes {
				t.Errorf("%d theme files, want %d", got, sh.Themes)
			}
			c := buildShape(t, repo, 30, 8, sh)
			for f, data := range a {
				if strings.HasPrefix(f, "katalog/content/cases/") && bytes.Equal(data, c[f]) {
					t.Errorf("%s is identical for seeds 7 and 8", f)
				}
			}
		})
	}
}

// TestDefaultShapeUnchanged pins the default shape's content: it is the
// corpus the earlier benchmark figures were measured on.
func TestDefaultShapeUnchanged(t *testing.T) {
	files := build(t, fakeRepo(t), 200, 3)
	var names []string
	for f := range files {
		if strings.HasPrefix(f, "katalog/content/") {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, f := range names {
		h.Write(files[f])
	}
	const want = "df0f27961738c925f304693c8202122615c5ac5e4e468df44ca1a96c4bdca307"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("default corpus (200 cases, seed 3) hashes to %s, want %s", got, want)
	}
}

func TestUnknownShape(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"-shape", "wide", "-out", t.TempDir()}, &stderr); code != 2 {
		t.Errorf("run -shape wide = %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "unknown shape") {
		t.Errorf("stderr = %q, want it to name the unknown shape", stderr.String())
	}
}

func countPrefix(files map[string][]byte, prefix string) int {
	n := 0
	for name := range files {
		if strings.HasPrefix(name, prefix) {
			n++
		}
	}
	return n
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Æbler & Øl på Ærø", "aebler-oel-paa-aeroe"},
		{"Høje-Taastrup", "hoeje-taastrup"},
		{"  Social støtte!  ", "social-stoette"},
		{"Case 42: Fodbold", "case-42-fodbold"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, list := range [][]string{themes, municipalities, principles} {
		seen := map[string]string{}
		for _, s := range list {
			if other, ok := seen[slug(s)]; ok {
				t.Errorf("%q and %q have the same slug %q", s, other, slug(s))
			}
			seen[slug(s)] = s
		}
	}
}

// frontMatterOf splits a content file and decodes its YAML front matter.
func frontMatterOf(t *testing.T, name string, data []byte) (map[string]any, string) {
	t.Helper()
	parts := strings.SplitN(string(data), "---\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		t.Fatalf("%s: no front matter", name)
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(parts[1]), &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m, parts[2]
}

func checkKeys(t *testing.T, name string, m map[string]any, allowed ...string) {
	t.Helper()
	for k := range m {
		if !contains(allowed, k) {
			t.Errorf("%s: unknown key %q", name, k)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
