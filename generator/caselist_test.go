package generator

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCaseListPages builds the shipped site with 30 more cases, so that
// the case list has two pages: the filter form is on the first, and the
// second points to it and to the search instead (the script filters in
// place only on a list without pages; the form only served page one).
func TestCaseListPages(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, dir := range []string{"content", "layouts", "assets"} {
		err := fs.WalkDir(os.DirFS(".."), dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(os.DirFS(".."), name)
			fsys[name] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	model := string(fsys["content/cases/ombold-fodbold.md"].Data)
	for i := range 30 {
		c := strings.Replace(model, "title: \"Fodbold som fast holdepunkt", fmt.Sprintf("title: \"Kopi %d: Fodbold som fast holdepunkt", i), 1)
		fsys[fmt.Sprintf("content/cases/kopi-%d.md", i)] = &fstest.MapFile{Data: []byte(c)}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Config{FS: fsys, Out: out, Now: buildDate}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	first, second := read("cases/index.html"), read("cases/side/2/index.html")
	if !strings.Contains(first, `<form class=filters`) {
		t.Errorf("the first page of the case list lacks the filter form")
	}
	// The script filters in place only on a list of one page: with pages,
	// no card carries the data it would read.
	for name, page := range map[string]string{"first": first, "second": second} {
		if strings.Contains(page, "data-tema=") {
			t.Errorf("the %s page's cards carry filter data", name)
		}
	}
	if strings.Contains(second, "<form") {
		t.Errorf("the second page carries the filter form")
	}
	for _, want := range []string{`<a href="/cases/">filtrene på første side</a>`, `<a href="/soeg/">søg i kataloget</a>`, `<li class="card">`} {
		if !strings.Contains(second, minified(t, want)) {
			t.Errorf("the second page lacks %s", want)
		}
	}
}
