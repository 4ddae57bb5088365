package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestShippedLayoutsKeepShortcuts checks that the shipped layouts let the
// preview take its shortcuts: they show no body on another page, and
// signatures cover what they show. (Package layout tests the analysis.)
func TestShippedLayoutsKeepShortcuts(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range shippedLayouts(t) {
		fsys[f.name] = &fstest.MapFile{Data: f.data}
	}
	tmpl, errs := loadLayouts(fsys, (&renderer{}).funcs())
	if len(errs) > 0 {
		t.Fatal(errs.Err())
	}
	if !tmpl.BodyLocal() {
		t.Error("a shipped layout shows a page's body on another page")
	}
	if !hopsCoveredAll(tmpl) {
		t.Error("the shipped layouts read more of other pages than signatures cover")
	}
	if !signaturesHold(tmpl) {
		t.Error("the shipped layouts turn signatures off")
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
