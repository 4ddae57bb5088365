package generator

import (
	"bytes"
	"fmt"
	"testing"
	"testing/fstest"
	"time"
)

// TestPageBody: after a Page call, a change of only the page's body is
// rendered on the same site (no reload), and the page is a full build's;
// a change of its front matter, or of another file, loads the site again.
func TestPageBody(t *testing.T) {
	fsys := previewShipped(t)
	cfg := Config{FS: fsys, Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Drafts: true}
	b := NewBuilder(cfg)
	const file = "content/cases/ombold-fodbold.md"
	page := func(changed []string) []byte {
		t.Helper()
		got, err := b.Page(t.Context(), changed, file)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Render(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if w := want[PageFile(file)]; !bytes.Equal(got, w) {
			t.Fatal(previewDiff(Output{"page": w}, Output{"page": got}))
		}
		return got
	}
	page(nil)
	site := b.pageSite.site
	for i := range 3 {
		f := fsys[file]
		fsys[file] = &fstest.MapFile{Data: fmt.Appendf(bytes.Clone(f.Data), "\nEt nyt afsnit %d.\n", i), Mode: f.Mode}
		if got := page([]string{file}); !bytes.Contains(got, fmt.Appendf(nil, "Et nyt afsnit %d.", i)) {
			t.Fatalf("step %d: the new text is not on the page", i)
		}
		if b.pageSite == nil || b.pageSite.site != site {
			t.Fatalf("step %d: a body change loaded the site again", i)
		}
	}
	f := fsys[file]
	text, err := previewSetFront(string(f.Data), "title", "title: Ny titel på casen")
	if err != nil {
		t.Fatal(err)
	}
	fsys[file] = &fstest.MapFile{Data: []byte(text), Mode: f.Mode}
	page([]string{file})
	if b.pageSite.site == site {
		t.Fatal("a front matter change did not load the site again")
	}
	site = b.pageSite.site
	page([]string{"content/cases/aalborg-skurbyen.md"})
	if b.pageSite.site == site {
		t.Fatal("a change of another file did not load the site again")
	}
}
