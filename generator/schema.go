package generator

import (
	"html/template"

	"katalog/generator/frontmatter"
	"katalog/generator/markdown"
)

// The front matter of each section, as editors write it. Keys are English,
// values Danish; the `fm` tag is the key. doc.go describes each key.

type caseMatter struct {
	Title        string               `fm:"title"`
	Date         string               `fm:"date"`
	Summary      string               `fm:"summary"`
	Themes       []string             `fm:"themes"`
	Municipality frontmatter.TextList `fm:"municipality"`
	Organisation frontmatter.TextList `fm:"organisation"`
	Principles   []int                `fm:"principles"`
	Sources      []Source             `fm:"sources"`
	Image        *Image               `fm:"image"`
	Draft        bool                 `fm:"draft"`
	Aliases      []string             `fm:"aliases"`
}

type themeMatter struct {
	Title   string   `fm:"title"`
	Summary string   `fm:"summary"`
	Sources []Source `fm:"sources"`
	Draft   bool     `fm:"draft"`
	Aliases []string `fm:"aliases"`
}

type principleMatter struct {
	Number  int      `fm:"number"`
	Title   string   `fm:"title"`
	Summary string   `fm:"summary"`
	Sources []Source `fm:"sources"`
	Draft   bool     `fm:"draft"`
	Aliases []string `fm:"aliases"`
}

type timelineMatter struct {
	Title      string            `fm:"title"`
	Summary    string            `fm:"summary"`
	Milestones []milestoneMatter `fm:"milestones"`
	Sources    []Source          `fm:"sources"`
	Aliases    []string          `fm:"aliases"`
}

type milestoneMatter struct {
	Date  string `fm:"date"`
	Label string `fm:"label"`
	Area  string `fm:"area"`
	Title string `fm:"title"`
	Text  string `fm:"text"`
}

type pageMatter struct {
	Title   string   `fm:"title"`
	Summary string   `fm:"summary"`
	Sources []Source `fm:"sources"`
	Charts  []Chart  `fm:"charts"`
	Contact bool     `fm:"contact"` // show the site's contact details after the text
	Draft   bool     `fm:"draft"`
	Aliases []string `fm:"aliases"`
}

type materialMatter struct {
	Title      string   `fm:"title"`
	Type       string   `fm:"type"`
	Publisher  string   `fm:"publisher"`
	Year       int      `fm:"year"`
	URL        string   `fm:"url"`
	Summary    string   `fm:"summary"`
	Themes     []string `fm:"themes"`
	Principles []int    `fm:"principles"`
	Draft      bool     `fm:"draft"`
	Aliases    []string `fm:"aliases"`
}

type homeMatter struct {
	Title   string   `fm:"title"`
	Summary string   `fm:"summary"`
	Contact *Contact `fm:"contact"`
}

// Contact is who answers for the site: shown in every page's footer and
// where a page asks for it (contact: true). It is kept in the front page's
// front matter, so it can be corrected in one place.
type Contact struct {
	Name    string   `fm:"name"`
	Address []string `fm:"address"` // lines, e.g. ["Studiestræde 50", "1554 København V"]
	Phone   string   `fm:"phone"`   // as it is read out: "33 76 20 00"
	Email   string   `fm:"email"`
}

// Tel is the phone number as a tel: address, with +45 unless it has a
// country code of its own.
func (c *Contact) Tel() template.URL {
	var digits []rune
	for _, r := range c.Phone {
		if r >= '0' && r <= '9' || r == '+' && len(digits) == 0 {
			digits = append(digits, r)
		}
	}
	if len(digits) == 0 {
		return ""
	}
	if digits[0] != '+' {
		return template.URL("tel:+45" + string(digits))
	}
	return template.URL("tel:" + string(digits)) // only digits and +: safe
}

// A Source is a document a page builds on.
type Source struct {
	Title     string `fm:"title"`
	Publisher string `fm:"publisher"`
	Year      int    `fm:"year"`
	URL       string `fm:"url"`
	Material  string `fm:"material"` // the slug of a page under content/materialer/

	Page *Page // the material page Material names, once the site is linked
}

// An Image is a picture with its text alternative.
type Image struct {
	Src string `fm:"src"`
	Alt string `fm:"alt"`

	resized *markdown.Img // the resized versions, set by the build (images.go)
}

// A Chart is a bar chart drawn at build time from front matter data.
type Chart struct {
	ID          string  `fm:"id"`
	Title       string  `fm:"title"`
	Unit        string  `fm:"unit"`
	Description string  `fm:"description"`
	Source      string  `fm:"source"`
	Year        int     `fm:"year"`
	Bars        []Bar   `fm:"bars"`
	SVG         any     // the drawn chart (template.HTML), set by the build
	Max         float64 // the largest value
}

// A Bar is one labelled value of a chart.
type Bar struct {
	Label string  `fm:"label"`
	Value float64 `fm:"value"`
}

// Areas are the campaign's areas of work that milestones belong to, in the
// order the timeline shows them.
var Areas = []struct{ Key, Title string }{
	{"baggrund", "Baggrund"},
	{"pulje", "Pulje til sociale viceværter"},
	{"socialt-beredskab", "Socialt beredskab"},
	{"kompetenceudvikling", "Kompetenceudvikling"},
	{"kampagne", "Kampagne"},
	{"afslutning", "Afslutning"},
}
