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
