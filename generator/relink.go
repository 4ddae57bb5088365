package generator

import (
	"bytes"
	"context"
	"html/template"
	"reflect"
	"slices"
	"time"

	"katalog/generator/markdown"
)

// pageRelink is Page when only one page file changed since the last Page
// call, and only in what the site shows of it, not in how the site is
// linked: its title, summary, date, body and the like, but the same kind,
// address, old addresses, materials named and image. The linked site of
// the last call then stays what a full load would link, but for the page
// itself, which it puts in the old one's place in every list; a case whose
// date or title sorts it elsewhere is moved there (moveCase). A case may
// also name other themes, principles and municipalities among those the
// site has: the terms' lists of cases and the related cases that follow
// are patched too (planTerms, applyTerms). It reports false, having
// changed nothing, when that does not hold:
//
//   - another file changed too, or changes are unknown, or it is a new day;
//   - the file is not a page of the site, or not a regular file;
//   - the file has problems of its own (the full path finds and reports
//     them);
//   - a field that linking reads differs (sameLinks), or a draft toggled
//     in a build without drafts, but for a case's terms;
//   - a case's new terms are not ones planTerms patches: an unknown name,
//     a municipality whose page would change its name, a new page (of a
//     municipality or of a term's list) where the site writes other
//     files, a municipality left without cases that a page links to;
//   - the page moved in its sorted list: a theme, page or material whose
//     title changes the order, or a case whose date or title does and
//     which is not one moveCase can move (planMove) or whose terms change
//     too;
//   - a new body shows resized images or has problems.
//
// Every check looks at the page's own fields: what the change may alter of
// other pages follows from the page's place in the site, which the checks
// keep.
func (b *Builder) pageRelink(ctx context.Context, cfg Config, changed []string, file string) ([]byte, bool, error) {
	ps := b.pageSite
	if ps == nil || ps.day != isoDate(cfg.Now) || len(changed) == 0 || b.tmpl == nil || b.set == nil {
		return nil, false, nil
	}
	for _, f := range changed {
		if f != file {
			return nil, false, nil
		}
	}
	s := ps.site
	op := s.byFile[file]
	if op == nil || op.File != file {
		return nil, false, nil
	}
	cf, msg := classify(file)
	if msg != "" || cf.kind != op.Kind || !regularFile(cfg.FS, file) {
		return nil, false, nil
	}
	b.mu.Lock()
	old := b.parsed[file].page
	b.mu.Unlock()
	if old == nil {
		return nil, false, nil
	}
	np, errs := readPage(cfg.FS, cf)
	if np == nil || len(errs) > 0 {
		return nil, false, nil
	}
	terms := false // the case names other themes, principles or municipalities
	if !sameLinks(old, np, cfg.Drafts) {
		if !termsOnly(old, np, cfg.Drafts) {
			return nil, false, nil
		}
		terms = true
	}
	q := relinked(op, np)
	sortKeys([]*Page{q})
	move := -1 // the case's new place in s.Cases, if it moves
	if !s.samePlace(op, q) {
		to, ok := s.planMove(op, q)
		if !ok || terms {
			return nil, false, nil
		}
		move = to
	}
	var tp *termPatch
	if terms {
		// A page more or less changes the addresses a body's links resolve
		// against: a new body is rendered on a site loaded anew.
		tp = s.planTerms(op, q, np, b.set)
		if tp == nil || len(tp.added)+len(tp.removed) > 0 && !bytes.Equal(old.body, np.body) {
			return nil, false, nil
		}
	}
	if bytes.Equal(old.body, np.body) {
		// The same body on the same site renders the same.
		q.Content, q.Text, q.Headings, q.usesImages = op.Content, op.Text, op.Headings, op.usesImages
	} else {
		res, images := s.renderBody(markdown.New(), q, np.body)
		if images || len(res.Problems) > 0 {
			return nil, false, nil
		}
		q.Content, q.Text, q.Headings = template.HTML(res.HTML), res.Text, res.Headings
	}

	// From here the site is the new one.
	s.replace(op, q)
	if move >= 0 {
		s.moveCase(q, move)
	}
	if tp != nil {
		s.applyTerms(q, np, tp)
	}
	b.mu.Lock()
	b.parsed[file] = parsed{page: np}
	b.mu.Unlock()
	jobs := pageJobs(q)
	r := b.renderer(s, b.set, b.tmpl, cfg)
	var page []byte
	err := r.renderAll(ctx, jobs[:1], func(_ string, data []byte) error {
		page = data
		return nil
	})
	if err != nil {
		b.pageSite = nil
		return nil, true, err
	}
	b.pageSite = &pageSite{site: s, job: jobs[0], day: ps.day, relinks: ps.relinks + 1, outputs: ps.outputs}
	return page, true, nil
}

// sameLinks reports whether two parses of a page file link the same: they
// differ at most in the fields that linking only copies (title, summary,
// date, body, …; relinked takes them from the new parse), and in a theme's
// title, which cases name it by, not at all. Every other field, those
// added later included, must be equal.
func sameLinks(old, np *Page, drafts bool) bool {
	if old.Kind != np.Kind || old.Kind == KindTheme && old.Title != np.Title {
		return false
	}
	if len(old.Sources) != len(np.Sources) {
		return false
	}
	for i := range old.Sources {
		if old.Sources[i].Material != np.Sources[i].Material {
			return false
		}
	}
	if (old.Image == nil) != (np.Image == nil) || old.Image != nil && old.Image.Src != np.Image.Src {
		return false
	}
	a, c := *old, *np
	for _, p := range []*Page{&a, &c} {
		p.Title, p.Summary, p.Date, p.Organisations = "", "", time.Time{}, nil
		p.Type, p.Publisher, p.Year, p.Link = "", "", 0, ""
		p.ShowContact, p.Charts = false, nil
		p.Sources, p.Image = nil, nil
		p.head, p.body, p.bodyLine, p.lines = "", nil, 0, nil
		if drafts {
			p.Draft = false // a draft is in the site either way, marked
		}
	}
	return reflect.DeepEqual(a, c)
}

// relinked returns the linked page op with the fields sameLinks lets
// differ taken from np, a new parse of its file; the body is rendered
// apart.
func relinked(op, np *Page) *Page {
	q := new(*op)
	q.Title, q.Summary, q.Date, q.Organisations, q.Draft = np.Title, np.Summary, np.Date, np.Organisations, np.Draft
	q.Type, q.Publisher, q.Year, q.Link = np.Type, np.Publisher, np.Year, np.Link
	q.ShowContact, q.Charts = np.ShowContact, np.Charts
	q.head, q.bodyLine, q.lines = np.head, np.bodyLine, np.lines
	q.Sources = slices.Clone(np.Sources)
	for i := range q.Sources {
		q.Sources[i].Page = op.Sources[i].Page // the same material, by sameLinks
	}
	if np.Image != nil {
		im := *op.Image // the same photo, resized
		im.Alt = np.Image.Alt
		q.Image = &im
	}
	q.sortKey, q.Content, q.Text, q.Headings, q.usesImages, q.body = nil, "", "", nil, false, nil
	return q
}

// samePlace reports whether q, op's new version, sorts where op is: between
// op's neighbours in its list. The orders are strict (by title or date,
// then address), so the sorted list is then the same with q for op.
func (s *Site) samePlace(op, q *Page) bool {
	var list []*Page
	order := byTitle
	switch op.Kind {
	case KindCase:
		list, order = s.Cases, byDate
	case KindTheme:
		list = s.Themes
	case KindPage:
		list = s.Pages
	case KindMaterial:
		list = s.Materials
	case KindPrinciple:
		return op.Number == q.Number // sorted by number, which sameLinks keeps
	case KindHome, KindTimeline:
		return true
	default:
		return false
	}
	i := slices.Index(list, op)
	return i >= 0 && (i == 0 || order(list[i-1], q) < 0) && (i+1 == len(list) || order(q, list[i+1]) < 0)
}

// replace puts q in op's place everywhere in the site: its lists, its maps
// and every page's links to other pages (pageLinks).
func (s *Site) replace(op, q *Page) {
	swap := func(list []*Page) {
		for i, p := range list {
			if p == op {
				list[i] = q
			}
		}
	}
	one := func(p **Page) {
		if *p == op {
			*p = q
		}
	}
	one(&s.Home)
	one(&s.Timeline)
	for _, list := range [][]*Page{s.Cases, s.Themes, s.Principles, s.Municipalities, s.Materials, s.Pages, s.all} {
		swap(list)
	}
	for _, p := range s.all {
		for _, list := range pageLinks(p) {
			swap(*list)
		}
		one(&p.Prev)
		one(&p.Next)
		for i := range p.Sources {
			one(&p.Sources[i].Page)
		}
	}
	s.byURL[q.URL], s.byFile[q.File] = q, q
	s.recordsMu.Lock()
	s.records = nil // the open data's records of pages, of which q's is not
	s.recordsMu.Unlock()
}

// pageLinks returns p's lists of other pages. Page's fields of type *Page,
// []*Page and []Source are these, Prev, Next and Sources
// (TestPageLinks).
func pageLinks(p *Page) [7]*[]*Page {
	return [...]*[]*Page{&p.Themes, &p.Principles, &p.Municipalities, &p.Materials, &p.UsedBy, &p.Cases, &p.Related}
}
