package devserver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceLinesStayInRoot: the error page shows lines of the site's own
// files only. A symlink that leads out of the site root (F12: content/cases/pw.md
// → /etc/hostname showed that file's first line) shows nothing.
func TestSourceLinesStayInRoot(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "site")
	outside := filepath.Join(dir, "hemmelig.txt")
	write(t, outside, "HEMMELIG linje 1\nHEMMELIG linje 2")
	write(t, filepath.Join(dir, "ude/b.md"), "HEMMELIG i en mappe")
	write(t, filepath.Join(root, "content/cases/a.md"), "linje 1\nlinje 2")
	write(t, filepath.Join(root, "layouts/delt.md"), "delt linje")
	links := map[string]string{
		"content/cases/pw.md":    outside,                                // absolute, out of the root
		"content/cases/rel.md":   "../../../hemmelig.txt",                // relative, out of the root
		"content/ude":            filepath.Join(dir, "ude"),              // a folder out of the root
		"content/cases/abs.md":   filepath.Join(root, "layouts/delt.md"), // absolute, into the root
		"content/cases/inde.md":  "../../layouts/delt.md",                // relative, inside the root
		"content/cases/kaede.md": "rel.md",                               // a chain that ends outside
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Skipf("symlinks: %v", err)
		}
	}
	fifo := filepath.Join(root, "content/cases/roer.md")
	if err := mkfifo(fifo); err != nil {
		t.Logf("no named pipe: %v", err)
	}
	tests := []struct {
		file string
		want string // the first line shown; "" for none
	}{
		{"content/cases/a.md", "linje 1"},
		{"content/cases/inde.md", "delt linje"},
		// os.Root refuses absolute symlinks even into the root.
		{"content/cases/abs.md", ""},
		{"content/cases/pw.md", ""},
		{"content/cases/rel.md", ""},
		{"content/cases/kaede.md", ""},
		{"content/ude/b.md", ""},
		{"content/cases/roer.md", ""}, // a named pipe would block the page
		{"../hemmelig.txt", ""},
		{"content/../../hemmelig.txt", ""},
		{outside, ""},
		{"content/cases/findes-ikke.md", ""},
	}
	for _, tt := range tests {
		lines := sourceLines(root, tt.file, 1)
		got := ""
		if len(lines) > 0 {
			got = lines[0].Text
		}
		if got != tt.want {
			t.Errorf("sourceLines(%q, 1) starts with %q, want %q", tt.file, got, tt.want)
		}
	}
	page := string(errorPage(root, []*Problem{{File: "content/cases/pw.md", Line: 1, Msg: "ukendt felt"}}, ""))
	if strings.Contains(page, "HEMMELIG") || !strings.Contains(page, "content/cases/pw.md:1") {
		t.Errorf("error page for a symlink out of the root = %q, want the position without the lines", page)
	}
}

// TestEditorLinks: with the editor on, pages carry its address for the
// "Rediger denne side" link and the error page links content files to it
// at their line; layouts and assets get no link.
func TestEditorLinks(t *testing.T) {
	page := string(inject([]byte("<html><head></head><body>x</body></html>"), 3, "/_katalog/rediger/"))
	if !strings.Contains(page, `data-gen="3" data-edit="/_katalog/rediger/" defer></script></head>`) {
		t.Errorf("page with the editor on: %q", page)
	}
	if page := string(inject([]byte("<html><head></head></html>"), 3, "")); strings.Contains(page, "data-edit") {
		t.Errorf("page with the editor off: %q", page)
	}
	root := t.TempDir()
	errs := []*Problem{
		{File: "content/cases/x.md", Line: 4, Msg: "ukendt felt"},
		{File: "layouts/case.html", Line: 2, Msg: "skabelonfejl"},
		{File: "content/cases/y.md", Msg: "kan ikke læses"},
	}
	page = string(errorPage(root, errs, "/_katalog/rediger/"))
	for _, want := range []string{`href="/_katalog/rediger/content/cases/x.md#linje-4"`, `href="/_katalog/rediger/content/cases/y.md"`} {
		if !strings.Contains(page, want) {
			t.Errorf("error page lacks %s", want)
		}
	}
	if strings.Contains(page, "rediger/layouts") || strings.Count(page, "Ret fejlen i redigeringen") != 2 {
		t.Errorf("error page links: %s", page)
	}
	if page := string(errorPage(root, errs, "")); strings.Contains(page, "redigeringen") {
		t.Error("error page links to the editor while it is off")
	}
}
