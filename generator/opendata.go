package generator

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The open data: every published case, and every material, as JSON for
// programs and as CSV for spreadsheets, under /data/. The content page
// content/data.md ("Data og genbrug") explains the fields; the JSON shape
// is pinned by testdata/opendata/cases.json.golden.
//
// The CSV files are written for Danish Excel: UTF-8 with a byte order mark
// (else Excel reads them as Windows-1252 and breaks æ, ø and å), ";" as
// the separator (Danish Excel's list separator, since "," is the decimal
// comma) and CRLF line ends. A list in a cell is joined by ", "; sources,
// whose titles hold commas themselves, by " | ".

// Paths of the open data files.
const (
	casesJSON     = "data/cases.json"
	casesCSV      = "data/cases.csv"
	materialsJSON = "data/materialer.json"
	materialsCSV  = "data/materialer.csv"
)

// openDataFiles returns the output paths of the open data files the site
// writes: the cases' always, the materials' when there are materials.
func (s *Site) openDataFiles() []string {
	files := []string{casesJSON, casesCSV}
	if len(s.Materials) > 0 {
		files = append(files, materialsJSON, materialsCSV)
	}
	return files
}

// openCases is /data/cases.json.
type openCases struct {
	Title         string     `json:"title"`
	Publisher     string     `json:"publisher"`
	Documentation string     `json:"documentation"` // the page that explains the fields, "" if the site has none
	Updated       string     `json:"updated"`       // the newest case's date, "" with no cases
	Count         int        `json:"count"`
	Cases         []openCase `json:"cases"`
}

// An openCase is one case in /data/cases.json.
type openCase struct {
	Title          string          `json:"title"`
	URL            string          `json:"url"`
	Date           string          `json:"date"`
	Summary        string          `json:"summary"`
	Themes         []openTerm      `json:"themes"`
	Municipalities []openTerm      `json:"municipalities"`
	Organisations  []string        `json:"organisations"`
	Principles     []openPrinciple `json:"principles"`
	Sources        []openSource    `json:"sources"`
	Text           string          `json:"text"`
}

// openMaterials is /data/materialer.json.
type openMaterials struct {
	Title         string         `json:"title"`
	Publisher     string         `json:"publisher"`
	Documentation string         `json:"documentation"`
	Count         int            `json:"count"`
	Materials     []openMaterial `json:"materials"`
}

// An openMaterial is one material in /data/materialer.json.
type openMaterial struct {
	Title      string          `json:"title"`
	URL        string          `json:"url"`
	Type       string          `json:"type"`
	Publisher  string          `json:"publisher"`
	Year       *int            `json:"year"` // null when unknown
	Link       string          `json:"link"` // the material's own address, "" if it has none
	Summary    string          `json:"summary"`
	Themes     []openTerm      `json:"themes"`
	Principles []openPrinciple `json:"principles"`
	Text       string          `json:"text"`
}

type openTerm struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type openPrinciple struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
	URL    string `json:"url"`
}

type openSource struct {
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Year      *int   `json:"year"`     // null when unknown
	URL       string `json:"url"`      // "" if it has none
	Material  string `json:"material"` // the material's page on the site, "" if none
}

// publisher is who publishes the catalogue.
const publisher = "BL – Danmarks Almene Boliger"

// writeOpenData adds the open data files to out. The cases hold the plain
// text of their bodies, so the preview writes them again after an edit of
// a body alone (patch.go), encoding only the pages it changed.
func (s *Site) writeOpenData(out Output) {
	head, pages := s.openCases()
	out[casesJSON], out[casesCSV] = s.openFiles(head, "cases", casesColumns, pages, func(p *Page) (any, []string) {
		c := s.openCase(p)
		return c, c.row()
	})
	if len(s.Materials) > 0 {
		head, pages := s.openMaterials()
		out[materialsJSON], out[materialsCSV] = s.openFiles(head, "materials", materialsColumns, pages, func(p *Page) (any, []string) {
			m := s.openMaterial(p)
			return m, m.row()
		})
	}
}

// An openRecord is a page as one element of an open data file's list, in
// JSON and as a CSV row.
type openRecord struct{ json, csv []byte }

// openFiles returns an open data file as JSON and as CSV: the JSON is head
// with the records of pages, one a line, in its (empty) list named list;
// the CSV is the columns and a row for each page. record returns a page's
// record and row. Records are encoded in parallel. A preview's site keeps
// each page's record in s.records for the next time, until forgetRecords:
// with 10,000 cases the files are tens of megabytes, and a body edit in
// the preview encodes one. A one-time build keeps nothing and encodes the
// records a chunk at a time straight into the files, so that it never
// holds all the records beside the files.
func (s *Site) openFiles(head any, list string, columns []string, pages []*Page, record func(*Page) (any, []string)) (jsonData, csvData []byte) {
	h := marshalIndent(head) // ends in `"list": []`, a line end and "}"
	empty := []byte(`"` + list + `": []`)
	end := bytes.LastIndex(h, empty) + len(empty) - 1 // at "]"
	header := table([][]string{columns})
	var j, c bytes.Buffer
	j.Write(h[:end])
	c.Write(header)
	chunk := len(pages)
	if s.bodies == nil {
		chunk = openChunk
	}
	for start := 0; start < len(pages); start += chunk {
		recs := s.openRecords(pages[start:min(start+chunk, len(pages))], record)
		if start == 0 { // size the files by their first chunk
			var js, cs int
			for _, r := range recs {
				js, cs = js+len(r.json)+6, cs+len(r.csv)
			}
			j.Grow(len(h) + js*len(pages)/len(recs))
			c.Grow(cs * len(pages) / len(recs))
		}
		for i, r := range recs {
			if start+i > 0 {
				j.WriteByte(',')
			}
			j.WriteString("\n    ")
			j.Write(r.json)
			c.Write(r.csv)
		}
	}
	if len(pages) > 0 {
		j.WriteString("\n  ")
	}
	j.Write(h[end:])
	return j.Bytes(), c.Bytes()
}

// openChunk is how many records a one-time build encodes at a time.
const openChunk = 512

// openRecords returns the records of pages, taken from s.records where a
// preview's site has them and encoded in parallel where not.
func (s *Site) openRecords(pages []*Page, record func(*Page) (any, []string)) []openRecord {
	recs := make([]openRecord, len(pages))
	var todo []int
	s.recordsMu.Lock()
	for i, p := range pages {
		if r, ok := s.records[p]; ok {
			recs[i] = r
		} else {
			todo = append(todo, i)
		}
	}
	s.recordsMu.Unlock()
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(todo); k += workers {
				i := todo[k]
				v, row := record(pages[i])
				recs[i] = openRecord{json: compactJSON(v), csv: table([][]string{row})[len(bom):]}
			}
		})
	}
	wg.Wait()
	if s.bodies != nil { // a preview's site, which a body edit may patch
		s.recordsMu.Lock()
		if s.records == nil {
			s.records = map[*Page]openRecord{}
		}
		for _, i := range todo {
			s.records[pages[i]] = recs[i]
		}
		s.recordsMu.Unlock()
	}
	return recs
}

// forgetRecords drops the encoded open data records of pages whose bodies
// changed.
func (s *Site) forgetRecords(pages []*Page) {
	s.recordsMu.Lock()
	for _, p := range pages {
		delete(s.records, p)
	}
	s.recordsMu.Unlock()
}

// documentation is the address of the page that explains the open data,
// if the site has it.
func (s *Site) documentation() string {
	if s.byURL["/data/"] == nil {
		return ""
	}
	return s.absURL("/data/")
}

// newestPublished returns the date of the newest case that is not a
// draft, and false if there is none.
func (s *Site) newestPublished() (time.Time, bool) {
	for _, c := range s.Cases {
		if !c.Draft {
			return c.Date, true
		}
	}
	return time.Time{}, false
}

// openCases returns the head of /data/cases.json, its list empty, and the
// cases to list: every case but drafts, newest first.
func (s *Site) openCases() (openCases, []*Page) {
	d := openCases{Title: s.Title + " – cases", Publisher: publisher, Documentation: s.documentation(), Cases: []openCase{}}
	if t, ok := s.newestPublished(); ok {
		d.Updated = t.Format(time.DateOnly)
	}
	var pages []*Page
	for _, c := range s.Cases {
		if !c.Draft {
			pages = append(pages, c)
		}
	}
	d.Count = len(pages)
	return d, pages
}

func (s *Site) openCase(c *Page) openCase {
	oc := openCase{
		Title: c.Title, URL: s.absURL(c.URL), Date: c.Date.Format(time.DateOnly), Summary: c.Summary,
		Themes: s.openTerms(c.Themes), Municipalities: s.openTerms(c.Municipalities),
		Organisations: append([]string{}, c.Organisations...), Principles: s.openPrinciples(c.Principles),
		Sources: []openSource{}, Text: c.Text,
	}
	for _, src := range c.Sources {
		o := openSource{Title: src.Title, Publisher: src.Publisher, Year: year(src.Year), URL: src.URL}
		if src.Page != nil {
			o.Material = s.absURL(src.Page.URL)
		}
		oc.Sources = append(oc.Sources, o)
	}
	return oc
}

// openMaterials returns the head of /data/materialer.json, its list
// empty, and the materials to list, by title.
func (s *Site) openMaterials() (openMaterials, []*Page) {
	d := openMaterials{Title: s.Title + " – materialer", Publisher: publisher, Documentation: s.documentation(), Materials: []openMaterial{}}
	var pages []*Page
	for _, m := range s.Materials {
		if !m.Draft {
			pages = append(pages, m)
		}
	}
	d.Count = len(pages)
	return d, pages
}

func (s *Site) openMaterial(m *Page) openMaterial {
	return openMaterial{
		Title: m.Title, URL: s.absURL(m.URL), Type: m.Type, Publisher: m.Publisher, Year: year(m.Year),
		Link: m.Link, Summary: m.Summary, Themes: s.openTerms(m.Themes), Principles: s.openPrinciples(m.Principles), Text: m.Text,
	}
}

func (s *Site) openTerms(pages []*Page) []openTerm {
	terms := []openTerm{}
	for _, p := range pages {
		terms = append(terms, openTerm{Title: p.Title, URL: s.absURL(p.URL)})
	}
	return terms
}

func (s *Site) openPrinciples(pages []*Page) []openPrinciple {
	ps := []openPrinciple{}
	for _, p := range pages {
		ps = append(ps, openPrinciple{Number: p.Number, Title: p.Title, URL: s.absURL(p.URL)})
	}
	return ps
}

func year(y int) *int {
	if y == 0 {
		return nil
	}
	return &y
}

// marshalIndent returns v as indented JSON with a final newline. Struct
// fields keep their order, so the same site gives the same bytes.
func marshalIndent(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, numbers and slices of them
	}
	return b.Bytes()
}

// compactJSON returns v as JSON on one line.
func compactJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// bom is the UTF-8 byte order mark, by which Excel knows a CSV file is UTF-8.
const bom = "\uFEFF"

// table returns rows as CSV for Danish Excel: the byte order mark, ";"
// between cells and CRLF line ends.
func table(rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.UseCRLF = true
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

// casesColumns are the columns of /data/cases.csv: the JSON fields in
// Danish.
var casesColumns = []string{"Titel", "Adresse", "Dato", "Resumé", "Temaer", "Kommuner", "Organisationer", "Principper", "Kilder", "Tekst"}

// row is the case's row in /data/cases.csv.
func (c openCase) row() []string {
	var sources []string
	for _, src := range c.Sources {
		sources = append(sources, sourceCell(src))
	}
	return []string{c.Title, c.URL, c.Date, c.Summary, termCell(c.Themes), termCell(c.Municipalities),
		strings.Join(c.Organisations, ", "), principleCell(c.Principles), strings.Join(sources, " | "), c.Text}
}

// materialsColumns are the columns of /data/materialer.csv.
var materialsColumns = []string{"Titel", "Adresse", "Type", "Udgiver", "År", "Link", "Resumé", "Temaer", "Principper", "Tekst"}

// row is the material's row in /data/materialer.csv.
func (m openMaterial) row() []string {
	yr := ""
	if m.Year != nil {
		yr = strconv.Itoa(*m.Year)
	}
	return []string{m.Title, m.URL, TypeName(m.Type, false), m.Publisher, yr, m.Link, m.Summary,
		termCell(m.Themes), principleCell(m.Principles), m.Text}
}

func termCell(terms []openTerm) string {
	var names []string
	for _, t := range terms {
		names = append(names, t.Title)
	}
	return strings.Join(names, ", ")
}

func principleCell(ps []openPrinciple) string {
	var names []string
	for _, p := range ps {
		names = append(names, fmt.Sprintf("%d. %s", p.Number, p.Title))
	}
	return strings.Join(names, ", ")
}

// sourceCell writes a source as "Titel (Udgiver, 2023): https://…".
func sourceCell(src openSource) string {
	var about []string
	if src.Publisher != "" {
		about = append(about, src.Publisher)
	}
	if src.Year != nil {
		about = append(about, strconv.Itoa(*src.Year))
	}
	cell := src.Title
	if len(about) > 0 {
		cell += " (" + strings.Join(about, ", ") + ")"
	}
	if link := cmp.Or(src.URL, src.Material); link != "" {
		cell += ": " + link
	}
	return cell
}
