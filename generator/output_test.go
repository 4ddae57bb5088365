package generator

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRemoveTree removes a folder like os.RemoveAll: files at every level,
// empty folders, and a symlink, whose target outside stays.
func TestRemoveTree(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "outside")
	old := filepath.Join(dir, "old")
	for _, f := range []string{"outside/keep.txt", "old/index.html", "old/cases/a/index.html", "old/cases/b/deep/er/x.html", "old/tema/c/side/2/index.html"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"old/empty", "old/cases/empty"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(old, "cases", "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(old, "toplink")); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(old); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(old); !os.IsNotExist(err) {
		t.Errorf("the old folder is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "keep.txt")); err != nil {
		t.Errorf("a symlink's target went too: %v", err)
	}
	if err := removeTree(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("removeTree of a missing folder: %v", err)
	}
}

// TestWriteOnce: the build writes every file once; a second write of a
// name is refused and leaves the first.
func TestWriteOnce(t *testing.T) {
	dir := t.TempDir()
	d := &dirWriter{dir: dir, made: map[string]bool{dir: true}}
	if err := d.put("cases/a/index.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := d.put("cases/a/index.html", []byte("second")); err == nil {
		t.Errorf("a second write of the same file was not refused")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "cases/a/index.html")); string(b) != "first" {
		t.Errorf("file = %q, want the first write", b)
	}
	if d.res.Files != 1 {
		t.Errorf("counted %d files, want 1", d.res.Files)
	}
}
