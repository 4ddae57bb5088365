package devserver

import (
	"io/fs"
	"sync"
)

// A tree is one complete build. Requests hold a reference while they read
// from it; a tree that has been replaced is closed (if its file system is
// an io.Closer) when the last of them is done, so a swap never pulls files
// from under a response.
type tree struct {
	fsys fs.StatFS

	removed chan struct{} // closed once the tree is closed

	mu      sync.Mutex
	refs    int
	retired bool
}

func newTree(fsys fs.FS) *tree {
	sfs, ok := fsys.(fs.StatFS)
	if !ok {
		sfs = statFS{fsys}
	}
	return &tree{fsys: sfs, removed: make(chan struct{})}
}

// statFS adds Stat to a file system without it.
type statFS struct{ fs.FS }

func (s statFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.FS, name) }

func (t *tree) acquire() {
	t.mu.Lock()
	t.refs++
	t.mu.Unlock()
}

func (t *tree) release() {
	t.mu.Lock()
	t.refs--
	gone := t.retired && t.refs == 0
	t.mu.Unlock()
	if gone {
		go t.remove()
	}
}

// retire marks the tree as replaced and closes it once unused. Closing
// runs in the background, off the path from a save to the reload (a build
// on disk takes a while to remove).
func (t *tree) retire() {
	t.mu.Lock()
	t.retired = true
	gone := t.refs == 0
	t.mu.Unlock()
	if gone {
		go t.remove()
	}
}

func (t *tree) remove() {
	if st, ok := t.fsys.(statFS); ok {
		closeFS(st.FS)
	} else {
		closeFS(t.fsys)
	}
	close(t.removed)
}
