package generator

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"katalog/generator/markdown"
	"katalog/internal/slug"
	"katalog/internal/suggest"
)

// A Site is the whole catalogue, read from content/ and checked.
type Site struct {
	Title   string
	BaseURL string    // absolute ("https://…/") or "/"
	Now     time.Time // the build date: the timeline is past, now and coming against it

	Home           *Page
	Timeline       *Page
	Cases          []*Page // newest first
	Themes         []*Page // by title
	Principles     []*Page // by number
	Municipalities []*Page // by name
	Materials      []*Page // by title
	Pages          []*Page // plain pages, by title

	all     []*Page          // every page to render, in URL order
	byURL   map[string]*Page // site path → page
	byFile  map[string]*Page // content file → page
	static  []string         // files under content/ that are not pages, as content/… paths
	base    string           // path prefix of every URL, "/" or "/katalog/"
	images  *imageSet        // resized photos (images.go)
	bodies  *bodyCache       // rendered bodies of the build before, or nil
	related *relatedCache    // related cases of the build before, or nil

	recordsMu sync.Mutex
	records   map[*Page]openRecord // pages encoded for the open data (opendata.go)
}

// Load reads and checks the site in fsys (the site root). It returns every
// problem found, as a joined list of *SourceError sorted by file and line.
func Load(fsys fs.FS, cfg Config) (*Site, error) {
	return load(context.Background(), fsys, cfg, readPage, nil, nil, scanContent)
}

// load is Load with content/ scanned by scan, the page files read by read
// and, where bodies and related are not nil, rendered bodies and related
// cases reused from the build before and kept for the next.
func load(ctx context.Context, fsys fs.FS, cfg Config, read pageReader, bodies *bodyCache, related *relatedCache, scan func(fs.FS) (contentTree, error)) (*Site, error) {
	s := &Site{Title: "Fra bolig til hjem", BaseURL: cfg.BaseURL, Now: cfg.Now, byURL: map[string]*Page{}, byFile: map[string]*Page{}}
	s.base = basePath(cfg.BaseURL)
	s.bodies, s.related = bodies, related
	s.images = newImageSet(ctx, fsys, cfg, s.base)
	tree, err := scan(fsys)
	if err != nil {
		return nil, &SourceError{File: "content", Msg: "mappen content/ kan ikke læses (kør kommandoen fra sitets rod eller angiv -src)", Err: err}
	}
	errs, files := tree.errs, tree.pages
	s.static = tree.static
	pages, perr := readPages(ctx, fsys, files, read)
	errs = append(errs, perr...)
	for _, p := range pages {
		if p != nil && (!p.Draft || cfg.Drafts) {
			s.add(p)
		}
	}
	s.link(&errs)
	s.makePages(&errs)
	s.render(ctx, &errs)
	s.pageImages(&errs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Contact returns who answers for the site, from the front page's front
// matter, or nil.
func (s *Site) Contact() *Contact {
	if s.Home == nil {
		return nil
	}
	return s.Home.Contact
}

// basePath returns the path of a base URL: "https://x.dk/k/" → "/k/".
func basePath(base string) string {
	if i := strings.Index(base, "://"); i >= 0 {
		rest := base[i+3:]
		if j := strings.Index(rest, "/"); j >= 0 {
			base = rest[j:]
		} else {
			base = "/"
		}
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	if !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	return base
}

func (s *Site) add(p *Page) {
	p.URL = kindByName[p.Kind].pageURL(p.Slug)
	switch p.Kind {
	case KindHome:
		s.Home = p
	case KindCase:
		s.Cases = append(s.Cases, p)
	case KindTheme:
		s.Themes = append(s.Themes, p)
	case KindPrinciple:
		s.Principles = append(s.Principles, p)
	case KindTimeline:
		s.Timeline = p
	case KindPage:
		s.Pages = append(s.Pages, p)
	case KindMaterial:
		s.Materials = append(s.Materials, p)
	}
	s.byFile[p.File] = p
}

// sortKeys sets each page's collation key: its title in Danish
// alphabetical order (æ, ø, å after z). Comparing keys is much cheaper than
// collating titles in every comparison of a sort.
//
// Keys are kept between builds (a key depends on the title alone), so the
// preview does not collate 10,000 titles again for every keystroke; the
// store is emptied when it passes maxSortKeys titles.
func sortKeys(pages []*Page) {
	sortKeyStore.Lock()
	defer sortKeyStore.Unlock()
	if len(sortKeyStore.keys) > maxSortKeys {
		sortKeyStore.keys = nil
	}
	if sortKeyStore.keys == nil {
		sortKeyStore.keys = map[string][]byte{}
		sortKeyStore.c = collate.New(language.Danish)
	}
	var buf collate.Buffer
	for _, p := range pages {
		key, ok := sortKeyStore.keys[p.Title]
		if !ok {
			key = bytes.Clone(sortKeyStore.c.KeyFromString(&buf, p.Title))
			buf.Reset()
			sortKeyStore.keys[p.Title] = key
		}
		p.sortKey = key
	}
}

// maxSortKeys bounds the titles whose collation keys are kept.
const maxSortKeys = 100_000

// sortKeyStore holds the collation keys of the titles seen, for every
// build in the process. The keys are never written to, only compared.
var sortKeyStore struct {
	sync.Mutex
	c    *collate.Collator
	keys map[string][]byte
}

func byTitle(a, b *Page) int {
	return cmp.Or(bytes.Compare(a.sortKey, b.sortKey), cmp.Compare(a.URL, b.URL))
}

// byDate orders cases newest first, then by title.
func byDate(a, b *Page) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	return byTitle(a, b)
}

// link resolves what cases name (themes, principles, municipalities) and
// fills in the lists that follow from it.
func (s *Site) link(errs *errorList) {
	sortKeys(slices.Concat(s.Themes, s.Pages, s.Cases, s.Materials))
	slices.SortFunc(s.Themes, byTitle)
	slices.SortFunc(s.Pages, byTitle)
	slices.SortFunc(s.Materials, byTitle)
	slices.SortFunc(s.Principles, func(a, b *Page) int { return cmp.Compare(a.Number, b.Number) })
	slices.SortFunc(s.Cases, byDate)
	themes := map[string]*Page{}
	var themeNames []string
	for _, t := range s.Themes {
		themes[t.Slug], themes[strings.ToLower(t.Title)] = t, t
		themeNames = append(themeNames, t.Title)
	}
	principles := map[int]*Page{}
	for _, p := range s.Principles {
		if other := principles[p.Number]; other != nil {
			errs.Add(p.File, p.line("number"), "princip nr. %d findes også i %s (giv hvert princip sit eget nummer)", p.Number, other.File)
		}
		principles[p.Number] = p
	}
	municipalities := map[string]*Page{}
	for i, c := range s.Cases {
		for _, t := range c.terms(errs, themes, themeNames, principles) {
			t.Cases = append(t.Cases, c)
		}
		for j, name := range c.pendingMunicipalities {
			sl := slug.Make(name)
			if sl == "" {
				errs.Add(c.File, c.line(fmt.Sprintf("municipality[%d]", j)), "kommunens navn %q er tomt (skriv fx municipality: Aalborg)", name)
				continue
			}
			m := municipalities[sl]
			if m == nil {
				m = &Page{Kind: KindMunicipal, Slug: sl, URL: kindByName[KindMunicipal].pageURL(sl), Title: strings.TrimSpace(name)}
				municipalities[sl] = m
				s.Municipalities = append(s.Municipalities, m)
			}
			if !slices.Contains(c.Municipalities, m) {
				c.Municipalities = append(c.Municipalities, m)
				m.Cases = append(m.Cases, c)
			}
		}
		if i > 0 {
			c.Next = s.Cases[i-1]
		}
		if i+1 < len(s.Cases) {
			c.Prev = s.Cases[i+1]
		}
	}
	sortKeys(s.Municipalities)
	slices.SortFunc(s.Municipalities, byTitle)
	s.linkMaterials(errs, themes, themeNames, principles)
	s.relatedCases(3)
	if s.Timeline != nil {
		setStatus(s.Timeline.Milestones, s.Now)
	}
}

// terms resolves the themes and principles p names (by title or slug, and
// by number), sets p.Themes and p.Principles, and returns each term once.
func (p *Page) terms(errs *errorList, themes map[string]*Page, themeNames []string, principles map[int]*Page) []*Page {
	var added []*Page
	for j, name := range p.pendingThemes {
		t := themes[strings.ToLower(strings.TrimSpace(name))]
		if t == nil {
			t = themes[slug.Make(name)]
		}
		if t == nil {
			errs.Add(p.File, p.line(fmt.Sprintf("themes[%d]", j)), "ukendt tema %q (%skendte temaer: %s)", name, didYouMean(name, themeNames), strings.Join(themeNames, ", "))
			continue
		}
		if !slices.Contains(p.Themes, t) {
			p.Themes = append(p.Themes, t)
			added = append(added, t)
		}
	}
	for j, n := range p.pendingPrinciples {
		pr := principles[n]
		if pr == nil {
			errs.Add(p.File, p.line(fmt.Sprintf("principles[%d]", j)), "princip nr. %d findes ikke (brug tallene 1 til 7)", n)
			continue
		}
		if !slices.Contains(p.Principles, pr) {
			p.Principles = append(p.Principles, pr)
			added = append(added, pr)
		}
	}
	return added
}

// linkMaterials resolves the themes and principles materials name, and the
// materials that sources point to.
func (s *Site) linkMaterials(errs *errorList, themes map[string]*Page, themeNames []string, principles map[int]*Page) {
	for _, m := range s.Materials {
		for _, t := range m.terms(errs, themes, themeNames, principles) {
			if t.Kind == KindTheme {
				t.Materials = append(t.Materials, m)
			}
		}
	}
	bySlug := map[string]*Page{}
	var slugs []string
	for _, m := range s.Materials {
		bySlug[m.Slug] = m
		slugs = append(slugs, m.Slug)
	}
	users := slices.Concat([]*Page{s.Home, s.Timeline}, s.Cases, s.Themes, s.Principles, s.Pages, s.Materials)
	for _, p := range users {
		if p == nil {
			continue
		}
		for i := range p.Sources {
			src := &p.Sources[i]
			name := strings.TrimSpace(src.Material)
			if name == "" {
				continue
			}
			m := bySlug[slug.Make(strings.TrimPrefix(strings.TrimSuffix(name, "/"), "/materialer/"))]
			if m == nil {
				known := "der er ingen materialer i content/materialer/ endnu"
				if len(slugs) > 0 {
					known = didYouMean(name, slugs) + "kendte materialer: " + strings.Join(slugs, ", ")
				}
				errs.Add(p.File, p.line(fmt.Sprintf("sources[%d].material", i)), "ukendt materiale %q (%s)", name, known)
				continue
			}
			src.Page = m
			if m != p && !slices.Contains(m.UsedBy, p) {
				m.UsedBy = append(m.UsedBy, p)
			}
		}
	}
}

func didYouMean(name string, known []string) string {
	if n := suggest.Nearest(name, known); n != "" {
		return fmt.Sprintf("mente du %q? ", n)
	}
	return ""
}

// relatedCases sets each case's Related: up to n other cases that share
// the most themes (two points each) and principles (one point each),
// newest first among equals. Scores live in a slice indexed by position in
// s.Cases, reset after each case, so the work is the number of shared
// memberships, not cases squared.
func (s *Site) relatedCases(n int) {
	for i, c := range s.Cases {
		c.index = i
	}
	key := s.related.key(s.Cases)
	if s.related.reuse(key, s.Cases) {
		return
	}
	// Members of each theme and principle as positions in s.Cases: adding
	// up scores then reads memory in order instead of chasing pointers.
	members := map[*Page][]int32{}
	for _, t := range slices.Concat(s.Themes, s.Principles) {
		ids := make([]int32, len(t.Cases))
		for i, c := range t.Cases {
			ids[i] = int32(c.index)
		}
		members[t] = ids
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			score := make([]int32, len(s.Cases))
			var touched []int32
			for ci := w; ci < len(s.Cases); ci += workers {
				c := s.Cases[ci]
				touched = touched[:0]
				for _, t := range c.Themes {
					touched = bump(score, touched, members[t], 2)
				}
				for _, p := range c.Principles {
					touched = bump(score, touched, members[p], 1)
				}
				c.Related = s.best(score, touched, int32(ci), n)
				for _, i := range touched {
					score[i] = 0
				}
			}
		})
	}
	wg.Wait()
	s.related.keep(key, s.Cases)
}

func bump(score []int32, touched []int32, list []int32, by int32) []int32 {
	for _, i := range list {
		if score[i] == 0 {
			touched = append(touched, i)
		}
		score[i] += by
	}
	return touched
}

// best returns the n highest scoring cases other than self; s.Cases is
// newest first, so among equal scores the lower index wins.
func (s *Site) best(score, touched []int32, self int32, n int) []*Page {
	best := make([]int32, 0, n+1)
	for _, i := range touched {
		if i == self {
			continue
		}
		if len(best) == n {
			last := best[n-1]
			if score[i] < score[last] || score[i] == score[last] && i > last {
				continue
			}
		}
		pos := len(best)
		for pos > 0 && (score[i] > score[best[pos-1]] || score[i] == score[best[pos-1]] && i < best[pos-1]) {
			pos--
		}
		best = slices.Insert(best, pos, i)[:min(len(best)+1, n)]
	}
	out := make([]*Page, len(best))
	for k, i := range best {
		out[k] = s.Cases[i]
	}
	return out
}

// makePages adds the pages the build makes itself and checks that every
// URL, old ones included, belongs to one page.
func (s *Site) makePages(errs *errorList) {
	var made []*Page
	for _, k := range kinds {
		if k.made() && !strings.Contains(k.url, "%s") && (k.name != KindMaterials || len(s.Materials) > 0) {
			p := &Page{Kind: k.name, URL: k.url, Title: k.title, Summary: k.summary}
			switch k.name {
			case KindCaseList:
				p.Cases = s.Cases
			case KindMaterials:
				p.Materials = s.Materials
			}
			made = append(made, p)
		}
	}
	owner := map[string]string{}
	claim := func(url, file string, line int) {
		if prev, ok := owner[url]; ok && file != "" {
			errs.Add(file, line, "adressen %s bruges også af %s (giv siden et andet filnavn, eller slet den gamle adresse)", url, orDefault(prev, "sitet selv"))
			return
		}
		owner[url] = file
	}
	for _, p := range made {
		claim(p.URL, "", 0)
	}
	pages := slices.Concat([]*Page{s.Home, s.Timeline}, s.Cases, s.Themes, s.Principles, s.Pages, s.Materials)
	for _, p := range pages {
		if p != nil {
			claim(p.URL, p.File, 1)
		}
	}
	for _, m := range s.Municipalities {
		claim(m.URL, "", 0)
	}
	for _, p := range pages {
		if p == nil {
			continue
		}
		for i, a := range p.Aliases {
			claim(strings.TrimSuffix(a, "/")+"/", p.File, p.line(fmt.Sprintf("aliases[%d]", i)))
		}
	}
	if s.Home == nil {
		errs.Add("content/_index.md", 0, "forsiden mangler (opret content/_index.md med title, summary og en indledning)")
	}
	s.all = slices.DeleteFunc(slices.Concat(pages, made, s.Municipalities), func(p *Page) bool { return p == nil })
	slices.SortFunc(s.all, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
	for _, p := range s.all {
		s.byURL[p.URL] = p
	}
}

// render turns every page's markdown into HTML in parallel, checking links.
func (s *Site) render(ctx context.Context, errs *errorList) {
	md := markdown.New()
	s.bodies.use(s.linkEnv())
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for _, p := range s.all {
		if ctx.Err() != nil {
			break
		}
		if p.body == nil {
			continue
		}
		if res, ok := s.bodies.get(p); ok {
			p.Content, p.Text, p.Headings = template.HTML(res.HTML), res.Text, res.Headings
			p.body = nil
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			res, images := s.renderBody(md, p, p.body)
			p.Content, p.Text, p.Headings, p.usesImages = template.HTML(res.HTML), res.Text, res.Headings, images
			if !images && len(res.Problems) == 0 {
				s.bodies.put(p, res)
			}
			p.body = nil // the source is not needed again; let it go
			mu.Lock()
			for _, pr := range res.Problems {
				errs.Add(p.File, p.bodyLine+pr.Line-1, "%s", pr.Msg)
			}
			mu.Unlock()
		})
	}
	wg.Wait()
}

// linkEnv returns what a page body's links resolve against: the site's
// base path, addresses, page files and other files. Two builds with the
// same linkEnv render the same body to the same HTML, unless it shows
// images the build resizes.
func (s *Site) linkEnv() string {
	if s.bodies == nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%v\x00", s.base, s.Timeline != nil)
	for _, u := range slices.Sorted(maps.Keys(s.byURL)) {
		fmt.Fprintf(h, "%s\x00", u)
	}
	for _, f := range slices.Sorted(maps.Keys(s.byFile)) {
		fmt.Fprintf(h, "%s\x00%s\x00", f, s.byFile[f].URL)
	}
	for _, f := range s.static {
		fmt.Fprintf(h, "%s\x00", f)
	}
	return string(h.Sum(nil))
}

// renderBody renders body as p's markdown and reports whether it shows
// images the build resizes.
func (s *Site) renderBody(md *markdown.Renderer, p *Page, body []byte) (res markdown.Result, images bool) {
	resolve := s.images.resolver(p)
	res = md.Render(body, s.resolver(p), markdown.WithImages(func(dest string) (markdown.Img, string, bool) {
		img, msg, ok := resolve(dest)
		if img.Src != "" || !ok {
			images = true
		}
		return img, msg, ok
	}))
	return res, images
}

// resolver resolves internal links in p's body: site paths (/cases/x/),
// relative markdown files (../tema/x.md) and files beside the page.
func (s *Site) resolver(p *Page) markdown.Resolver {
	return func(dest string, image bool) (string, string, bool) {
		target, frag := dest, ""
		if i := strings.IndexAny(dest, "?#"); i >= 0 {
			target, frag = dest[:i], dest[i:]
		}
		if target == "" {
			return dest, "", true
		}
		var url string
		if strings.HasPrefix(target, "/") {
			url = target
			if path.Ext(url) == "" && !strings.HasSuffix(url, "/") {
				url += "/"
			}
		} else {
			file := path.Join(path.Dir(p.File), target)
			if q := s.byFile[file]; q != nil {
				url = q.URL
			} else if slices.Contains(s.static, file) {
				url = "/" + strings.TrimPrefix(file, "content/")
			} else {
				return "", fmt.Sprintf("linket %q peger på %s, som ikke findes%s", dest, file, s.nearestFile(file)), false
			}
		}
		if s.byURL[url] == nil && !slices.Contains(s.static, "content"+url) && !s.generated(url) {
			return "", fmt.Sprintf("linket %q fører ingen steder hen%s", dest, s.nearestURL(url)), false
		}
		return s.base + strings.TrimPrefix(url, "/") + frag, "", true
	}
}

// generated reports whether url is a file the build writes besides pages.
func (s *Site) generated(url string) bool {
	switch url {
	case "/feed.xml", "/sitemap.xml", "/robots.txt", "/" + manifest:
		return true
	case "/tidsplan/tidsplan.ics":
		return s.Timeline != nil
	case "/" + securityTxt:
		return s.securityTxt() != nil
	}
	if page, ok := strings.CutSuffix(url, "feed.xml"); ok {
		p := s.byURL[page]
		return p != nil && p.Feed() == url
	}
	return slices.Contains(s.openDataFiles(), strings.TrimPrefix(url, "/"))
}

func (s *Site) nearestURL(url string) string {
	if best := closest(url, slices.Sorted(maps.Keys(s.byURL))); best != "" {
		return fmt.Sprintf(" (mente du %q?)", best)
	}
	return " (tjek adressen; interne links skrives som /cases/navn/ eller som relativ sti til en .md-fil)"
}

func (s *Site) nearestFile(file string) string {
	if best := closest(file, slices.Sorted(maps.Keys(s.byFile))); best != "" {
		return fmt.Sprintf(" (mente du %s?)", best)
	}
	return ""
}

// closest returns the candidate nearest to target, if it is within a
// quarter of target's length (at least three edits), else "".
func closest(target string, candidates []string) string {
	best, bestD := "", max(3, len(target)/4)+1
	for _, c := range candidates {
		if d := suggest.Distance(target, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
