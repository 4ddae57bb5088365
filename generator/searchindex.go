package generator

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"katalog/generator/search"
)

// A milestone of the timeline is a search result of its own kind.
const milestoneKind, milestoneLabel = "milepael", "Milepæl"

// A FacetCount is a facet value with the number of documents that have it,
// for the search page without JavaScript.
type FacetCount struct {
	Name, Slug, Label string
	Count             int
}

// searchDocuments returns what the search index holds: every published
// page with text of its own, and each milestone of the timeline.
func (s *Site) searchDocuments() []search.Document {
	var docs []search.Document
	add := func(p *Page, k *pageKind) {
		d := search.Document{URL: p.URL, Title: p.Title, Kind: k.search, KindLabel: k.label, Summary: p.Summary, Body: p.Text}
		for _, h := range p.Headings {
			d.Headings = append(d.Headings, h.Text)
		}
		if !p.Date.IsZero() {
			d.Date = isoDate(p.Date)
		}
		for _, t := range p.Themes {
			d.Facets = append(d.Facets, search.Facet{Name: "tema", Slug: t.Slug, Label: t.Title})
		}
		for _, m := range p.Municipalities {
			d.Facets = append(d.Facets, search.Facet{Name: "kommune", Slug: m.Slug, Label: m.Title})
		}
		for _, pr := range p.Principles {
			d.Facets = append(d.Facets, search.Facet{Name: "princip", Slug: strconv.Itoa(pr.Number), Label: fmt.Sprintf("%d. %s", pr.Number, pr.Title)})
		}
		if p.Kind == KindPrinciple {
			d.Facets = append(d.Facets, search.Facet{Name: "princip", Slug: strconv.Itoa(p.Number), Label: fmt.Sprintf("%d. %s", p.Number, p.Title)})
		}
		if p.Kind == KindTheme {
			d.Facets = append(d.Facets, search.Facet{Name: "tema", Slug: p.Slug, Label: p.Title})
		}
		docs = append(docs, d)
	}
	for _, p := range s.all {
		if k := kindByName[p.Kind]; k.search != "" {
			add(p, k)
		}
	}
	if s.Timeline != nil {
		for _, m := range s.Timeline.Milestones {
			d := search.Document{URL: s.Timeline.URL + "#" + m.ID, Title: m.Title, Kind: milestoneKind, KindLabel: milestoneLabel,
				Summary: m.Label + " · " + m.AreaTitle, Body: m.Text}
			if m.Exact() {
				d.Date = isoDate(m.Start)
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// facetCounts counts the facet values of docs, in the order the search
// page lists them: kind, theme, municipality, principle.
func facetCounts(docs []search.Document) []FacetCount {
	counts := map[search.Facet]int{}
	for _, d := range docs {
		counts[search.Facet{Name: "type", Slug: d.Kind, Label: d.KindLabel}]++
		for _, f := range d.Facets {
			counts[f]++
		}
	}
	order := map[string]int{"type": 0, "tema": 1, "kommune": 2, "princip": 3}
	out := make([]FacetCount, 0, len(counts))
	for f, n := range counts {
		out = append(out, FacetCount{Name: f.Name, Slug: f.Slug, Label: f.Label, Count: n})
	}
	slices.SortFunc(out, func(a, b FacetCount) int {
		if c := cmp.Compare(order[a.Name], order[b.Name]); c != 0 || a.Name != "princip" {
			return cmp.Or(c, cmp.Compare(a.Label, b.Label))
		}
		na, _ := strconv.Atoi(a.Slug)
		nb, _ := strconv.Atoi(b.Slug)
		return cmp.Compare(na, nb)
	})
	return out
}

// writeSearch writes the search index under soeg/data/ and returns the
// URL of its entry file.
func (s *Site) writeSearch(ctx context.Context, put func(string, []byte) error, cache *search.Cache) (entry string, facets []FacetCount, err error) {
	docs := s.searchDocuments()
	files, entry, err := search.BuildContext(ctx, docs, cache)
	if err != nil {
		return "", nil, fmt.Errorf("søgeindeks: %w", err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := ctx.Err(); err != nil {
			return "", nil, err
		}
		if err := put("soeg/data/"+name, files[name]); err != nil {
			return "", nil, err
		}
	}
	return s.base + "soeg/data/" + entry, facetCounts(docs), nil
}
