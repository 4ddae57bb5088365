package generator

import (
	"html/template"
	"time"

	"katalog/generator/markdown"
)

// Kinds of page. The kind names the layout a page is rendered with:
// layouts/<kind>.html.
const (
	KindHome       = "home"       // content/_index.md → /
	KindCase       = "case"       // content/cases/<slug>.md → /cases/<slug>/
	KindTheme      = "tema"       // content/tema/<slug>.md → /tema/<slug>/
	KindPrinciple  = "princip"    // content/principper/<n>-<slug>.md → /principper/<n>-<slug>/
	KindTimeline   = "tidsplan"   // content/tidsplan.md → /tidsplan/
	KindPage       = "side"       // content/<slug>.md → /<slug>/
	KindMaterial   = "materiale"  // content/materialer/<slug>.md → /materialer/<slug>/
	KindMaterials  = "materialer" // /materialer/
	KindCaseList   = "cases"      // /cases/ (paginated: /cases/side/2/)
	KindThemes     = "temaer"     // /tema/
	KindPrinciples = "principper" // /principper/
	KindMunicipal  = "kommune"    // /kommune/<slug>/, one per municipality named by a case
	KindMunicipals = "kommuner"   // /kommune/
	KindSearch     = "search"     // /soeg/
	KindNotFound   = "404"        // /404.html
)

// A Page is one page of the site, from a content file or made by the build.
type Page struct {
	Kind    string
	File    string // the content file, slash-separated from the site root; "" for made pages
	Slug    string
	URL     string // site path, e.g. /cases/ombold-fodbold/
	Title   string
	Summary string
	Date    time.Time // cases
	Draft   bool

	Content  template.HTML // the rendered body
	Text     string        // the body's visible text
	Headings []markdown.Heading

	Themes         []*Page // cases: the themes they name
	Principles     []*Page // cases: the principles they name
	Municipalities []*Page // cases: their municipality pages
	Organisations  []string
	Sources        []Source
	Image          *Image
	Aliases        []string

	Type      string  // materials: podcast, rapport, værktøj or artikel
	Publisher string  // materials: who published it
	Year      int     // materials: the year it came out, 0 if unknown
	Link      string  // materials: its address, "" if it has none
	Materials []*Page // themes: the materials about them; the materials list: every material
	UsedBy    []*Page // materials: the cases, themes and principles whose sources point to it

	Contact     *Contact // the front page: who answers for the site
	ShowContact bool     // plain pages: show the site's contact details

	Number     int          // principles: 1–7
	Milestones []*Milestone // the timeline
	Charts     []*Chart     // plain pages with figures

	Cases   []*Page // themes, principles, municipalities: the cases that name them, newest first
	Related []*Page // cases: others sharing themes and principles, most shared first
	Prev    *Page   // cases: the next older case
	Next    *Page   // cases: the next newer case

	pendingThemes         []string // as written, resolved when all pages are known
	pendingPrinciples     []int
	pendingMunicipalities []string

	index      int    // cases: position in Site.Cases
	sortKey    []byte // the title's Danish collation key
	head       string // the front matter as written, delimiters included
	usesImages bool   // the body shows images the build resizes
	body       []byte
	bodyLine   int
	lines      map[string]int // front matter key path → file line
}

// line returns the file line of a front matter key, or of the nearest
// enclosing key, or 1.
func (p *Page) line(path string) int {
	for {
		if l, ok := p.lines[path]; ok {
			return l
		}
		if path == "" {
			return 1
		}
		path = parentPath(path)
	}
}

func parentPath(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '.' || p[i] == '[' {
			return p[:i]
		}
	}
	return ""
}

// Section names the part of the site p belongs to, for the main menu:
// "cases" for cases and their list, "principper", "tema", "tidsplan",
// "home", the slug of a plain page, or the kind of the other pages.
func (p *Page) Section() string {
	switch p.Kind {
	case KindCase, KindCaseList:
		return "cases"
	case KindPrinciple, KindPrinciples:
		return "principper"
	case KindTheme, KindThemes:
		return "tema"
	case KindMaterial, KindMaterials:
		return "materialer"
	case KindPage:
		return p.Slug
	}
	return p.Kind
}

// IsCase reports whether p is a case; layouts use it to choose og:type.
func (p *Page) IsCase() bool { return p.Kind == KindCase }

// A Milestone is one entry of the campaign timeline.
type Milestone struct {
	ID          string // anchor on /tidsplan/
	Date        string // as written: 2025-05-16, 2025-10 or 2025-08/2025-09
	Start, End  time.Time
	Label       string
	Area        string
	AreaTitle   string
	Title, Text string
	Status      string // "past", "now" or "coming", against the build date
}

// Exact reports whether the milestone falls on one known day.
func (m *Milestone) Exact() bool { return m.Start.Equal(m.End) }

// TypeName is the Danish name of a material's type ("Rapport"), or of a
// number of them when plural ("Rapporter").
func TypeName(slug string, plural bool) string {
	for _, t := range MaterialTypes {
		if t.Slug == slug {
			if plural {
				return t.Plural
			}
			return t.Title
		}
	}
	return slug
}
