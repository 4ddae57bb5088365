package images

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// A Cache keeps resized versions between builds, in a directory on disk
// (the site's .cache/images/), or only in memory when the directory is "".
// It is safe for concurrent use.
type Cache struct {
	dir     string
	mu      sync.Mutex
	mem     map[string][]byte
	resizes atomic.Int64
}

// NewCache returns a cache that keeps its files in dir, created when first
// needed.
func NewCache(dir string) *Cache {
	return &Cache{dir: dir, mem: map[string][]byte{}}
}

// Resizes returns how many versions the cache has made by resizing since it
// was created, as opposed to reading them back.
func (c *Cache) Resizes() int64 { return c.resizes.Load() }

func (c *Cache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	b, ok := c.mem[key]
	c.mu.Unlock()
	if ok || c.dir == "" {
		return b, ok
	}
	b, err := os.ReadFile(filepath.Join(c.dir, key))
	if err != nil {
		return nil, false
	}
	c.remember(key, b)
	return b, true
}

// put stores b under key. A file that cannot be written is not worth
// failing a build for: the next build resizes again.
func (c *Cache) put(key string, b []byte) {
	c.remember(key, b)
	if c.dir == "" {
		return
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return
	}
	// Write beside and rename, so a concurrent build never reads half a file.
	tmp, err := os.CreateTemp(c.dir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(c.dir, key)) != nil {
		os.Remove(tmp.Name())
	}
}

func (c *Cache) remember(key string, b []byte) {
	c.mu.Lock()
	c.mem[key] = b
	c.mu.Unlock()
}
