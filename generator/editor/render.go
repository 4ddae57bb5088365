package editor

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sync"
	"time"

	"katalog/generator"
)

// A Renderer renders the site with one content file's unsaved bytes laid
// over the file on disk, in memory, for the live preview and for the check
// before a save. It keeps a generator.Builder of its own and renders with
// Builder.Page: every stage that can find an error, then that one page (no
// other page, search index or feed); a change of the body alone renders
// just the body and the page on the site it has, and a change of other
// fields of one page (a summary, a title, a case's date, themes,
// principles or municipality) patches the site it has with the page's new
// fields and what follows from them. The page is a full build's, byte for
// byte (TestRendererEqualsBuild, and generator's preview
// scripts). Drafts are rendered: an editor previews a case before it is
// published.
//
// The Renderer must hear of files changed on disk (Changed), as the
// preview server's build does; until the first Render it reads everything.
type Renderer struct {
	mu      sync.Mutex
	b       *generator.Builder
	fsys    *overlayFS
	pending []string // files changed on disk since the last render
	all     bool     // read everything at the next render

	// published checks a save as the published site is built, without
	// drafts (a page made a draft, or a link to a draft, breaks links there);
	// made at the first Check.
	published *Renderer
	root      string
}

// NewRenderer returns a Renderer of the site at root.
func NewRenderer(root string) *Renderer {
	r, err := newOverlayFS(root)
	if err != nil {
		return &Renderer{all: true, fsys: &overlayFS{}}
	}
	return &Renderer{all: true, fsys: r, root: root, b: generator.NewBuilder(generator.Config{Root: root, FS: r, Drafts: true, BaseURL: "/"})}
}

// Changed tells the Renderer that files (slash-separated, relative to the
// site root) changed on disk; nil means unknown.
func (r *Renderer) Changed(files []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if files == nil {
		r.all = true
	}
	r.pending = append(r.pending, files...)
	if r.published != nil {
		r.published.Changed(files)
	}
}

// Render builds the site with src as the bytes of file (slash-separated,
// "content/cases/x.md") and returns the HTML of file's page, or the build's
// error (diag errors from any file of the site). It renders that page only
// (generator.Builder.Page): no other page, search index or feed.
func (r *Renderer) Render(ctx context.Context, file string, src []byte) ([]byte, error) {
	return r.render(ctx, file, map[string][]byte{file: src})
}

// Check builds the site with the overlay laid over the files on disk, as
// Render does, with drafts and then without them, as the site is
// published, and returns the first build's error; it has the type of
// Config.Build. What a change breaks in other pages' layouts (rare: an
// error at render time) is reported by the preview server's next build.
func (r *Renderer) Check(ctx context.Context, overlay map[string][]byte) error {
	r.mu.Lock()
	if r.published == nil && r.b != nil {
		pub, err := newOverlayFS(r.root)
		if err == nil {
			r.published = &Renderer{all: true, fsys: pub, root: r.root, b: generator.NewBuilder(generator.Config{Root: r.root, FS: pub, BaseURL: "/"})}
		}
	}
	pub := r.published
	r.mu.Unlock()
	for file := range overlay {
		if _, err := r.render(ctx, file, overlay); err != nil || pub == nil {
			return err
		}
		_, err := pub.render(ctx, file, overlay)
		return err
	}
	return nil
}

func (r *Renderer) render(ctx context.Context, file string, overlay map[string][]byte) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.b == nil {
		return nil, errNoSite
	}
	changed := append(r.fsys.set(overlay), r.pending...)
	if r.all {
		changed = nil
	}
	page, err := r.b.Page(ctx, changed, file)
	if ctx.Err() != nil {
		// A cancelled build may have read these files halfway: they are
		// read again next time.
		r.pending = changed
		return nil, ctx.Err()
	}
	r.pending, r.all = nil, false
	return page, err
}

var errNoSite = &fs.PathError{Op: "open", Path: "content", Err: fs.ErrNotExist}

// overlayFS is the site's folder with some files' bytes replaced.
type overlayFS struct {
	base  fs.FS
	files map[string][]byte
}

func newOverlayFS(root string) (*overlayFS, error) {
	rt, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	return &overlayFS{base: rt.FS(), files: map[string][]byte{}}, nil
}

// set replaces the overlay and returns the files whose bytes may differ
// from what the Builder read last: those in the old or the new overlay
// (sorted, so the Builder sees them in one order).
func (o *overlayFS) set(files map[string][]byte) []string {
	var changed []string
	for f := range o.files {
		changed = append(changed, f)
	}
	for f := range files {
		if _, ok := o.files[f]; !ok {
			changed = append(changed, f)
		}
	}
	o.files = files
	slices.Sort(changed)
	return changed
}

func (o *overlayFS) Open(name string) (fs.File, error) {
	b, ok := o.files[name]
	if !ok {
		return o.base.Open(name)
	}
	mode := fs.FileMode(0o644)
	if fi, err := fs.Stat(o.base, name); err == nil {
		mode = fi.Mode()
	}
	return &memFile{name: name, data: b, mode: mode}, nil
}

// Lstat and ReadLink make the overlay an fs.ReadLinkFS, as the site's
// folder is: the build checks symlinks with them, and keeps its scan of
// content/ only while a changed file is still a regular file.
func (o *overlayFS) Lstat(name string) (fs.FileInfo, error) {
	if b, ok := o.files[name]; ok {
		mode := fs.FileMode(0o644)
		if fi, err := fs.Lstat(o.base, name); err == nil {
			mode = fi.Mode()
		}
		return &memFile{name: name, data: b, mode: mode}, nil
	}
	return fs.Lstat(o.base, name)
}

func (o *overlayFS) ReadLink(name string) (string, error) {
	if _, ok := o.files[name]; ok {
		if fi, err := fs.Lstat(o.base, name); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
		}
	}
	return fs.ReadLink(o.base, name)
}

// memFile is an open file of the overlay.
type memFile struct {
	name string
	data []byte
	off  int
	mode fs.FileMode
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Read(p []byte) (int, error) {
	if f.off >= len(f.data) {
		return 0, io.EOF
	}
	n := copy(p, f.data[f.off:])
	f.off += n
	return n, nil
}

// memFile is its own fs.FileInfo.
func (f *memFile) Name() string       { return path.Base(f.name) }
func (f *memFile) Size() int64        { return int64(len(f.data)) }
func (f *memFile) Mode() fs.FileMode  { return f.mode }
func (f *memFile) ModTime() time.Time { return time.Time{} }
func (f *memFile) IsDir() bool        { return false }
func (f *memFile) Sys() any           { return nil }
