// Package layout loads a site's layouts/ and finds out what they read.
//
// [Load] parses layouts/base.html, layouts/partials/*.html and one
// layouts/<kind>.html for each kind of page into a [Set]: one html/template
// set per kind, each holding the base layout and the partials, named after
// their files, so that an error names the file and line ([Error]).
//
// While it loads them, Load walks their parse trees to find out what they
// read. The preview's Builder (package generator) asks the answers before
// it takes a shortcut, and renders every page when the answer is no:
//
//   - after a body edit it renders that page alone only when [Set.BodyLocal]
//     says no layout shows a page's body on another page;
//   - it keeps pages by signature only when, for every kind with
//     signatures, [Set.Reads] says the layout reads no more of .Site and
//     calls no more functions than a signature covers, and reaches no
//     further from the page than a signature covers.
//
// The walk is syntactic and conservative: what it cannot follow (a
// variable it does not know, .Site handed on whole, a field that leads to
// other pages from where it cannot tell) counts as read. It knows the
// names of the data a layout sees ({{.Site}}, {{.Page}}, {{.Pager}} and
// the fields of a page that lead to other pages); the template functions
// it knows only by name. The package does not import generator.
package layout

import (
	"errors"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"

	"katalog/internal/diag"
)

// Base is the page skeleton every page is executed from.
const Base = "layouts/base.html"

// A Set is a site's parsed layouts and what they read. Nothing changes it
// once it is loaded; it may be used by many goroutines at once.
type Set struct {
	common *template.Template            // base and partials
	kinds  map[string]*template.Template // by kind: a clone of common and the kind's layout
	body   bool                          // BodyLocal
	reads  map[string]Reads              // by kind
}

// Load parses layouts/ in fsys: base.html, partials/*.html and
// layouts/<kind>.html for each of kinds that has one (a missing layout is
// an error only when a page of its kind is rendered). funcs are the
// template functions; they are not called while loading. Load returns the
// errors of every file it could not read or parse; when base.html or a
// partial has one, the set has no kinds.
func Load(fsys fs.FS, kinds []string, funcs template.FuncMap) (*Set, diag.List) {
	var errs diag.List
	read := func(name string) string {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs.Add(name, 0, "skabelonen mangler eller kan ikke læses")
		}
		return string(b)
	}
	common := template.New("").Funcs(funcs)
	if _, err := common.New(Base).Parse(read(Base)); err != nil {
		errs = append(errs, Error(err))
	}
	partials, _ := fs.Glob(fsys, "layouts/partials/*.html")
	for _, p := range partials {
		if _, err := common.New(p).Parse(read(p)); err != nil {
			errs = append(errs, Error(err))
		}
	}
	s := &Set{common: common, kinds: map[string]*template.Template{}}
	if len(errs) > 0 {
		s.common = nil
		s.analyse()
		return s, errs
	}
	for _, k := range kinds {
		name := "layouts/" + k + ".html"
		if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		c := template.Must(common.Clone())
		if _, err := c.New(name).Parse(read(name)); err != nil {
			errs = append(errs, Error(err))
			continue
		}
		s.kinds[k] = c
	}
	s.analyse()
	return s, errs
}

// Kind returns the layouts for pages of kind, to be executed from [Base],
// or nil when the site has no layout for it.
func (s *Set) Kind(kind string) *template.Template {
	if s == nil {
		return nil
	}
	return s.kinds[kind]
}

// Common returns the base layout and the partials, without any kind's
// layout: for what a page shows of another (a case's card) and for
// partials rendered once for many pages.
func (s *Set) Common() *template.Template {
	if s == nil {
		return nil
	}
	return s.common
}

var errRe = regexp.MustCompile(`^template: (layouts/[^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// Error turns an html/template error, from parsing or executing a layout,
// into an error at the layout's file and line.
func Error(err error) *diag.Error {
	msg := err.Error()
	if m := errRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return &diag.Error{File: m[1], Line: line, Col: col, Msg: "fejl i skabelonen: " + m[4], Err: err}
	}
	return &diag.Error{File: "layouts", Msg: "fejl i skabelonen: " + msg, Err: err}
}
