package generator

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "update golden files and want/ sections of site fixtures")

// fixtureDate is the build date of the site fixtures.
var fixtureDate = time.Date(2025, 10, 15, 9, 0, 0, 0, time.UTC)

// loadFixture reads testdata/sites/<name>.txtar into an fs.FS. Layouts the
// archive does not have come from testdata/layouts; want/ and want-error
// sections are returned apart.
func loadFixture(t *testing.T, name string) (*txtar.Archive, fstest.MapFS) {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata/sites", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	layouts, _ := filepath.Glob("testdata/layouts/*.html")
	for _, l := range layouts {
		b, _ := os.ReadFile(l)
		fsys["layouts/"+filepath.Base(l)] = &fstest.MapFile{Data: b}
	}
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Name, "want") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return a, fsys
}

// TestSites builds each fixture in testdata/sites and compares the output
// with its want/ files, or the errors with its want-error file.
func TestSites(t *testing.T) {
	files, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			a, fsys := loadFixture(t, name)
			out, err := Render(context.Background(), Config{FS: fsys, Now: fixtureDate})
			changed := false
			for i, f := range a.Files {
				var got []byte
				switch {
				case f.Name == "want-error":
					if err == nil {
						t.Fatalf("build succeeded, want errors")
					}
					got = []byte(err.Error() + "\n")
				case strings.HasPrefix(f.Name, "want/"):
					if err != nil {
						t.Fatalf("build failed:\n%v", err)
					}
					got = append(out[strings.TrimPrefix(f.Name, "want/")], '\n')
				default:
					continue
				}
				if !bytes.Equal(got, f.Data) {
					if *update {
						a.Files[i].Data, changed = got, true
						continue
					}
					t.Errorf("%s: %s differs:\ngot:\n%s\nwant:\n%s", file, f.Name, got, f.Data)
				}
			}
			if changed {
				os.WriteFile(file, txtar.Format(a), 0o644)
			}
		})
	}
}

// TestFailedBuildKeepsOutput checks that a build with errors leaves the
// previous output exactly as it was, and that two builds of the same input
// give the same bytes.
func TestFailedBuildKeepsOutput(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	out := filepath.Join(t.TempDir(), "public")
	ctx := context.Background()
	if _, err := Build(ctx, Config{FS: fsys, Out: out, Now: fixtureDate}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)

	if _, err := Build(ctx, Config{FS: fsys, Out: out, Now: fixtureDate}); err != nil {
		t.Fatal(err)
	}
	if again := snapshot(t, out); !equalTrees(before, again) {
		t.Errorf("two builds of the same input differ")
	}

	fsys["content/cases/ombold.md"] = &fstest.MapFile{Data: []byte("---\ntitle: x\n")}
	if _, err := Build(ctx, Config{FS: fsys, Out: out, Now: fixtureDate}); err == nil {
		t.Fatal("broken content built without error")
	}
	if after := snapshot(t, out); !equalTrees(before, after) {
		t.Errorf("a failed build changed the output")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left behind beside the output: %v", entries)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[strings.TrimPrefix(p, dir)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// minified is an HTML snippet as the build writes it: tests state what a
// page must contain in plain HTML and compare it after the same
// minification, so that they do not depend on how the minifier quotes.
func minified(t *testing.T, snippet string) string {
	t.Helper()
	s, err := newMinifier().String("text/html", snippet)
	if err != nil {
		t.Fatalf("minifying %s: %v", snippet, err)
	}
	return s
}
