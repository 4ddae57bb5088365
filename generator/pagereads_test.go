package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestHopsCovered checks which layouts read only what signatures cover.
func TestHopsCovered(t *testing.T) {
	for _, tt := range []struct {
		file, layout string
		covered      bool
	}{
		{"layouts/tema.html", `{{define "main"}}{{.Page.Title}}{{range .Pager.Cases}}{{.Title}}{{range .Themes}}{{.Title}}{{end}}{{end}}{{len .Page.Cases}}{{if .Page.Cases}}x{{end}}{{end}}`, true},
		{"layouts/tema.html", `{{define "main"}}{{range .Page.Cases}}{{.Title}}{{end}}{{end}}`, false},
		{"layouts/tema.html", `{{define "main"}}{{with .Page.Cases}}{{len .}}{{end}}{{end}}`, false},
		{"layouts/tema.html", `{{define "main"}}{{$c := .Page.Cases}}{{range $c}}{{.Title}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{with .Page.Prev}}{{.Title}}{{end}}{{range .Page.Related}}{{.Title}}{{range $i, $t := .Themes}}{{$t.Slug}}{{end}}{{end}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{.Page.Prev.Prev.Title}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{with .Page.Prev}}{{.Prev.Title}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{range .Page.Themes}}{{range .Cases}}{{.Title}}{{end}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{range .Page.Related}}{{.Related}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{template "x" .Page}}{{end}}{{define "x"}}{{range .Themes}}{{len .Cases}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{template "x" .Pager}}{{end}}{{define "x"}}{{.Prev}}{{.Next}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{with $p := .Page}}{{$p.Next.Cases}}{{end}}{{end}}`, false},
	} {
		_, fsys := loadFixture(t, "basic")
		// The fixture's theme layout lists all of a theme's cases.
		fsys["layouts/tema.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range .Pager.Cases}}{{.Title}}{{end}}{{end}}`)}
		fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.layout)}
		tmpl, errs := loadTemplates(fsys, (&renderer{}).funcs())
		if len(errs) > 0 {
			t.Fatal(errs.Err())
		}
		if got := hopsCoveredAll(tmpl); got != tt.covered {
			t.Errorf("%s %s: covered = %v, want %v", tt.file, tt.layout, got, tt.covered)
		}
	}
	// The shipped layouts are covered: the preview keeps its signatures.
	fsys := fstest.MapFS{}
	for _, f := range shippedLayouts(t) {
		fsys[f.name] = &fstest.MapFile{Data: f.data}
	}
	tmpl, errs := loadTemplates(fsys, (&renderer{}).funcs())
	if len(errs) > 0 {
		t.Fatal(errs.Err())
	}
	if !hopsCoveredAll(tmpl) {
		t.Error("the shipped layouts read more of other pages than signatures cover")
	}
}

type namedFile struct {
	name string
	data []byte
}

// shippedLayouts reads the repository's layouts/.
func shippedLayouts(t *testing.T) []namedFile {
	t.Helper()
	var files []namedFile
	for _, pattern := range []string{"../layouts/*.html", "../layouts/partials/*.html"} {
		names, _ := filepath.Glob(pattern)
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, namedFile{strings.TrimPrefix(filepath.ToSlash(n), "../"), data})
		}
	}
	return files
}
