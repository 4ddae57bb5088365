package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"katalog/generator/assets"
	"katalog/generator/markdown"
	"maps"
	"slices"
	"strings"
	"sync"
)

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
	if !b.r.tmpl.BodyLocal() {
		return nil, false, nil // a layout shows a body on other pages too
	}
	var updates []update
	md := markdown.New()
	for _, f := range changed {
		if !strings.HasPrefix(f, "content/") || !strings.HasSuffix(f, ".md") {
			return nil, false, nil
		}
		cf, msg := classify(f)
		if msg != "" || !regularFile(b.cfg.FS, f) {
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
			return nil, true, errorList{asSourceError(err)}.Err()
		}
		out[j.out] = data
		// Its signature was of the old body: a later build must not take
		// an older page for a body as it was before.
		delete(st.sigs, j.out)
	}
	// The open data holds the cases' and materials' text.
	var open []*Page
	for _, u := range updates {
		if u.page.Kind == KindCase || u.page.Kind == KindMaterial {
			open = append(open, u.page)
		}
	}
	if len(open) > 0 {
		s.forgetRecords(open)
		s.writeOpenData(out)
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
		var ae *SourceError
		if errors.As(err, &ae) {
			return nil, true, errorList{ae}.Err()
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
	st.site.writeManifest(out) // it names the icons by their fingerprints
	if moved, ok := movedAssets(old, set); ok && !st.site.mentions(moved) {
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

// movedAssets returns a replacer from each asset's old output path to its
// new one, for assets whose content changed, if old and set hold files of
// the same names. Output paths carry a hash of the content
// ("assets/site.1a2b3c4d5e.css"), so in a page they stand for that file
// alone.
// mentions reports whether a page's own text (its front matter or body)
// names an address the replacer would change: then only the layouts' uses
// may change, and the pages are rendered instead of patched.
func (s *Site) mentions(r replacer) bool {
	for _, p := range s.all {
		for _, pair := range r {
			if strings.Contains(p.head, string(pair[0])) || strings.Contains(string(p.Content), string(pair[0])) {
				return true
			}
		}
	}
	return false
}

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
