package devserver

import (
	"io/fs"
	"os"
	"sync"
)

// A tree is one complete build on disk. Requests hold a reference while they
// read from it; a tree that has been replaced is removed when the last of
// them is done, so a swap never pulls files from under a response.
type tree struct {
	dir  string
	root *os.Root  // confines every open to dir, symlinks included
	fsys fs.StatFS // root as a file system

	removed chan struct{} // closed once the tree is gone from disk

	mu      sync.Mutex
	refs    int
	retired bool
}

func openTree(dir string) (*tree, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &tree{dir: dir, root: root, fsys: root.FS().(fs.StatFS), removed: make(chan struct{})}, nil
}

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

// retire marks the tree as replaced and removes it once unused. Removal
// runs in the background, off the path from a save to the reload.
func (t *tree) retire() {
	t.mu.Lock()
	t.retired = true
	gone := t.refs == 0
	t.mu.Unlock()
	if gone {
		go t.remove() // a large site takes a while; nobody waits for it
	}
}

func (t *tree) remove() {
	t.root.Close()
	os.RemoveAll(t.dir)
	close(t.removed)
}
