package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

const testDelay = 50 * time.Millisecond

// startWatcher watches a fresh site root with content/, layouts/ and assets/.
func startWatcher(t *testing.T) (*watcher, string) {
	t.Helper()
	return startWatcherDelay(t, testDelay)
}

func startWatcherDelay(t *testing.T, delay time.Duration) (*watcher, string) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/cases", "layouts", "assets/css"} {
		mkdir(t, filepath.Join(root, d))
	}
	write(t, filepath.Join(root, "content/cases/a.md"), "a")
	w, err := newWatcher(root, filepath.Join(root, "public"), delay)
	if err != nil {
		t.Fatal(err)
	}
	go w.run(t.Context())
	return w, root
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, name, text string) {
	t.Helper()
	mkdir(t, filepath.Dir(name))
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

// next waits for the watcher's next batch.
func next(t *testing.T, w *watcher) batch {
	t.Helper()
	select {
	case b := <-w.out:
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5 s")
		return batch{}
	}
}

// quiet fails if the watcher sends a batch within a few batching windows.
func quiet(t *testing.T, w *watcher) {
	t.Helper()
	select {
	case b := <-w.out:
		t.Fatalf("unexpected batch %+v", b)
	case <-time.After(max(10*testDelay, 4*w.delay)):
	}
}

func wantChanged(t *testing.T, b batch, want ...string) {
	t.Helper()
	if !slices.Equal(b.changed, want) {
		if len(want) > 10 {
			t.Errorf("changed %d paths (%q ... %q), want %d (%q ... %q)", len(b.changed),
				b.changed[0], b.changed[len(b.changed)-1], len(want), want[0], want[len(want)-1])
			return
		}
		t.Errorf("changed = %q, want %q", b.changed, want)
	}
}

func TestWatchAtomicSave(t *testing.T) {
	w, root := startWatcher(t)
	// Write a temporary file beside the real one and rename it over: only
	// a CREATE (IN_MOVED_TO) arrives for the real name.
	tmp := filepath.Join(root, "content/cases/.a.md.tmp123")
	write(t, tmp, "new text")
	rename(t, tmp, filepath.Join(root, "content/cases/a.md"))
	wantChanged(t, next(t, w), "content/cases/a.md")
	quiet(t, w)
}

func TestWatchVimSave(t *testing.T) {
	w, root := startWatcher(t)
	dir := filepath.Join(root, "content/cases")
	real := filepath.Join(dir, "a.md")
	// The sequence vim (backupcopy=no, writebackup) produces on :w.
	write(t, filepath.Join(dir, ".a.md.swp"), "swap")
	write(t, filepath.Join(dir, "4913"), "")
	os.Remove(filepath.Join(dir, "4913"))
	rename(t, real, real+"~")
	write(t, real, "saved by vim")
	os.Chmod(real, 0o644)
	os.Remove(real + "~")
	os.Remove(filepath.Join(dir, ".a.md.swp"))
	wantChanged(t, next(t, w), "content/cases/a.md")
	quiet(t, w)
}

func TestWatchSafeWrites(t *testing.T) {
	w, root := startWatcher(t)
	dir := filepath.Join(root, "layouts")
	// JetBrains: write name___jb_tmp___, move the original to
	// name___jb_old___, move the temporary into place, delete the old one.
	real := filepath.Join(dir, "case.html")
	write(t, real, "v1")
	wantChanged(t, next(t, w), "layouts/case.html")
	write(t, real+"___jb_tmp___", "v2")
	rename(t, real, real+"___jb_old___")
	rename(t, real+"___jb_tmp___", real)
	os.Remove(real + "___jb_old___")
	// GNOME: write .goutputstream-XXXX and rename it over.
	write(t, filepath.Join(dir, ".goutputstream-ABC123"), "v3")
	rename(t, filepath.Join(dir, ".goutputstream-ABC123"), real)
	wantChanged(t, next(t, w), "layouts/case.html")
	quiet(t, w)
}

func TestWatchChmodIgnored(t *testing.T) {
	w, root := startWatcher(t)
	if err := os.Chmod(filepath.Join(root, "content/cases/a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	quiet(t, w)
}

func TestWatchNewFolder(t *testing.T) {
	w, root := startWatcher(t)
	// Build the folder outside and move it in: its files exist before any
	// watch on it can, so only walking the folder finds them.
	outside := filepath.Join(t.TempDir(), "tema")
	write(t, filepath.Join(outside, "x.md"), "x")
	write(t, filepath.Join(outside, "deep/y.md"), "y")
	rename(t, outside, filepath.Join(root, "content/tema"))
	wantChanged(t, next(t, w), "content/tema", "content/tema/deep/y.md", "content/tema/x.md")
	// The new folders are watched now.
	write(t, filepath.Join(root, "content/tema/deep/z.md"), "z")
	wantChanged(t, next(t, w), "content/tema/deep/z.md")
}

func TestWatchRenameAndDeleteFolder(t *testing.T) {
	w, root := startWatcher(t)
	write(t, filepath.Join(root, "content/old/sub/p.md"), "p")
	next(t, w)
	rename(t, filepath.Join(root, "content/old"), filepath.Join(root, "content/new"))
	wantChanged(t, next(t, w), "content/new", "content/new/sub/p.md", "content/old")
	// Events from the moved folder carry its new name, not the old one.
	write(t, filepath.Join(root, "content/new/sub/q.md"), "q")
	wantChanged(t, next(t, w), "content/new/sub/q.md")
	for _, p := range w.fw.WatchList() {
		if strings.Contains(p, filepath.FromSlash("content/old")) {
			t.Errorf("still watching %s", p)
		}
	}
	if err := os.RemoveAll(filepath.Join(root, "content/new")); err != nil {
		t.Fatal(err)
	}
	b := next(t, w)
	if !slices.Contains(b.changed, "content/new") {
		t.Errorf("changed = %q, want content/new in it", b.changed)
	}
	write(t, filepath.Join(root, "content/new/again.md"), "r")
	wantChanged(t, next(t, w), "content/new", "content/new/again.md")
}

func TestWatchBurst(t *testing.T) {
	// The default window is 20 ms; a wider one keeps a loaded test machine
	// from pausing the burst longer than the window.
	w, root := startWatcherDelay(t, 250*time.Millisecond)
	var want []string
	for i := range 500 {
		name := filepath.Join(root, "content/cases", fmt.Sprintf("c%03d.md", i))
		write(t, name, "burst")
		want = append(want, "content/cases/"+filepath.Base(name))
	}
	wantChanged(t, next(t, w), want...)
	quiet(t, w)
}

func TestWatchIgnoresOutsideFolders(t *testing.T) {
	w, root := startWatcher(t)
	write(t, filepath.Join(root, "public/index.html"), "out")
	write(t, filepath.Join(root, "README.md"), "x")
	write(t, filepath.Join(root, "content/.git/HEAD"), "x")
	quiet(t, w)
}

func TestWatchTopFolderCreatedLater(t *testing.T) {
	root := t.TempDir()
	w, err := newWatcher(root, filepath.Join(root, "public"), testDelay)
	if err != nil {
		t.Fatal(err)
	}
	go w.run(t.Context())
	write(t, filepath.Join(t.TempDir(), "x"), "")
	outside := filepath.Join(t.TempDir(), "assets")
	write(t, filepath.Join(outside, "css/site.css"), "body{}")
	rename(t, outside, filepath.Join(root, "assets"))
	wantChanged(t, next(t, w), "assets", "assets/css/site.css")
}

func TestWatchOverflowRescans(t *testing.T) {
	w, root := startWatcher(t)
	// The kernel queue overflowed: events were lost, so the watcher must
	// walk everything again and ask for a full build.
	w.fw.Errors <- fsnotify.ErrEventOverflow
	b := next(t, w)
	if !b.full {
		t.Errorf("after overflow: batch %+v, want a full rescan", b)
	}
	write(t, filepath.Join(root, "assets/css/x.css"), "x")
	wantChanged(t, next(t, w), "assets/css/x.css")
}
