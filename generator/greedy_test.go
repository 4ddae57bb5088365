package generator

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// greedyLayouts show what the shipped layouts do not: every page's text,
// other pages' rendered bodies and headings, and the whole site.
var greedyLayouts = map[string]string{
	"layouts/case.html": `{{define "main"}}<h1>{{.Page.Title}}</h1><p>Tekstlængde: {{len .Page.Text}}</p>{{.Page.Content}}` +
		`{{range .Page.Related}}<section><h2>{{.Title}}</h2>{{.Content}}<p>{{len .Text}} {{len .Headings}}</p></section>{{end}}{{end}}`,
	"layouts/tema.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}` +
		`{{range .Page.Cases}}<section class="full"><h3>{{.Title}}</h3>{{.Content}}<p>{{len .Text}}</p></section>{{end}}{{end}}`,
	"layouts/home.html": `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}` +
		`{{range .Site.Cases}}<p>{{.Title}}: {{len .Text}}</p>{{end}}{{end}}`,
}

// greedySite is the basic fixture with n more cases and the greedy layouts.
func greedySite(t *testing.T, n int) fstest.MapFS {
	_, fsys := loadFixture(t, "basic")
	manyCases(fsys, n)
	for name, data := range greedyLayouts {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// outputSum sums every file of a build.
func outputSum(out Output) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(out)) {
		fmt.Fprintf(h, "%s\x00%x\x00", name, sha256.Sum256(out[name]))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// readOutput reads a build's folder back into an Output.
func readOutput(t *testing.T, dir string) Output {
	t.Helper()
	out := Output{}
	fsys := os.DirFS(dir)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == Marker {
			return err
		}
		out[p], err = fs.ReadFile(fsys, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// TestGreedyLayoutsDeterministic builds, with layouts that read every
// page's text and other pages' bodies, the shipped site and a 300-case
// corpus 50 times each on disk, and checks that every build gives the
// bytes of the in-memory build.
func TestGreedyLayoutsDeterministic(t *testing.T) {
	shipped := fstest.MapFS{}
	for _, f := range syntheticSiteFiles(t) {
		shipped[f.name] = &fstest.MapFile{Data: f.data}
	}
	for name, data := range greedyLayouts {
		shipped[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for _, site := range []struct {
		name string
		fsys fstest.MapFS
		show string // a body a theme page must show
	}{
		{"corpus", greedySite(t, 300), "Tekst om case 299."},
		{"shipped", shipped, "OMBOLD"},
	} {
		t.Run(site.name, func(t *testing.T) {
			want, err := Render(context.Background(), Config{FS: site.fsys, Now: fixtureDate})
			if err != nil {
				t.Fatal(err)
			}
			themes := ""
			for name, data := range want {
				if strings.HasPrefix(name, "tema/") {
					themes += string(data)
				}
			}
			if !strings.Contains(themes, site.show) {
				t.Fatalf("no theme page shows %q", site.show)
			}
			sum := outputSum(want)
			runs := 50
			if testing.Short() {
				runs = 5
			}
			for i := range runs {
				dir := filepath.Join(t.TempDir(), "public")
				if _, err := Build(context.Background(), Config{FS: site.fsys, Out: dir, Now: fixtureDate}); err != nil {
					t.Fatal(err)
				}
				if got := readOutput(t, dir); outputSum(got) != sum {
					for name := range want {
						if string(got[name]) != string(want[name]) {
							t.Fatalf("build %d: %s differs from the in-memory build:\n got %.300s\nwant %.300s", i, name, got[name], want[name])
						}
					}
					t.Fatalf("build %d differs from the in-memory build", i)
				}
			}
		})
	}
}

// syntheticSiteFiles reads the repository's content, layouts and assets.
func syntheticSiteFiles(t *testing.T) []namedFile {
	t.Helper()
	var files []namedFile
	for _, dir := range []string{"content", "layouts", "assets"} {
		root := filepath.Join("..", dir)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files = append(files, namedFile{strings.TrimPrefix(filepath.ToSlash(p), "../"), data})
			return nil
		})
	}
	return files
}

// TestGreedyLayoutsPreview checks that the preview, after a body edit,
// shows the new body on every page that shows it, as a full build does.
func TestGreedyLayoutsPreview(t *testing.T) {
	fsys := greedySite(t, 30)
	b := NewBuilder(Config{FS: fsys, Now: fixtureDate})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for i, file := range []string{"content/cases/c0007.md", "content/cases/ombold.md", "content/cases/c0007.md"} {
		fsys[file] = &fstest.MapFile{Data: append(slices.Clone(fsys[file].Data), fmt.Sprintf("\nNy tekst nr. %d.\n", i)...)}
		got, err := b.Build(context.Background(), []string{file})
		if err != nil {
			t.Fatal(err)
		}
		want, err := Render(context.Background(), Config{FS: fsys, Now: fixtureDate})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if string(got[name]) != string(want[name]) {
				t.Errorf("edit %d of %s: the preview's %s differs from a full build", i, file, name)
			}
		}
	}
}

// TestSiteReadingFunctionTurnsSignaturesOff checks that a case layout that
// calls a function the table marks as reading the site makes the preview
// render every page, and that one calling only other functions does not.
func TestSiteReadingFunctionTurnsSignaturesOff(t *testing.T) {
	for _, tt := range []struct {
		layout    string
		selective bool
	}{
		{`{{define "main"}}<h1>{{.Page.Title}}</h1>{{date .Page.Date}}{{end}}`, true},
		{`{{define "main"}}<h1>{{.Page.Title}}</h1>{{range milestones "now"}}{{.Title}}{{end}}{{end}}`, false},
		{`{{define "main"}}<h1>{{.Page.Title}}</h1>{{len .Site.Cases}}{{end}}`, false},
	} {
		_, fsys := loadFixture(t, "basic")
		fsys["layouts/case.html"] = &fstest.MapFile{Data: []byte(tt.layout)}
		r := &renderer{}
		tmpl, errs := loadLayouts(fsys, r.funcs())
		if len(errs) > 0 {
			t.Fatal(errs.Err())
		}
		if got := selectiveLayouts(tmpl); got != tt.selective {
			t.Errorf("selectiveLayouts with %s = %v, want %v", tt.layout, got, tt.selective)
		}
	}
}
