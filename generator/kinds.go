package generator

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// A pageKind is one sort of page: where its files live, its address, its
// layout, whether it lists cases, how search labels it and whether
// `katalog new` starts one. Every stage reads the kinds from the one table,
// kinds, so a new kind of page is a row here, a layout, a front matter
// struct in schema.go and its tests.
type pageKind struct {
	name string // the kind, and its layout: layouts/<name>.html
	file string // the one content file of a single page: "content/_index.md"
	dir  string // the folder whose .md files are pages of this kind: "content/cases/"
	url  string // the address; %s stands for the page's slug

	lists  bool   // its pages list cases, PageSize to a page: /cases/side/2/
	signed bool   // the preview can tell from a signature whether a page changed (signature.go)
	search string // the search index's type facet: "case"; "" keeps it out of the index
	label  string // the type facet's Danish name
	new    string // what `katalog new` calls it; "" when new does not start one

	// Pages the build makes itself have their title and summary here.
	title, summary string
}

// kinds are the kinds of page, in the order the layouts are read.
var kinds = []pageKind{
	{name: KindHome, file: "content/_index.md", url: "/"},
	{name: KindCase, dir: "content/cases/", url: "/cases/%s/", signed: true, search: "case", label: "Case", new: "case"},
	{name: KindTheme, dir: "content/tema/", url: "/tema/%s/", lists: true, signed: true, search: "tema", label: "Tema", new: "tema"},
	{name: KindPrinciple, dir: "content/principper/", url: "/principper/%s/", lists: true, signed: true, search: "princip", label: "Princip"},
	{name: KindTimeline, file: "content/tidsplan.md", url: "/tidsplan/", search: "side", label: "Side"},
	{name: KindPage, dir: "content/", url: "/%s/", search: "side", label: "Side", new: "side"},
	{name: KindMaterial, dir: "content/materialer/", url: "/materialer/%s/", search: "materiale", label: "Materiale", new: "materiale"},
	{name: KindCaseList, url: "/cases/", lists: true, signed: true,
		title: "Cases", summary: "Reportager og cases fra kommuner og civilsamfundet."},
	{name: KindThemes, url: "/tema/", title: "Temaer", summary: "Kataloget ordnet efter tema."},
	{name: KindPrinciples, url: "/principper/",
		title: "De syv principper for god støtte", summary: "Syv principper for god støtte, formuleret af mennesker med hjemløshedserfaring."},
	{name: KindMunicipal, url: "/kommune/%s/", lists: true, signed: true}, // one per municipality a case names
	{name: KindMaterials, url: "/materialer/", title: "Materialer",
		summary: "Rapporter, podcasts, værktøjer og artikler, som kataloget bygger på eller henviser til."},
	{name: KindMunicipals, url: "/kommune/", title: "Kommuner", summary: "Kataloget ordnet efter kommune."},
	{name: KindSearch, url: "/soeg/", title: "Søg i kataloget", summary: "Søg i cases, principper, temaer og tidsplan."},
	{name: KindNotFound, url: "/404.html", title: "Siden findes ikke"},
}

// kindByName finds a kind in the table.
var kindByName = func() map[string]*pageKind {
	m := map[string]*pageKind{}
	for i := range kinds {
		m[kinds[i].name] = &kinds[i]
	}
	return m
}()

// made reports whether the build makes the kind's pages itself, from no
// file of their own.
func (k *pageKind) made() bool { return k.file == "" && k.dir == "" }

// pageURL is the address of the kind's page with this slug.
func (k *pageKind) pageURL(slug string) string {
	if strings.Contains(k.url, "%s") {
		return fmt.Sprintf(k.url, slug)
	}
	return k.url
}

// outFile is the file a page at url is written to: /cases/x/ →
// cases/x/index.html, /404.html → 404.html.
func outFile(url string) string {
	if path.Ext(url) == ".html" {
		return strings.TrimPrefix(url, "/")
	}
	return strings.TrimPrefix(url, "/") + "index.html"
}

// kindOfFile returns the kind of a markdown file under content/ and its
// slug, or nil when no kind has pages there.
func kindOfFile(file string) (*pageKind, string) {
	for i := range kinds {
		if k := &kinds[i]; k.file == file {
			return k, ""
		}
	}
	dir, name := path.Split(file)
	for i := range kinds {
		if k := &kinds[i]; k.dir != "" && k.dir == dir {
			return k, strings.TrimSuffix(name, ".md")
		}
	}
	return nil, ""
}

// contentDirs lists the folders that hold pages, for messages.
func contentDirs() string {
	var dirs []string
	for _, k := range kinds {
		if k.dir != "" {
			dirs = append(dirs, k.dir)
		}
	}
	slices.SortStableFunc(dirs, func(a, b string) int { return strings.Count(a, "/") - strings.Count(b, "/") })
	last := len(dirs) - 1
	return strings.Join(dirs[:last], ", ") + " eller " + dirs[last]
}

// extraReserved are first path segments the site uses besides its pages'.
var extraReserved = []string{"assets", "feed", "_katalog", "_index"}

// Reserved reports whether a plain page with this slug would take an
// address the site uses itself: the first segment of another kind's
// address, a single page's file name, or one of the site's own folders.
func Reserved(slug string) bool {
	for _, k := range kinds {
		if k.name == KindPage {
			continue
		}
		if first, _, _ := strings.Cut(strings.TrimPrefix(k.url, "/"), "/"); first == slug {
			return true
		}
		if k.file != "" && strings.TrimSuffix(path.Base(k.file), ".md") == slug {
			return true
		}
	}
	for _, r := range extraReserved {
		if r == slug {
			return true
		}
	}
	return false
}

// A NewKind is a kind of page `katalog new` can start.
type NewKind struct {
	Name     string // case, tema, side: also the template skabeloner/<Name>.md
	Dir      string // where the file goes, "content/cases"
	Prefix   string // the address before the slug, "/cases/"
	Reserved func(slug string) bool
}

// NewKinds returns the kinds of page `katalog new` can start, by name.
func NewKinds() map[string]NewKind {
	m := map[string]NewKind{}
	for _, k := range kinds {
		if k.new == "" {
			continue
		}
		nk := NewKind{Name: k.new, Dir: strings.TrimSuffix(k.dir, "/"), Prefix: strings.TrimSuffix(k.url, "%s/"),
			Reserved: func(string) bool { return false }}
		if k.name == KindPage {
			nk.Reserved = Reserved
		}
		m[k.new] = nk
	}
	return m
}
