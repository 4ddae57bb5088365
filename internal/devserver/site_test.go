package devserver

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"html"
	"io/fs"
	"katalog/internal/diag"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeBuild is a tiny generator for the tests: content/<p>.md becomes
// <p>/index.html (content/index.md the front page), assets/ is copied, and
// a line "BROKEN" in a markdown file is a problem at that line. A line
// "PANIC" panics.
//
// Each build is written to a fresh folder beside the root (see builds) and
// served from disk, confined to that folder: symlinks that lead out are
// refused.
func fakeBuild(root string) func(context.Context, []string) (fs.FS, error) {
	var seq atomic.Int64
	return func(ctx context.Context, changed []string) (fs.FS, error) {
		dir := filepath.Join(builds(root), fmt.Sprintf("site-%04d", seq.Add(1)))
		problems, err := writeFake(root, dir)
		if err == nil && len(problems) > 0 {
			err = diag.List(problems).Err()
		}
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		return openDiskSite(dir)
	}
}

// builds is the folder the fake builds of the site at root go to.
func builds(root string) string { return filepath.Join(filepath.Dir(root), "builds") }

// diskSite is a build on disk; closing it removes it.
type diskSite struct {
	fs.StatFS
	dir  string
	root *os.Root
}

func openDiskSite(dir string) (*diskSite, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &diskSite{StatFS: root.FS().(fs.StatFS), dir: dir, root: root}, nil
}

func (d *diskSite) Close() error {
	d.root.Close()
	return os.RemoveAll(d.dir)
}

// dirOf returns the folder of a tree built by fakeBuild.
func dirOf(t *tree) string { return t.fsys.(*diskSite).dir }

// writeFake writes the fake build of the site at root into dir.
func writeFake(root, dir string) ([]*Problem, error) {
	{
		var problems []*Problem
		files := map[string][]byte{"404.html": []byte(page("Siden findes ikke"))}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel := filepath.ToSlash(must(filepath.Rel(root, p)))
			top, rest, _ := strings.Cut(rel, "/")
			switch {
			case isEditorTemp(d.Name()):
			case top == "assets":
				files[rest] = must(os.ReadFile(p))
			case top == "content" && strings.HasSuffix(rest, ".md"):
				text := must(os.ReadFile(p))
				problems = append(problems, checkPage(rel, text)...)
				out := strings.TrimSuffix(strings.TrimSuffix(rest, ".md"), "index")
				files[filepath.ToSlash(filepath.Join(out, "index.html"))] = []byte(page(string(text)))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(problems) > 0 {
			return problems, nil
		}
		for name, b := range files {
			name = filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(name, b, 0o644); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
}

func checkPage(rel string, text []byte) []*Problem {
	var problems []*Problem
	sc := bufio.NewScanner(bytes.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		switch sc.Text() {
		case "BROKEN":
			problems = append(problems, &Problem{File: rel, Line: n, Col: 1, Msg: "ødelagt linje – slet den"})
		case "PANIC":
			panic("template exploded")
		}
	}
	return problems
}

func page(body string) string {
	return fmt.Sprintf("<!DOCTYPE html>\n<html lang=\"da\"><head><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body>%s</body></html>\n", html.EscapeString(body))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// newSite writes a small site and returns its root.
func newSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range map[string]string{
		"content/index.md":       "Forside",
		"content/cases/a.md":     "Case A",
		"content/cases/b.md":     "Case B",
		"layouts/base.html":      "{{.}}",
		"assets/css/site.css":    "body{color:black}",
		"assets/img/logo.svg":    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
		"assets/js/search.js":    "console.log(1)",
		"assets/downloads/x.txt": "tekst",
	} {
		write(t, filepath.Join(root, name), text)
	}
	return root
}

// newServer returns a server for a new site with the first build done.
func newServer(t *testing.T) (*Server, string) {
	t.Helper()
	root := newSite(t)
	s, err := New(Config{Root: root, Build: fakeBuild(root), Delay: testDelay})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Rebuild(t.Context(), nil)
	return s, root
}
