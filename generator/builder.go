package generator

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	tparse "text/template/parse"
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
	cfg    Config
	keep   bool // keep what the next build can reuse; false for one-time builds
	stream bool // put keeps nothing of a page (a build on disk)

	mu     sync.Mutex
	parsed map[string]parsed // content file → its last parse

	search  *search.Cache
	bodies  *bodyCache    // nil for one-time builds
	related *relatedCache // nil for one-time builds
	seed    maphash.Seed
	set     *assets.Set // nil when assets/ must be built again
	tmpl    templates   // nil when layouts/ must be parsed again
	r       *renderer
	last    *state // the last good build; nil after a failed one

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
// together (see renderWith for prev).
func (b *Builder) renderOutput(ctx context.Context, cfg Config, prev *state) (Output, error) {
	out := Output{}
	var mu sync.Mutex
	files, err := b.renderWith(ctx, cfg, prev, func(name string, data []byte) error {
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
	b.last = nil
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

// renderWith builds the whole site, handing each page to put as soon as it
// is rendered, and returns the other files. With prev, the last build when only
// page files changed since, a page whose signature is as in prev is taken
// from it instead of rendered again.
func (b *Builder) renderWith(ctx context.Context, cfg Config, prev *state, put func(string, []byte) error) (Output, error) {
	site, err := load(ctx, cfg.FS, cfg, b.readPage, b.bodies, b.related)
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
	jobs := r.jobs()
	if errs := site.checkOutputs(jobs, set); len(errs) > 0 {
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
	var sigs map[string]uint64
	if b.keep {
		sigs = b.signatures(jobs)
	}
	var pages, searchPages []job
	rendered := 0
	for _, j := range jobs {
		if j.page.Kind == KindSearch {
			searchPages = append(searchPages, j)
			rendered++
			continue
		}
		if data, ok := prev.page(j.out, sigs); ok {
			if err := put(j.out, data); err != nil {
				return nil, err
			}
			continue
		}
		pages = append(pages, j)
		rendered++
	}
	var serr error
	var wg sync.WaitGroup
	// Nothing a layout can read changes while pages render: the search
	// index only reads the pages' text.
	r.stream = b.stream
	wg.Go(func() {
		r.searchEntry, r.facets, serr = site.writeSearch(ctx, putSearch, b.search)
	})
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
	b.Pages = rendered
	if b.keep {
		b.set, b.tmpl = set, r.tmpl
		st := &state{site: site, jobs: map[*Page][]job{}, search: searched, day: isoDate(cfg.Now), sigs: sigs}
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
	if !bodyLocal(b.r.tmpl) {
		return nil, false, nil // a layout shows a body on other pages too
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
	r.searchEntry, r.facets, err = s.writeSearch(ctx, func(name string, data []byte) error {
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
		data, err := r.renderPage(j, m, &buf, nil)
		if err != nil {
			return nil, true, errorList{asSourceError(err)}.err()
		}
		out[j.out] = data
		// Its signature was of the old body: a later build must not take
		// an older page for a body as it was before.
		delete(st.sigs, j.out)
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
	old := r.assets
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
	if moved, ok := movedAssets(old, set); ok {
		// The same files under new fingerprints: the pages differ from the
		// last build's only in those addresses.
		for name, data := range out {
			if strings.HasSuffix(name, ".html") {
				out[name] = moved.Replace(data)
			}
		}
		st.out = out
		b.Pages = 0
		return out, true, nil
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

// signatures returns, for each output page that lists or links to other
// pages (cases and the paginated lists), a hash of everything it shows:
// its own page as written and rendered, and what it shows of the others.
// A page with the same signature as in the last build is the same page.
// Other pages (the front page, indexes, the timeline, plain pages, the
// search page) are few, and always rendered: they have no signature.
//
// What a page shows of another is that page as written (its front matter,
// which gives its title, summary, date and terms) and the titles of its
// terms, for cards; of its own list, the cases on it and their number; of
// the site, its themes, municipalities and principles. Layouts that show
// more of the site than that (see selectiveLayouts) turn the signatures
// off, and every page is rendered.
func (b *Builder) signatures(jobs []job) map[string]uint64 {
	if !selectiveLayouts(b.r.tmpl) || !bodyLocal(b.r.tmpl) {
		return nil
	}
	var h maphash.Hash
	h.SetSeed(b.seed)
	str := func(s string) { h.WriteString(s); h.WriteByte(0) }
	num := func(v uint64) {
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], v)
		h.Write(buf[:])
	}
	shallow := map[*Page]uint64{}
	face := func(p *Page) uint64 {
		if v, ok := shallow[p]; ok {
			return v
		}
		h.Reset()
		for _, s := range []string{p.Kind, p.URL, p.Slug, p.Title, p.Summary, p.head} {
			str(s)
		}
		num(uint64(p.Number))
		if p.Draft {
			num(1)
		}
		v := h.Sum64()
		shallow[p] = v
		return v
	}
	deep := map[*Page]uint64{}
	card := func(c *Page) uint64 {
		if v, ok := deep[c]; ok {
			return v
		}
		var terms []uint64
		for _, t := range slices.Concat(c.Themes, c.Municipalities, c.Principles) {
			terms = append(terms, face(t))
		}
		h.Reset()
		num(face(c))
		for _, t := range terms {
			num(t)
		}
		v := h.Sum64()
		deep[c] = v
		return v
	}
	// The lists' filters and the principles' menu show every term.
	var terms uint64
	if len(jobs) > 0 {
		s := b.r.site
		var faces []uint64
		for _, t := range slices.Concat(s.Themes, s.Municipalities, s.Principles) {
			faces = append(faces, face(t))
		}
		h.Reset()
		for _, f := range faces {
			num(f)
		}
		if c := s.Contact(); c != nil { // the footer shows it on every page
			str(fmt.Sprintf("%q", *c))
		}
		terms = h.Sum64()
	}
	sigs := map[string]uint64{}
	for _, j := range jobs {
		p := j.page
		parts := []uint64{uint64(len(p.Cases))}
		switch k := kindByName[p.Kind]; {
		case !k.signed:
			continue
		case p.Kind == KindCase:
			parts = append(parts, card(p))
			for _, o := range p.Related {
				parts = append(parts, card(o))
			}
			for _, o := range []*Page{p.Prev, p.Next} {
				if o != nil {
					parts = append(parts, face(o))
				}
			}
		case k.lists:
			parts = append(parts, face(p), uint64(j.pager.Number), uint64(j.pager.Total))
			for _, c := range j.pager.Cases {
				parts = append(parts, card(c))
			}
		default:
			continue
		}
		for _, m := range p.Materials { // a theme's materials, as cards
			parts = append(parts, face(m))
		}
		for _, src := range p.Sources { // sources that link to a material
			if src.Page != nil {
				parts = append(parts, face(src.Page))
			}
		}
		h.Reset()
		str(string(p.Content))
		num(terms)
		for _, v := range parts {
			num(v)
		}
		sigs[j.out] = h.Sum64()
	}
	return sigs
}

// signedKinds are the kinds of page that have signatures.
var signedKinds = func() []string {
	var names []string
	for _, k := range kinds {
		if k.signed {
			names = append(names, k.name)
		}
	}
	return names
}()

// siteFields are the fields of .Site that pages with signatures may show.
var siteFields = map[string]bool{"Title": true, "BaseURL": true, "Absolute": true, "Now": true,
	"Themes": true, "Municipalities": true, "Principles": true, "Contact": true}

// selectiveLayouts reports whether the layouts of pages with signatures
// show nothing of .Site beyond siteFields and call no function that reads
// the whole site (milestones), so that a signature covers what they show.
func selectiveLayouts(tmpl templates) bool {
	for _, k := range signedKinds {
		t := tmpl[k]
		if t == nil {
			return false
		}
		for _, d := range t.Templates() {
			if d.Tree != nil && !selectiveNode(d.Tree.Root) {
				return false
			}
		}
	}
	return true
}

func selectiveNodes[N tparse.Node](ns []N) bool {
	for _, n := range ns {
		if !selectiveNode(n) {
			return false
		}
	}
	return true
}

func selectiveBranch(n *tparse.BranchNode) bool {
	return selectiveNode(n.Pipe) && selectiveNode(n.List) && selectiveNode(n.ElseList)
}

func selectiveNode(n tparse.Node) bool {
	// .Site alone hands the whole site on (with, range, a template call).
	site := func(idents []string) bool {
		return len(idents) == 0 || idents[0] != "Site" || len(idents) > 1 && siteFields[idents[1]]
	}
	switch n := n.(type) {
	case *tparse.ListNode:
		return n == nil || selectiveNodes(n.Nodes)
	case *tparse.ActionNode:
		return selectiveNode(n.Pipe)
	case *tparse.PipeNode:
		return n == nil || selectiveNodes(n.Cmds)
	case *tparse.CommandNode:
		return selectiveNodes(n.Args)
	case *tparse.FieldNode:
		return site(n.Ident)
	case *tparse.VariableNode:
		return len(n.Ident) < 1 || n.Ident[0] != "$" || site(n.Ident[1:])
	case *tparse.ChainNode:
		return selectiveNode(n.Node) && site(n.Field)
	case *tparse.IdentifierNode:
		return n.Ident != "milestones"
	case *tparse.IfNode:
		return selectiveBranch(&n.BranchNode)
	case *tparse.RangeNode:
		return selectiveBranch(&n.BranchNode)
	case *tparse.WithNode:
		return selectiveBranch(&n.BranchNode)
	case *tparse.TemplateNode:
		return selectiveNode(n.Pipe)
	}
	return true
}

// movedAssets returns a replacer from each asset's old output path to its
// new one, for assets whose content changed, if old and set hold files of
// the same names. Output paths carry a hash of the content
// ("assets/site.1a2b3c4d5e.css"), so in a page they stand for that file
// alone.
func movedAssets(old, set *assets.Set) (replacer, bool) {
	if old == nil || !slices.Equal(old.Names(), set.Names()) {
		return nil, false
	}
	var r replacer
	for _, n := range set.Names() {
		was, _ := old.URL(n)
		now, _ := set.URL(n)
		if was != now {
			r = append(r, [2][]byte{[]byte(strings.TrimPrefix(was, "/")), []byte(strings.TrimPrefix(now, "/"))})
		}
	}
	return r, true
}

// A replacer replaces byte strings, each pair's first by its second.
type replacer [][2][]byte

// Replace returns b with the replacements made, b itself if none applies.
func (r replacer) Replace(b []byte) []byte {
	for _, p := range r {
		if bytes.Contains(b, p[0]) {
			b = bytes.ReplaceAll(b, p[0], p[1])
		}
	}
	return b
}

func asSourceError(err error) *SourceError {
	if se, ok := err.(*SourceError); ok {
		return se
	}
	return &SourceError{Msg: err.Error(), Err: err}
}
