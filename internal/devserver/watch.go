package devserver

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the folders under the site root that the site is built
// from. Everything else (public/, .git, the preview's own output) is ignored.
var watchedDirs = []string{"content", "layouts", "assets"}

// A batch is one settled group of changes.
type batch struct {
	changed []string // paths relative to the root, slash-separated, sorted
	full    bool     // a rescan: anything may have changed
}

// A watcher turns fsnotify's raw events into batches. fsnotify does not
// recurse on Linux, so the watcher adds every folder itself, walks folders
// that appear (files created in them before their watch was added are never
// reported), and drops the watches of folders that go away.
type watcher struct {
	root    string        // absolute site root
	skip    string        // absolute folder never watched (the served output)
	delay   time.Duration // quiet period that ends a batch
	maxWait time.Duration // a batch is sent at the latest this long after its first event
	fw      *fsnotify.Watcher
	watched map[string]bool // absolute folders with a watch
	out     chan batch
	events  atomic.Int64 // changes seen so far; read by the build loop
}

func newWatcher(root, skip string, delay time.Duration) (*watcher, error) {
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w := &watcher{
		root: root, skip: skip, delay: delay, maxWait: max(20*delay, time.Second),
		fw: fw, watched: make(map[string]bool), out: make(chan batch),
	}
	// The root itself is watched so that content/, layouts/ or assets/
	// created (or restored by git) after the start are picked up.
	if err := w.add(root); err != nil {
		fw.Close()
		return nil, err
	}
	w.addTops(nil)
	return w, nil
}

// addTops walks and watches the top folders that exist.
func (w *watcher) addTops(found map[string]bool) {
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(w.root, d), found)
	}
}

func (w *watcher) add(dir string) error {
	if err := w.fw.Add(dir); err != nil {
		return err
	}
	w.watched[dir] = true
	return nil
}

// addTree watches dir and every folder below it and records every file
// found in found (which may be nil). The watch is added before the folder is
// read, so a file is either listed or reported as an event, never missed.
func (w *watcher) addTree(dir string, found map[string]bool) {
	if w.skip != "" && (dir == w.skip || strings.HasPrefix(dir, w.skip+string(filepath.Separator))) {
		return
	}
	if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
		return
	}
	if !w.watched[dir] {
		if err := w.add(dir); err != nil {
			return // gone again, or out of watches: a later event or rescan tells
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir() && !skipDir(e.Name()):
			w.addTree(p, found)
		case e.Type().IsRegular() && !isEditorTemp(e.Name()) && found != nil:
			found[w.rel(p)] = true
		}
	}
}

// dropTree removes the watches of dir and the folders below it. A renamed
// folder keeps its inotify watches under the old names otherwise.
func (w *watcher) dropTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for p := range w.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			w.fw.Remove(p) // already gone with the folder is fine
			delete(w.watched, p)
		}
	}
}

func (w *watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// relevant reports whether p lies in one of the watched top folders.
func (w *watcher) relevant(p string) bool {
	top, _, _ := strings.Cut(w.rel(p), "/")
	return slices.Contains(watchedDirs, top)
}

// handle records one event in pending and reports whether it counts.
func (w *watcher) handle(ev fsnotify.Event, pending map[string]bool) bool {
	if ev.Op == fsnotify.Chmod || !w.relevant(ev.Name) || isEditorTemp(filepath.Base(ev.Name)) {
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.dropTree(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if skipDir(fi.Name()) {
				return false
			}
			w.addTree(ev.Name, pending)
		}
	}
	pending[w.rel(ev.Name)] = true
	w.events.Add(1)
	return true
}

// rescan re-walks everything after the kernel dropped events.
func (w *watcher) rescan() {
	for p := range w.watched {
		if _, err := os.Lstat(p); err != nil {
			w.dropTree(p)
		}
	}
	w.addTops(nil)
}

// run batches events until ctx is done. A batch is offered on w.out once
// events have been quiet for w.delay (or w.maxWait after its first event);
// while nobody takes it further events join it. (Serve's build loop takes
// every batch at once, and cancels a build that the batch makes obsolete.)
func (w *watcher) run(ctx context.Context) {
	defer w.fw.Close()
	pending := make(map[string]bool)
	var full, ready bool
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	// touch restarts the quiet period. A batch not taken yet waits again
	// too: it may hold the first half of an editor's save.
	touch := func() {
		if first.IsZero() {
			first = time.Now()
		}
		ready = false
		timer.Reset(min(w.delay, w.maxWait-time.Since(first)))
	}
	for {
		var out chan batch
		var b batch
		if ready {
			// Events already queued come before the batch goes out.
			select {
			case ev, ok := <-w.fw.Events:
				if ok && w.handle(ev, pending) {
					touch()
				}
				if ok {
					continue
				}
			default:
			}
			out, b = w.out, collect(pending, full)
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if w.handle(ev, pending) {
				touch()
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.rescan()
				w.events.Add(1)
				full = true
				touch()
			}
		case <-timer.C:
			ready = true
		case out <- b:
			clear(pending)
			full, ready, first = false, false, time.Time{}
		}
	}
}

// collect returns pending as a batch.
func collect(pending map[string]bool, full bool) batch {
	b := batch{full: full}
	for p := range pending {
		b.changed = append(b.changed, p)
	}
	slices.Sort(b.changed)
	return b
}
