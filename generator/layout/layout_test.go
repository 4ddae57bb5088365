package layout

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// testFuncs stand for the site's template functions: Load only needs their
// names.
var testFuncs = template.FuncMap{}

func init() {
	for _, name := range []string{"asset", "url", "absURL", "jsonld", "milestones", "chart", "card", "cards",
		"partialCached", "date", "typeName", "materialTypes", "isoDate", "add", "number", "areas"} {
		testFuncs[name] = func(...any) any { return nil }
	}
}

var testKinds = []string{"home", "case", "tema"}

// site returns layouts: a base that runs "main", a card partial, and
// files, which may replace them.
func site(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"layouts/base.html":          {Data: []byte(`<title>{{.Page.Title}}</title>{{template "main" .}}`)},
		"layouts/partials/card.html": {Data: []byte(`{{define "card"}}<a href="{{.URL}}">{{.Title}}</a>{{end}}`)},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func load(t *testing.T, files map[string]string) *Set {
	t.Helper()
	s, errs := Load(site(files), testKinds, testFuncs)
	if len(errs) > 0 {
		t.Fatal(errs.Err())
	}
	return s
}

func TestLoad(t *testing.T) {
	s := load(t, map[string]string{"layouts/case.html": `{{define "main"}}{{.Page.Title}}{{end}}`})
	if s.Kind("case") == nil || s.Kind("case").Lookup("main") == nil {
		t.Error(`Kind("case") has no "main"`)
	}
	if s.Kind("tema") != nil {
		t.Error(`Kind("tema") is not nil without layouts/tema.html`)
	}
	if s.Common().Lookup("card") == nil || s.Common().Lookup("main") != nil {
		t.Error("Common() should hold the partials and no kind's layout")
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"layouts/case.html": "{{define \"main\"}}\n{{.Page.Title}\n{{end}}"},
			`layouts/case.html:2: fejl i skabelonen: bad character U+007D '}'`},
		{map[string]string{"layouts/case.html": `{{define "main"}}{{nofunc .}}{{end}}`},
			`layouts/case.html:1: fejl i skabelonen: function "nofunc" not defined`},
		{map[string]string{"layouts/partials/card.html": "\n\n{{if}}"},
			`layouts/partials/card.html:3: fejl i skabelonen: missing value for if`},
	} {
		s, errs := Load(site(tt.files), testKinds, testFuncs)
		if got := errs.Err(); got == nil || got.Error() != tt.want {
			t.Errorf("Load with %q: errors %v, want %s", tt.files, got, tt.want)
		}
		if s.Kind("case") != nil {
			t.Errorf("Load with %q: a case layout despite the error", tt.files)
		}
	}
	fsys := site(nil)
	delete(fsys, "layouts/base.html")
	if _, errs := Load(fsys, testKinds, testFuncs); errs.Err() == nil || errs.Err().Error() != "layouts/base.html: skabelonen mangler eller kan ikke læses" {
		t.Errorf("Load without base.html: %v", errs.Err())
	}
}

func TestBodyLocal(t *testing.T) {
	for _, tt := range []struct {
		file, layout string
		local        bool
	}{
		{"layouts/case.html", `{{define "main"}}{{.Page.Content}}{{len .Page.Text}}{{range .Page.Headings}}{{.}}{{end}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{$.Page.Content}}{{with .Page}}{{.Title}}{{end}}{{end}}`, true},
		{"layouts/tema.html", `{{define "main"}}{{range .Page.Cases}}{{.Content}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{with .Page}}{{.Content}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{$p := .Page}}{{$p.Content}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{range .Page.Related}}{{len .Text}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{.Page.Prev.Content}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{(.Page.Prev).Headings}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{range .Page.Milestones}}{{.Text}}{{with .Text}}{{.}}{{end}}{{end}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{range milestones ""}}{{.Text}}{{end}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{range .Page.Related}}{{with .Text}}{{.}}{{end}}{{end}}{{end}}`, false},
		{"layouts/partials/card.html", `{{define "card"}}{{.Title}}{{.Content}}{{end}}`, false},
		{"layouts/partials/card.html", `{{define "card"}}{{.Title}}{{end}}{{define "x"}}{{template "y" .Page.Prev.Text}}{{end}}`, false},
	} {
		s := load(t, map[string]string{tt.file: tt.layout})
		if got := s.BodyLocal(); got != tt.local {
			t.Errorf("%s %s: BodyLocal() = %v, want %v", tt.file, tt.layout, got, tt.local)
		}
	}
}

func TestReadsSite(t *testing.T) {
	for _, tt := range []struct {
		layout  string
		site    string // the fields of .Site read
		allSite bool
		funcs   string
	}{
		{`{{.Site.Title}}{{range $.Site.Themes}}{{.Title}}{{end}}`, "Themes Title", false, ""},
		{`{{with .Site}}{{.Title}}{{end}}`, "", true, ""},
		{`{{template "x" .Site}}{{end}}{{define "x"}}{{.Title}}`, "", true, ""},
		{`{{$s := $.Site}}{{$s.Title}}`, "", true, ""},
		{`{{$r := $}}{{range $r.Site.Cases}}{{.Title}}{{end}}`, "Cases", false, ""},
		{`{{(.).Site.Pages}}`, "Pages", false, ""},
		{`{{len .Site.Cases}}{{range milestones "now"}}{{date .Date}}{{end}}`, "Cases", false, "date len milestones"},
	} {
		s := load(t, map[string]string{"layouts/case.html": `{{define "main"}}` + tt.layout + `{{end}}`})
		r, ok := s.Reads("case")
		if !ok {
			t.Fatalf(`%s: Reads("case") not ok`, tt.layout)
		}
		if got := strings.Join(r.Site, " "); got != tt.site || r.AllSite != tt.allSite {
			t.Errorf("%s: Site = %q, AllSite = %v, want %q, %v", tt.layout, got, r.AllSite, tt.site, tt.allSite)
		}
		if got := strings.Join(r.Funcs, " "); got != tt.funcs {
			t.Errorf("%s: Funcs = %q, want %q", tt.layout, got, tt.funcs)
		}
	}
	if _, ok := load(t, nil).Reads("tema"); ok {
		t.Error(`Reads("tema") is ok without layouts/tema.html`)
	}
}

// TestPagesCovered checks which layouts read only what signatures cover.
func TestPagesCovered(t *testing.T) {
	for _, tt := range []struct {
		file, layout string
		covered      bool
	}{
		{"layouts/tema.html", `{{define "main"}}{{.Page.Title}}{{range .Pager.Cases}}{{.Title}}{{range .Themes}}{{.Title}}{{end}}{{end}}{{len .Page.Cases}}{{if .Page.Cases}}x{{end}}{{end}}`, true},
		{"layouts/tema.html", `{{define "main"}}{{range .Page.Cases}}{{.Title}}{{end}}{{end}}`, false},
		{"layouts/tema.html", `{{define "main"}}{{with .Page.Cases}}{{len .}}{{end}}{{end}}`, false},
		{"layouts/tema.html", `{{define "main"}}{{$c := .Page.Cases}}{{range $c}}{{.Title}}{{end}}{{end}}`, false},
		{"layouts/tema.html", `{{define "main"}}{{.Page.Cases}}{{end}}`, false},
		{"layouts/tema.html", `{{define "main"}}{{cards .Pager.Cases}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{with .Page.Prev}}{{.Title}}{{end}}{{range .Page.Related}}{{.Title}}{{range $i, $t := .Themes}}{{$t.Slug}}{{end}}{{end}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{.Page.Prev.Prev.Title}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{with .Page.Prev}}{{.Prev.Title}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{range .Page.Themes}}{{range .Cases}}{{.Title}}{{end}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{range .Page.Related}}{{.Related}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{template "x" .Page}}{{end}}{{define "x"}}{{range .Themes}}{{len .Cases}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{template "x" .Pager}}{{end}}{{define "x"}}{{.Prev}}{{.Next}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{with $p := .Page}}{{$p.Next.Cases}}{{end}}{{end}}`, false},
		{"layouts/case.html", `{{define "main"}}{{card .Page.Prev}}{{end}}`, true},
		{"layouts/case.html", `{{define "main"}}{{card .Page.Prev}}{{end}}{{define "card"}}{{range .Cases}}{{.Title}}{{end}}{{end}}`, false},
	} {
		kind := strings.TrimSuffix(strings.TrimPrefix(tt.file, "layouts/"), ".html")
		s := load(t, map[string]string{tt.file: tt.layout})
		r, ok := s.Reads(kind)
		if !ok {
			t.Fatalf("%s: Reads(%q) not ok", tt.layout, kind)
		}
		if r.PagesCovered != tt.covered {
			t.Errorf("%s %s: PagesCovered = %v, want %v", tt.file, tt.layout, r.PagesCovered, tt.covered)
		}
	}
}
