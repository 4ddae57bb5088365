package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"strings"
	"sync"
	"time"

	"katalog/generator/assets"
	"katalog/generator/markdown"
	"katalog/generator/search"
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
	cfg  Config
	keep bool // keep what the next build can reuse; false for one-time builds

	mu     sync.Mutex
	parsed map[string]parsed // content file → its last parse

	search *search.Cache
	set    *assets.Set // nil when assets/ must be built again
	tmpl   templates   // nil when layouts/ must be parsed again
	r      *renderer
	last   *state // the last good build; nil after a failed one

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
	out    Output          // the complete site
	jobs   map[*Page][]job // each page's output pages
	search map[string]bool // the search index's files in out
	assets []string        // the asset files in out
	day    string          // the build date
}

// NewBuilder returns a Builder for cfg. A zero cfg.Now means the day of
// each build.
func NewBuilder(cfg Config) *Builder {
	now := cfg.Now
	cfg = cfg.withDefaults()
	cfg.Now = now
	return &Builder{cfg: cfg, keep: true, parsed: map[string]parsed{}, search: search.NewCache()}
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
	b.forget(changed)
	out := Output{}
	var mu sync.Mutex
	files, err := b.renderWith(ctx, cfg, func(name string, data []byte) error {
		mu.Lock()
		out[name] = data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	maps.Copy(out, files)
	b.last.out = out
	return out, nil
}

// forget drops what depends on the changed files; nil means everything.
func (b *Builder) forget(changed []string) {
	b.last = nil
	if changed == nil {
		clear(b.parsed)
		b.set, b.tmpl = nil, nil
		return
	}
	for _, f := range changed {
		delete(b.parsed, f)
		switch {
		case strings.HasPrefix(f, "layouts/"):
			b.tmpl = nil
		case strings.HasPrefix(f, "assets/"):
			b.set = nil
		}
	}
}

// render builds the whole site once, handing each page to put as soon as it
// is rendered, and returns the other files.
func (b *Builder) render(ctx context.Context, _ []string, put func(string, []byte) error) (Output, error) {
	return b.renderWith(ctx, b.cfg, put)
}

func (b *Builder) renderWith(ctx context.Context, cfg Config, put func(string, []byte) error) (Output, error) {
	site, err := load(cfg.FS, cfg, b.readPage)
	var errs errorList
	if err != nil {
		errs = append(errs, SourceErrors(err)...)
		if len(errs) == 0 {
			return nil, err
		}
	}
	set := b.set
	if set == nil {
		var aerr error
		set, aerr = assets.Build(cfg.FS, "assets")
		if aerr != nil {
			var ae *assets.Error
			if !errors.As(aerr, &ae) {
				return nil, fmt.Errorf("assets: %w", aerr)
			}
			errs = append(errs, &SourceError{File: ae.File, Line: ae.Line, Msg: ae.Msg})
		}
	}
	if b.r == nil {
		b.r = &renderer{}
	}
	r := b.r
	r.site, r.assets, r.cfg = site, set, cfg
	r.cards.Clear()
	r.partials.Clear()
	if b.tmpl == nil {
		var terr errorList
		r.tmpl, terr = loadTemplates(cfg.FS, r.funcs())
		errs = append(errs, terr...)
	} else {
		r.tmpl = b.tmpl
	}
	if len(errs) > 0 {
		return nil, errs.err()
	}
	out := Output{}
	for _, f := range set.Files {
		out[f.Path] = f.Data
	}
	if err := site.copyStatic(cfg.FS, out); err != nil {
		return nil, err
	}
	site.images.write(out)
	// The search index is built beside the pages; only the search page,
	// which names the index's entry file, waits for it.
	searched := map[string]bool{}
	putSearch := func(name string, data []byte) error {
		searched[name] = true
		return put(name, data)
	}
	jobs := r.jobs()
	var pages, searchPages []job
	for _, j := range jobs {
		if j.page.Kind == KindSearch {
			searchPages = append(searchPages, j)
		} else {
			pages = append(pages, j)
		}
	}
	var serr error
	var wg sync.WaitGroup
	wg.Go(func() { r.searchEntry, r.facets, serr = site.writeSearch(putSearch, b.search) })
	err = r.renderAll(ctx, pages, put)
	wg.Wait()
	if serr != nil {
		return nil, serr
	}
	// Content errors of the pages and of the search page are reported together.
	if err == nil || len(SourceErrors(err)) > 0 {
		if serr := r.renderAll(ctx, searchPages, put); serr != nil {
			if err == nil || len(SourceErrors(serr)) == 0 {
				err = serr
			} else {
				err = append(errorList(SourceErrors(err)), SourceErrors(serr)...).err()
			}
		}
	}
	if err != nil {
		return nil, err
	}
	site.writeFeeds(out)
	b.Pages = len(jobs)
	if b.keep {
		b.set, b.tmpl = set, r.tmpl
		st := &state{site: site, jobs: map[*Page][]job{}, search: searched, day: isoDate(cfg.Now)}
		for _, f := range set.Files {
			st.assets = append(st.assets, f.Path)
		}
		for _, j := range jobs {
			st.jobs[j.page] = append(st.jobs[j.page], j)
		}
		b.last = st
	}
	return out, nil
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

// patch rebuilds the last build when only page bodies changed: it renders
// those pages and the search index again and leaves the rest. It reports
// false, having changed nothing, when the change is of another kind.
func (b *Builder) patch(ctx context.Context, changed []string) (Output, bool, error) {
	st := b.last
	s := st.site
	type update struct {
		page *Page
		res  markdown.Result
		new  *Page // as parsed
	}
	var updates []update
	md := markdown.New()
	for _, f := range changed {
		if !strings.HasPrefix(f, "content/") || !strings.HasSuffix(f, ".md") {
			return nil, false, nil
		}
		cf, msg := classify(f)
		if msg != "" {
			return nil, false, nil
		}
		np, errs := readPage(b.cfg.FS, cf)
		if np == nil || len(errs) > 0 {
			return nil, false, nil
		}
		p := s.byFile[f]
		if p == nil {
			// A draft left out of the site stays out while its front
			// matter is the same.
			if old := b.parsed[f].page; old != nil && old.Draft && !b.cfg.Drafts && old.head == np.head {
				b.parsed[f] = parsed{page: np}
				continue
			}
			return nil, false, nil
		}
		if p.usesImages || np.head != p.head {
			return nil, false, nil
		}
		res, images := s.renderBody(md, p, np.body)
		if images || len(res.Problems) > 0 {
			return nil, false, nil
		}
		updates = append(updates, update{p, res, np})
	}
	if len(updates) == 0 {
		b.Pages = 0
		return st.out, true, nil
	}
	// From here on the last build's site changes; an error means the next
	// build starts afresh.
	out := maps.Clone(st.out)
	var pages []job
	for _, u := range updates {
		p := u.page
		p.Content, p.Text, p.Headings = template.HTML(u.res.HTML), u.res.Text, u.res.Headings
		b.mu.Lock()
		b.parsed[p.File] = parsed{page: u.new}
		b.mu.Unlock()
		pages = append(pages, st.jobs[p]...)
	}
	r := b.r
	oldEntry := r.searchEntry
	searched := map[string]bool{}
	var err error
	r.searchEntry, r.facets, err = s.writeSearch(func(name string, data []byte) error {
		searched[name] = true
		out[name] = data
		return nil
	}, b.search)
	if err != nil {
		return nil, true, err
	}
	for name := range st.search {
		if !searched[name] {
			delete(out, name)
		}
	}
	st.search = searched
	if r.searchEntry != oldEntry {
		for p, js := range st.jobs {
			if p.Kind == KindSearch {
				pages = append(pages, js...)
			}
		}
	}
	m := newMinifier()
	var buf bytes.Buffer
	for _, j := range pages {
		if err := ctx.Err(); err != nil {
			return nil, true, err
		}
		data, err := r.renderPage(j, m, &buf)
		if err != nil {
			return nil, true, errorList{asSourceError(err)}.err()
		}
		out[j.out] = data
	}
	st.out = out
	b.Pages = len(pages)
	return out, true, nil
}

// restyle rebuilds the last build when only files under assets/ changed
// (stylesheets, scripts, icons): it builds the assets again and renders
// every page, whose links to them carry their fingerprints, from the site
// as it is. It reports false, having changed nothing, for other changes
// and for images the build resizes.
func (b *Builder) restyle(ctx context.Context, changed []string) (Output, bool, error) {
	for _, f := range changed {
		if !strings.HasPrefix(f, "assets/") || resizable(f) {
			return nil, false, nil
		}
	}
	st := b.last
	set, err := assets.Build(b.cfg.FS, "assets")
	if err != nil {
		b.set = nil
		var ae *assets.Error
		if errors.As(err, &ae) {
			return nil, true, errorList{{File: ae.File, Line: ae.Line, Msg: ae.Msg}}.err()
		}
		return nil, true, fmt.Errorf("assets: %w", err)
	}
	b.set = set
	r := b.r
	r.assets = set
	r.cards.Clear()
	r.partials.Clear()
	out := maps.Clone(st.out)
	for _, name := range st.assets {
		delete(out, name)
	}
	st.assets = st.assets[:0]
	for _, f := range set.Files {
		out[f.Path] = f.Data
		st.assets = append(st.assets, f.Path)
	}
	var jobs []job
	for _, js := range st.jobs {
		jobs = append(jobs, js...)
	}
	var mu sync.Mutex
	err = r.renderAll(ctx, jobs, func(name string, data []byte) error {
		mu.Lock()
		out[name] = data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, true, err
	}
	st.out = out
	b.Pages = len(jobs)
	return out, true, nil
}

func asSourceError(err error) *SourceError {
	if se, ok := err.(*SourceError); ok {
		return se
	}
	return &SourceError{Msg: err.Error(), Err: err}
}
