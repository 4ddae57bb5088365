package generator

import (
	"os"
	"path/filepath"
	"strings"
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

// TestRepeatedBuildKeepsUnchangedFiles: a build over its own output links
// the files whose bytes did not change instead of writing them; a changed
// page, and an old file that is a symlink, has another mode or other
// bytes of the same length, is written anew. The output is the same as a
// build into an empty folder.
func TestRepeatedBuildKeepsUnchangedFiles(t *testing.T) {
	parent, site := writeSite(t, "basic")
	out, fresh := filepath.Join(parent, "public"), filepath.Join(parent, "fresh")
	build := func(out string) {
		t.Helper()
		if _, err := Build(t.Context(), Config{Root: site, Out: out, Now: fixtureDate}); err != nil {
			t.Fatal(err)
		}
	}
	build(out)
	stat := func(name string) os.FileInfo {
		t.Helper()
		fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	const (
		edited   = "cases/ombold/index.html" // its source changes
		kept     = "cases/aalborg/index.html"
		symlink  = "index.html"
		chmodded = "tema/faellesskaber/index.html"
		garbled  = "robots.txt" // same length, other bytes
	)
	before := map[string]os.FileInfo{edited: stat(edited), kept: stat(kept), chmodded: stat(chmodded), garbled: stat(garbled)}
	src := filepath.Join(site, "content", "cases", "ombold.md")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	putFile(t, src, strings.Replace(string(b), "\n---\n", "\n---\nEt nyt første afsnit.\n\n", 1))
	// The home page becomes a symlink to a copy of itself outside.
	home, _ := os.ReadFile(filepath.Join(out, symlink))
	putFile(t, filepath.Join(parent, "home.html"), string(home))
	os.Remove(filepath.Join(out, symlink))
	if err := os.Symlink(filepath.Join(parent, "home.html"), filepath.Join(out, symlink)); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(out, chmodded), 0o600); err != nil {
		t.Fatal(err)
	}
	robots, _ := os.ReadFile(filepath.Join(out, garbled))
	robots[len(robots)/2] ^= 1
	putFile(t, filepath.Join(out, garbled), string(robots))
	before[garbled] = stat(garbled)

	build(out)
	build(fresh)
	if got, want := treeSum(t, out), treeSum(t, fresh); got != want {
		t.Errorf("the repeated build differs from a fresh one:\n%s\nwant\n%s", got, want)
	}
	if !os.SameFile(before[kept], stat(kept)) {
		t.Errorf("%s is unchanged but was written again", kept)
	}
	for _, name := range []string{edited, chmodded, garbled} {
		if os.SameFile(before[name], stat(name)) {
			t.Errorf("%s was kept from the old output", name)
		}
	}
	for _, name := range []string{symlink, chmodded} {
		if fi := stat(name); !fi.Mode().IsRegular() || fi.Mode().Perm() != stat(kept).Mode().Perm() {
			t.Errorf("%s: mode %v, want a regular file like the others (%v)", name, fi.Mode(), stat(kept).Mode())
		}
	}
	if b, _ := os.ReadFile(filepath.Join(parent, "home.html")); string(b) != string(home) {
		t.Errorf("the symlink's target outside the output changed")
	}
}
