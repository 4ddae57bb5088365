package generator

import (
	"context"
	"hash/maphash"
	"io/fs"
	"katalog/generator/assets"
	"katalog/generator/layout"
	"katalog/generator/search"
	"maps"
	"strings"
	"sync"
	"time"
)

// A Builder builds one site in memory again and again, as the preview
// server does after every save, redoing only what a change touches:
//
//   - Files that did not change are not read or parsed again, the layouts
//     are parsed again only when one changed, the assets rebuilt only when
//     one changed, and the search index analyses only the pages whose text
//     changed.
//   - When only the body of pages changed (their front matter is the same
//     to the byte, and they show no resized images), the build renders just
//     those pages and the search index: the lists, theme and municipality
//     pages, feeds and cards show front matter only.
//   - When only assets changed (not resized images), the build renders
//     every page from the site it has, for their fingerprinted links.
//
// Whatever the path, the output is the same as a full build's (tested
// for every kind of change in builder_test.go). A Builder is not safe for
// concurrent use.
type Builder struct {
	cfg    Config
	keep   bool // keep what the next build can reuse; false for one-time builds
	stream bool // put keeps nothing of a page (a build on disk)

	mu     sync.Mutex
	parsed map[string]parsed // content file → its last parse

	search   *search.Cache
	bodies   *bodyCache    // nil for one-time builds
	related  *relatedCache // nil for one-time builds
	seed     maphash.Seed
	tree     *contentTree // the last scan of content/; nil when it must be scanned again (scanreuse.go)
	pageSite *pageSite    // the site of the last Page call (pagepreview.go)
	set      *assets.Set  // nil when assets/ must be built again
	tmpl     *layout.Set  // nil when layouts/ must be parsed again
	r        *renderer
	last     *state // the last good build; nil after a failed one

	// Pages counts the pages the last build rendered; Patched reports
	// whether it started from the site of the build before (a change of
	// page bodies only, or of assets only) instead of reading the site.
	Pages   int
	Patched bool
}

// parsed is a content file's page as parsed, before linking, and its errors.
type parsed struct {
	page *Page
	errs errorList
}

// state is what a good build leaves for the next.
type state struct {
	site   *Site
	out    Output            // the complete site
	jobs   map[*Page][]job   // each page's output pages
	search map[string]bool   // the search index's files in out
	assets []string          // the asset files in out
	sigs   map[string]uint64 // output page → signature (see signatures)
	day    string            // the build date
}

// NewBuilder returns a Builder for cfg. A zero cfg.Now means the day of
// each build.
func NewBuilder(cfg Config) *Builder {
	now := cfg.Now
	cfg = cfg.withDefaults()
	cfg.Now = now
	return &Builder{cfg: cfg, keep: true, parsed: map[string]parsed{}, search: search.NewCache(), bodies: &bodyCache{}, related: &relatedCache{}, seed: maphash.MakeSeed()}
}

// Build builds the site in memory. changed lists the files (slash-separated,
// relative to the site root) that changed since the last call; nil means
// unknown, and everything is read again. The result must not be modified;
// it stays valid after later builds. Content errors come back as a joined
// list of *SourceError, as from the package's Build.
func (b *Builder) Build(ctx context.Context, changed []string) (Output, error) {
	cfg := b.cfg
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	if b.last != nil && changed != nil && b.last.day == isoDate(cfg.Now) {
		out, ok, err := b.patch(ctx, changed)
		if !ok {
			out, ok, err = b.restyle(ctx, changed)
		}
		if ok {
			b.Patched = true
			if err != nil {
				b.last = nil
			}
			return out, err
		}
	}
	b.Patched = false
	var prev *state // what pages can be taken from, when only content changed
	if b.last != nil && changed != nil && b.last.day == isoDate(cfg.Now) && onlyContent(changed) {
		prev = b.last
	}
	b.forget(changed)
	out, err := b.renderOutput(ctx, cfg, prev)
	if err != nil {
		return nil, err
	}
	b.last.out = out
	return out, nil
}

// renderOutput builds the whole site in memory, pages and other files
// together (see build for prev).
func (b *Builder) renderOutput(ctx context.Context, cfg Config, prev *state) (Output, error) {
	out := Output{}
	var mu sync.Mutex
	files, err := b.build(ctx, cfg, prev, func(name string, data []byte) error {
		mu.Lock()
		out[name] = data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	maps.Copy(out, files)
	return out, nil
}

// forget drops what depends on the changed files; nil means everything.
func (b *Builder) forget(changed []string) {
	b.last, b.pageSite = nil, nil
	b.forgetScan(changed)
	if changed == nil {
		clear(b.parsed)
		b.set, b.tmpl = nil, nil
		return
	}
	for _, f := range changed {
		delete(b.parsed, f)
		if !strings.HasSuffix(f, ".md") { // perhaps a folder: what was in it
			for name := range b.parsed {
				if strings.HasPrefix(name, f+"/") {
					delete(b.parsed, name)
				}
			}
		}
		switch {
		case strings.HasPrefix(f, "layouts/"):
			b.tmpl = nil
		case strings.HasPrefix(f, "assets/"):
			b.set = nil
		}
	}
}

// onlyContent reports whether every change is a page file under content/.
func onlyContent(changed []string) bool {
	for _, f := range changed {
		if !strings.HasPrefix(f, "content/") || !strings.HasSuffix(f, ".md") {
			return false
		}
	}
	return true
}

// page returns the output page name of the build st when its signature
// is sigs[name]; st may be nil.
func (st *state) page(name string, sigs map[string]uint64) ([]byte, bool) {
	if st == nil {
		return nil, false
	}
	sig, ok := sigs[name]
	old, had := st.sigs[name]
	data, written := st.out[name]
	return data, ok && had && written && sig == old
}

// readPage reads a page file, or takes it from the last parse when it did
// not change.
func (b *Builder) readPage(fsys fs.FS, cf contentFile) (*Page, errorList) {
	if !b.keep {
		return readPage(fsys, cf)
	}
	b.mu.Lock()
	e, ok := b.parsed[cf.file]
	b.mu.Unlock()
	if !ok {
		p, errs := readPage(fsys, cf)
		e = parsed{errs: errs}
		if p != nil {
			cp := *p
			e.page = &cp
		}
		b.mu.Lock()
		b.parsed[cf.file] = e
		b.mu.Unlock()
	}
	return e.page.fresh(), e.errs
}

// fresh returns a copy of a page as parsed, ready to be linked into a site.
func (p *Page) fresh() *Page {
	if p == nil {
		return nil
	}
	q := *p
	if q.Image != nil {
		im := *q.Image
		q.Image = &im
	}
	return &q
}

// keepState keeps what the next build can start from.
func (b *Builder) keepState(site *Site, set *assets.Set, tmpl *layout.Set, jobs []job, searched map[string]bool, sigs map[string]uint64, cfg Config) {
	b.set, b.tmpl = set, tmpl
	st := &state{site: site, jobs: map[*Page][]job{}, search: searched, day: isoDate(cfg.Now), sigs: sigs}
	for _, f := range set.Files {
		st.assets = append(st.assets, f.Path)
	}
	for _, j := range jobs {
		st.jobs[j.page] = append(st.jobs[j.page], j)
	}
	b.last = st
}
