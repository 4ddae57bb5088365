package generator

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"

	"katalog/generator/assets"
	"katalog/generator/layout"
)

// loadLayouts parses layouts/ for the kinds of page in the table.
func loadLayouts(fsys fs.FS, funcs template.FuncMap) (*layout.Set, errorList) {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.name
	}
	return layout.Load(fsys, names, funcs)
}

// A renderer renders the pages of a site with its templates.
type renderer struct {
	site        *Site
	tmpl        *layout.Set
	assets      *assets.Set
	cfg         Config
	cards       sync.Map     // *Page → template.HTML of its card
	partials    sync.Map     // partialCached's name and key → template.HTML
	stream      bool         // put writes a page out and keeps nothing of it
	searchEntry string       // URL of the search index's entry file
	facets      []FacetCount // facet values of the search index
}

// PageSize is how many cases a list page shows before it continues on
// /side/2/.
const PageSize = 24

// A Pager is one page of a paginated list.
type Pager struct {
	Number, Total int
	Cases         []*Page
	Prev, Next    string   // URLs, "" at the ends
	URLs          []string // every page's URL, the first page's first
}

// A PagerLink is one entry of a pager's list of pages: a page, or a gap
// standing for the pages left out.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// pagerReach is how many pages on each side of the current one a pager
// lists by number, besides the first and the last.
const pagerReach = 2

// Links returns the pages a pager lists: the first and the last, the
// current one with up to two on each side, and a gap where pages are left
// out (a gap of one page lists that page instead). A list of 400 pages
// thus shows at most 7 numbers, not 400.
func (p *Pager) Links() []PagerLink {
	var out []PagerLink
	lo, hi := max(1, p.Number-pagerReach), min(p.Total, p.Number+pagerReach)
	if lo <= 3 {
		lo = 1
	}
	if hi >= p.Total-2 {
		hi = p.Total
	}
	add := func(n int) {
		out = append(out, PagerLink{Number: n, URL: p.URLs[n-1], Current: n == p.Number})
	}
	if lo > 1 {
		add(1)
		out = append(out, PagerLink{Gap: true})
	}
	for n := lo; n <= hi; n++ {
		add(n)
	}
	if hi < p.Total {
		out = append(out, PagerLink{Gap: true})
		add(p.Total)
	}
	return out
}

// A job is one output page.
type job struct {
	page  *Page
	pager *Pager
	out   string
}

func (r *renderer) jobs() []job {
	var jobs []job
	for _, p := range r.site.all {
		jobs = append(jobs, pageJobs(p)...)
	}
	return jobs
}

// pageJobs returns the output pages of one page: one, or for a page that
// lists cases, one for each PageSize of them.
func pageJobs(p *Page) []job {
	if !kindByName[p.Kind].lists {
		return []job{{page: p, out: outFile(p.URL)}}
	}
	total := max(1, (len(p.Cases)+PageSize-1)/PageSize)
	urls := make([]string, total)
	for i := range urls {
		urls[i] = pageURL(p.URL, i+1)
	}
	jobs := make([]job, 0, total)
	for n := 1; n <= total; n++ {
		pg := &Pager{Number: n, Total: total, Cases: p.Cases[(n-1)*PageSize : min(n*PageSize, len(p.Cases))], URLs: urls}
		if n > 1 {
			pg.Prev = urls[n-2]
		}
		if n < total {
			pg.Next = urls[n]
		}
		jobs = append(jobs, job{page: p, pager: pg, out: strings.TrimPrefix(urls[n-1], "/") + "index.html"})
	}
	return jobs
}

func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return fmt.Sprintf("%sside/%d/", base, n)
}

// renderAll renders every page in parallel and hands each to put. Content
// and template errors of all pages are collected; any other error stops.
func (r *renderer) renderAll(ctx context.Context, jobs []job, put func(string, []byte) error) error {
	var mu sync.Mutex
	var list errorList
	var fatal error
	var wg sync.WaitGroup
	next := make(chan job)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			m := newMinifier()
			var buf, min bytes.Buffer
			for j := range next {
				out := &min
				if !r.stream {
					out = nil
				}
				b, err := r.renderPage(j, m, &buf, out)
				if err == nil {
					if se := checkPageSize(cmp.Or(j.page.File, "/"+j.out), len(b)); se != nil {
						err = se
					}
				}
				if err == nil {
					err = put(j.out, b)
				}
				if err == nil {
					continue
				}
				mu.Lock()
				if se, ok := err.(*SourceError); ok {
					list = append(list, se)
				} else if fatal == nil {
					fatal = err
				}
				mu.Unlock()
			}
		})
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	if err := cmp.Or(ctx.Err(), fatal); err != nil {
		return err
	}
	return list.Err()
}

// newMinifier minifies pages with the settings of Hugo's --minify: document
// and end tags and default attribute values kept, quotes only where a value
// needs them.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	return m
}

// pageData is what a layout sees as dot.
type pageData struct {
	Site  *Site
	Page  *Page
	Pager *Pager
	// The search page's: the index entry file and the facet values.
	SearchEntry string
	Facets      []FacetCount
}

// renderPage renders one page, using buf for the template's output. The
// minified page is a new slice, or, if out is not nil, out's content, good
// until out is used again.
func (r *renderer) renderPage(j job, m *minify.M, buf, out *bytes.Buffer) ([]byte, error) {
	t := r.tmpl.Kind(j.page.Kind)
	if t == nil {
		return nil, &SourceError{File: "layouts/" + j.page.Kind + ".html", Msg: "skabelonen mangler eller kan ikke læses"}
	}
	buf.Reset()
	data := pageData{Site: r.site, Page: j.page, Pager: j.pager}
	if j.page.Kind == KindSearch {
		data.SearchEntry, data.Facets = r.searchEntry, r.facets
	}
	if err := t.ExecuteTemplate(buf, layout.Base, data); err != nil {
		return nil, layout.Error(err)
	}
	if err := checkHTML(buf.Bytes(), j); err != nil {
		return nil, err
	}
	if out == nil {
		min, err := m.Bytes("text/html", buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("minify %s: %w", j.out, err)
		}
		return min, nil
	}
	out.Reset()
	// The minifier reads a reader with a Bytes method in place; any other
	// reader it copies first, growing a slice for the whole page.
	if err := m.Minify("text/html", out, buf); err != nil {
		return nil, fmt.Errorf("minify %s: %w", j.out, err)
	}
	return out.Bytes(), nil
}

// checkHTML refuses output with the marks of a template that went wrong:
// ZgotmplZ (html/template's replacement for an unsafe value) and empty
// links.
func checkHTML(b []byte, j job) error {
	for _, bad := range []struct{ s, msg string }{
		{"ZgotmplZ", "indeholder ZgotmplZ: en værdi blev afvist som usikker af skabelonen"},
		{`href=""`, `indeholder et tomt link (href="")`},
		{`src=""`, `indeholder et tomt billede (src="")`},
	} {
		if i := bytes.Index(b, []byte(bad.s)); i >= 0 {
			file := j.page.File
			if file == "" {
				file = "layouts/" + j.page.Kind + ".html"
			}
			return &SourceError{File: file, Msg: fmt.Sprintf("siden %s %s (tjek skabelonen layouts/%s.html og sidens felter)", j.page.URL, bad.msg, j.page.Kind)}
		}
	}
	return nil
}

func isoDate(t interface{ Format(string) string }) string { return t.Format("2006-01-02") }

// funcs returns the template functions. They read the renderer when they
// run, so templates can be parsed before the site is loaded.
// A templateFunc is a function layouts can call. readsSite says whether it
// shows more of the site than its arguments and what a page's signature
// covers (signature.go): a layout that calls such a function turns the
// preview's signatures off. Every function is in the one table, funcTable,
// so a new one cannot be added without answering that question.
type templateFunc struct {
	name      string
	fn        any
	readsSite bool
}

// funcTable lists the functions layouts can call.
func (r *renderer) funcTable() []templateFunc {
	return []templateFunc{
		{"asset", func(name string) (string, error) {
			u, ok := r.assets.URL(name)
			if !ok {
				return "", fmt.Errorf("filen assets/%s findes ikke (kendte filer: %s)", name, strings.Join(r.assets.Names(), ", "))
			}
			return r.site.base + strings.TrimPrefix(u, "/"), nil
		}, false}, // a changed asset renders every page again (restyle)
		{"url", func(p string) string { return r.site.base + strings.TrimPrefix(p, "/") }, false},
		{"absURL", func(p string) string { return r.site.absURL(p) }, false},
		{"jsonld", func(p *Page) any { return r.site.jsonLD(p) }, false}, // the page, its themes' titles
		{"milestones", func(status string) []*Milestone { return r.site.milestones(status) }, true},
		{"chart", drawChart, false},
		{"card", r.card, false},                   // a case's card: in the signatures of the pages that show it
		{"cards", r.cardList, false},              // the same, for a list
		{"partialCached", r.partialCached, false}, // the partial's own reads are checked like any layout's
		{"date", DanishDate, false},
		{"typeName", TypeName, false},
		{"materialTypes", func() any { return MaterialTypes }, false},
		{"isoDate", isoDate, false},
		{"add", func(a, b int) int { return a + b }, false},
		{"number", Number, false},
		{"areas", func() any { return Areas }, false},
	}
}

func (r *renderer) funcs() template.FuncMap {
	m := template.FuncMap{}
	for _, f := range r.funcTable() {
		m[f.name] = f.fn
	}
	return m
}

// siteReaders are the names of the functions that read the site.
var siteReaders = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range (&renderer{}).funcTable() {
		if f.readsSite {
			m[f.name] = true
		}
	}
	return m
}()

// card returns the "card" template (layouts/partials) rendered for a case.
// A case appears as a card on many list pages; it is rendered once a build.
func (r *renderer) card(p *Page) (template.HTML, error) {
	if h, ok := r.cards.Load(p); ok {
		return h.(template.HTML), nil
	}
	var b strings.Builder
	if err := r.tmpl.Common().ExecuteTemplate(&b, "card", p); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	r.cards.Store(p, h)
	return h, nil
}

// cardList returns the cards of cases, one after the other: what
// {{range .}}{{card .}}{{end}} gives, in one call.
func (r *renderer) cardList(cases []*Page) (template.HTML, error) {
	cards := make([]template.HTML, len(cases))
	size := 0
	for i, c := range cases {
		h, err := r.card(c)
		if err != nil {
			return "", err
		}
		cards[i] = h
		size += len(h)
	}
	var b strings.Builder
	b.Grow(size)
	for _, h := range cards {
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// partialCached returns the partial template name rendered with data,
// once a build for each key: {{partialCached "header" . .Page.Section}}
// renders the header once for each section of the site, not once a page.
// The key must tell apart everything in data the partial shows.
func (r *renderer) partialCached(name string, data any, key ...any) (template.HTML, error) {
	k := name + "\x00" + fmt.Sprint(key...)
	if h, ok := r.partials.Load(k); ok {
		return h.(template.HTML), nil
	}
	var b strings.Builder
	if err := r.tmpl.Common().ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	r.partials.Store(k, h)
	return h, nil
}

// Absolute reports whether the site knows its absolute address (-baseurl
// or $URL): only then can pages name a canonical URL, which must be
// absolute.
func (s *Site) Absolute() bool { return strings.Contains(s.BaseURL, "://") }

// absURL returns the absolute URL of a site path when the base URL is
// absolute, else the path with the base path.
func (s *Site) absURL(p string) string {
	if !strings.Contains(s.BaseURL, "://") {
		return s.base + strings.TrimPrefix(p, "/")
	}
	return strings.TrimSuffix(s.BaseURL, "/") + "/" + strings.TrimPrefix(p, "/")
}

// milestones returns the timeline's milestones with the given status
// ("past", "now", "coming") or all of them for "".
func (s *Site) milestones(status string) []*Milestone {
	if s.Timeline == nil {
		return nil
	}
	var out []*Milestone
	for _, m := range s.Timeline.Milestones {
		if status == "" || m.Status == status {
			out = append(out, m)
		}
	}
	return out
}
