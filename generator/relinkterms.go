package generator

import (
	"cmp"
	"slices"
	"strings"

	"katalog/generator/assets"
	"katalog/internal/slug"
)

// relatedCount is how many related cases a case has (Site.link).
const relatedCount = 3

// termsOnly reports whether old and np, two parses of a case's file that
// sameLinks finds differ, differ only in the themes, principles and
// municipalities the case names (besides what sameLinks lets differ).
func termsOnly(old, np *Page, drafts bool) bool {
	if old.Kind != KindCase || np.Kind != KindCase {
		return false
	}
	o := *old
	o.pendingThemes, o.pendingPrinciples, o.pendingMunicipalities = np.pendingThemes, np.pendingPrinciples, np.pendingMunicipalities
	return sameLinks(&o, np, drafts)
}

// A termPatch is what a case's new terms change in a linked site: the
// case's own lists of terms, and the case lists of the terms it leaves
// and joins. Site.planTerms makes it without changing the site;
// Site.applyTerms applies it after Site.replace.
type termPatch struct {
	themes, principles, municipalities []*Page // the case's new terms, in link's order
	left, joined                       []*Page // terms whose case lists lose and gain the case
	added, removed                     []*Page // municipality pages the site gains (joined) and loses (left)
}

// planTerms resolves the themes, principles and municipalities np names
// as link does, for q, the relinked version of op that takes op's place.
// It returns nil when the change is one link would not make the same way
// on this site, or one whose new output files may clash: a name that
// resolves to nothing (an error), a new municipality or a page more of a
// term's list where the site writes other files (outputsFree), a
// municipality left without cases that a page links to (linksTo), or one
// whose name (taken from its newest case) would change.
func (s *Site) planTerms(op, q, np *Page, set *assets.Set) *termPatch {
	tp := &termPatch{}
	themes := map[string]*Page{}
	for _, t := range s.Themes {
		themes[t.Slug], themes[strings.ToLower(t.Title)] = t, t
	}
	for _, name := range np.pendingThemes {
		t := themes[strings.ToLower(strings.TrimSpace(name))]
		if t == nil {
			t = themes[slug.Make(name)]
		}
		if t == nil {
			return nil
		}
		if !slices.Contains(tp.themes, t) {
			tp.themes = append(tp.themes, t)
		}
	}
	for _, n := range np.pendingPrinciples {
		var pr *Page
		for _, p := range s.Principles {
			if p.Number == n {
				pr = p
			}
		}
		if pr == nil {
			return nil
		}
		if !slices.Contains(tp.principles, pr) {
			tp.principles = append(tp.principles, pr)
		}
	}
	bySlug := map[string]*Page{}
	for _, m := range s.Municipalities {
		bySlug[m.Slug] = m
	}
	for _, name := range np.pendingMunicipalities {
		sl := slug.Make(name)
		if sl == "" {
			return nil
		}
		m := bySlug[sl]
		if m == nil {
			// A municipality the site does not have: a page of its own,
			// named as q writes it, if its files are free.
			if len(s.Municipalities) == 0 || !s.outputsFree(strings.TrimPrefix(kindByName[KindMunicipal].pageURL(sl), "/"), set) {
				return nil
			}
			m = &Page{Kind: KindMunicipal, Slug: sl, URL: kindByName[KindMunicipal].pageURL(sl), Title: strings.TrimSpace(name)}
			bySlug[sl] = m
			tp.added = append(tp.added, m)
		}
		if !slices.Contains(tp.municipalities, m) {
			tp.municipalities = append(tp.municipalities, m)
		}
	}
	oldTerms := slices.Concat(op.Themes, op.Principles, op.Municipalities)
	newTerms := slices.Concat(tp.themes, tp.principles, tp.municipalities)
	for _, t := range oldTerms {
		if !slices.Contains(newTerms, t) {
			tp.left = append(tp.left, t)
		}
	}
	for _, t := range newTerms {
		if !slices.Contains(oldTerms, t) {
			tp.joined = append(tp.joined, t)
		}
	}
	for _, t := range tp.left {
		// A theme or principle is a page file, with or without cases; a
		// municipality's page goes with its last case, if no page links
		// to it.
		if t.Kind != KindMunicipal || len(t.Cases) > 1 {
			continue
		}
		if s.linksTo(t.URL) {
			return nil
		}
		tp.removed = append(tp.removed, t)
	}
	for _, t := range tp.joined {
		// A page more of the term's list: its files must be free.
		if !slices.Contains(tp.added, t) && listPages(len(t.Cases)+1) > listPages(len(t.Cases)) && !s.outputsFree(strings.TrimPrefix(t.URL, "/")+"side/", set) {
			return nil
		}
	}
	// A municipality's page is named as its newest case (first in
	// s.Cases) writes it: that case must write it as the page has it.
	for _, m := range slices.Concat(op.Municipalities, tp.municipalities) {
		if slices.Contains(tp.added, m) || slices.Contains(tp.removed, m) {
			continue
		}
		first := m.Cases[0]
		if slices.Contains(tp.municipalities, m) && q.index <= first.index {
			first = np
		} else if first == op {
			first = m.Cases[1] // there is one: m keeps a case (above)
		}
		if municipalityName(first, m.Slug) != m.Title {
			return nil
		}
	}
	return tp
}

// outputsFree reports whether no file the site writes besides its pages
// (assets, its own files, old addresses, static files) is in the folder
// dir ("kommune/odense/") or is dir itself, so that pages written there
// clash with nothing. What checkOutputs checks of pages only, pages do
// not write there: their folders follow from their kinds.
func (s *Site) outputsFree(dir string, set *assets.Set) bool {
	clash := func(name string) bool {
		return strings.HasPrefix(name, dir) || name == strings.TrimSuffix(dir, "/")
	}
	for _, f := range set.Files {
		if clash(f.Path) {
			return false
		}
	}
	for _, name := range s.ownFiles() {
		if clash(name) {
			return false
		}
	}
	for _, p := range s.all {
		for _, a := range p.Aliases {
			if clash(strings.TrimPrefix(strings.TrimSuffix(a, "/")+"/", "/")) {
				return false
			}
		}
	}
	for _, f := range s.static {
		if clash(strings.TrimPrefix(f, "content/")) {
			return false
		}
	}
	return true
}

// linksTo reports whether a page's body may link to url or below it: its
// HTML has the address. Only a body can link to a municipality's page.
func (s *Site) linksTo(url string) bool {
	href := s.base + strings.TrimPrefix(url, "/")
	for _, p := range s.all {
		if strings.Contains(string(p.Content), href) {
			return true
		}
	}
	return false
}

// listPages returns how many output pages a list of n cases has.
func listPages(n int) int {
	return max(1, (n+PageSize-1)/PageSize)
}

// municipalityName returns the first of p's municipality names with the
// given slug, as link names the municipality's page after it.
func municipalityName(p *Page, sl string) string {
	for _, name := range p.pendingMunicipalities {
		if slug.Make(name) == sl {
			return strings.TrimSpace(name)
		}
	}
	return ""
}

// applyTerms gives q, which has replaced op in the site, the terms of tp:
// its lists of terms, the terms' lists of cases and the related cases of
// q and of every case whose related cases its change of terms changes.
func (s *Site) applyTerms(q *Page, np *Page, tp *termPatch) {
	q.pendingThemes, q.pendingPrinciples, q.pendingMunicipalities = np.pendingThemes, np.pendingPrinciples, np.pendingMunicipalities
	q.Themes, q.Principles, q.Municipalities = tp.themes, tp.principles, tp.municipalities
	for _, m := range tp.added {
		sortKeys([]*Page{m})
		i, _ := slices.BinarySearchFunc(s.Municipalities, m, byTitle)
		s.Municipalities = slices.Insert(slices.Clone(s.Municipalities), i, m)
		i, _ = slices.BinarySearchFunc(s.all, m, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
		s.all = slices.Insert(slices.Clone(s.all), i, m)
		s.byURL[m.URL] = m
	}
	for _, m := range tp.removed {
		s.Municipalities = slices.DeleteFunc(slices.Clone(s.Municipalities), func(p *Page) bool { return p == m })
		s.all = slices.DeleteFunc(slices.Clone(s.all), func(p *Page) bool { return p == m })
		delete(s.byURL, m.URL)
	}
	for _, t := range tp.left {
		t.Cases = slices.DeleteFunc(slices.Clone(t.Cases), func(c *Page) bool { return c == q })
	}
	for _, t := range tp.joined {
		i, _ := slices.BinarySearchFunc(t.Cases, q.index, func(c *Page, i int) int { return cmp.Compare(c.index, i) })
		t.Cases = slices.Insert(slices.Clone(t.Cases), i, q)
	}

	// Only the score of q changes for any other case c, by what the
	// themes and principles q left or joined count for c: score holds
	// that difference, by position in s.Cases.
	score := make([]int32, len(s.Cases))
	var touched []int32
	for _, t := range tp.left {
		if t.Kind != KindMunicipal {
			touched = bump(score, touched, members(t), -weight(t))
		}
	}
	for _, t := range tp.joined {
		if t.Kind != KindMunicipal {
			touched = bump(score, touched, members(t), weight(t))
		}
	}
	if len(touched) == 0 {
		return // no change of theme or principle
	}
	for _, i := range touched {
		c := s.Cases[i]
		d := score[i]
		score[i] = 0 // touched may name a case twice: once is enough
		if c == q || d == 0 {
			continue
		}
		at := slices.Index(c.Related, q)
		sq := shared(c, q)
		switch {
		case d < 0 && at >= 0:
			// q ranks lower: another case may take its place.
			c.Related = s.relatedOf(c)
		case d < 0:
			// q was not among the best and ranks lower still.
		case at >= 0:
			// q ranks higher among the same cases.
			c.Related = slices.Delete(slices.Clone(c.Related), at, at+1)
			c.Related = insertRelated(c, c.Related, q, sq)
		default:
			// The best are the old best and q.
			c.Related = insertRelated(c, slices.Clone(c.Related), q, sq)
		}
	}
	q.Related = s.relatedOf(q)
}

// weight is what a shared theme (2) or principle (1) counts in a score.
func weight(t *Page) int32 {
	if t.Kind == KindTheme {
		return 2
	}
	return 1
}

// members returns the positions in s.Cases of t's cases.
func members(t *Page) []int32 {
	ids := make([]int32, len(t.Cases))
	for i, c := range t.Cases {
		ids[i] = int32(c.index)
	}
	return ids
}

// shared returns the score of b as a related case of a (relatedCases).
func shared(a, b *Page) int32 {
	var n int32
	for _, t := range a.Themes {
		if slices.Contains(b.Themes, t) {
			n += 2
		}
	}
	for _, p := range a.Principles {
		if slices.Contains(b.Principles, p) {
			n++
		}
	}
	return n
}

// insertRelated puts q, whose score for c is sq, into list (c's related
// cases without q, best first) where relatedCases would rank it, keeping
// at most relatedCount cases.
func insertRelated(c *Page, list []*Page, q *Page, sq int32) []*Page {
	if sq <= 0 {
		return list
	}
	pos := len(list)
	for pos > 0 {
		r := list[pos-1]
		sr := shared(c, r)
		if sq > sr || sq == sr && q.index < r.index {
			pos--
			continue
		}
		break
	}
	if pos >= relatedCount {
		return list
	}
	list = slices.Insert(list, pos, q)
	return list[:min(len(list), relatedCount)]
}

// relatedOf returns c's related cases, as relatedCases finds them.
func (s *Site) relatedOf(c *Page) []*Page {
	score, touched := s.relatedScores(c)
	return s.best(score, touched, int32(c.index), relatedCount)
}

// relatedScores returns every case's score against c, as relatedCases
// counts it (2 for a theme in common, 1 for a principle), and the cases
// that have one.
func (s *Site) relatedScores(c *Page) (score, touched []int32) {
	score = make([]int32, len(s.Cases))
	for _, t := range c.Themes {
		touched = bump(score, touched, members(t), 2)
	}
	for _, p := range c.Principles {
		touched = bump(score, touched, members(p), 1)
	}
	return score, touched
}
