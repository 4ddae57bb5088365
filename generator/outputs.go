package generator

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"katalog/generator/assets"
)

// Every file a build writes has one source: a page, an old address
// (alias), a static file under content/, or the site itself (lists, feeds,
// assets, the search index). checkOutputs makes sure no two of them land
// on the same file, and no file where another needs a folder, before
// anything is written, so that nothing replaces a page silently.

// ownFolders are the folders the site fills itself; no static file or old
// address may lie in them.
var ownFolders = []string{"assets/", "soeg/data/", "_katalog/"}

// An origin is where an output file comes from.
type origin struct {
	file string // content file, "" for the site itself
	line int
	kind string // "page", "alias" or "static"
	url  string // the old address, for an alias
}

// subject names o as the cause of a problem.
func (o origin) subject() string {
	switch o.kind {
	case "alias":
		return "den gamle adresse " + o.url
	case "static":
		return "filen"
	}
	return "siden"
}

// object names o as what a cause runs into.
func (o origin) object() string {
	switch {
	case o.file == "":
		return "en fil, sitet selv laver"
	case o.kind == "alias":
		return fmt.Sprintf("den gamle adresse %s i %s:%d", o.url, o.file, o.line)
	case o.kind == "static":
		return "filen " + o.file
	}
	return "siden fra " + o.file
}

// checkOutputs reports every output file claimed twice, or claimed as a
// file and as a folder, at the source that caused it.
func (s *Site) checkOutputs(jobs []job, set *assets.Set) errorList {
	var errs errorList
	files := map[string]origin{}   // output file → its source
	folders := map[string]string{} // output folder → a file in it
	add := func(name string, o origin) {
		clash := name
		other, taken := files[name]
		if !taken {
			if inside, ok := folders[name]; ok {
				other, taken, clash = files[inside], true, inside
			}
		}
		for dir := path.Dir(name); !taken && dir != "."; dir = path.Dir(dir) {
			other, taken, clash = files[dir], files[dir].kind != "", dir
		}
		if taken {
			at, by := o, other
			if at.file == "" { // the later one is the site's own: report at the other
				at, by = other, o
			}
			advice := "giv siden et andet filnavn"
			switch at.kind {
			case "static":
				advice = "giv filen et andet navn, eller læg den i en anden mappe"
			case "alias":
				advice = "slet den gamle adresse, eller ret den"
			}
			errs.Add(at.file, at.line, "%s støder sammen med %s: begge skal skrives til /%s (%s)", at.subject(), by.object(), clash, advice)
			return
		}
		files[name] = o
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if _, ok := folders[dir]; ok {
				break
			}
			folders[dir] = name
		}
	}
	site := origin{kind: "page"}
	for _, f := range set.Files {
		add(f.Path, site)
	}
	for _, name := range s.ownFiles() {
		add(name, site)
	}
	for _, j := range jobs {
		o := origin{file: j.page.File, kind: "page"}
		if o.file != "" {
			o.line = 1
		}
		add(j.out, o)
	}
	reserved := func(name string, o origin) bool {
		for _, dir := range ownFolders {
			if strings.HasPrefix(name, dir) {
				errs.Add(o.file, o.line, "%s skal skrives til /%s, men /%s fylder sitet selv (%s)", o.subject(), name, dir, map[string]string{
					"alias": "slet den gamle adresse, eller ret den", "static": "læg filen i en anden mappe"}[o.kind])
				return true
			}
		}
		return false
	}
	for _, p := range s.all {
		for i, a := range p.Aliases {
			name := strings.TrimPrefix(strings.TrimSuffix(a, "/")+"/", "/") + "index.html"
			o := origin{file: p.File, line: p.line(fmt.Sprintf("aliases[%d]", i)), kind: "alias", url: a}
			if !reserved(name, o) {
				add(name, o)
			}
		}
	}
	for _, f := range slices.Sorted(slices.Values(s.static)) {
		name := strings.TrimPrefix(f, "content/")
		o := origin{file: f, kind: "static"}
		if !reserved(name, o) {
			add(name, o)
		}
	}
	return errs
}

// ownFiles are the files the site writes besides pages, assets, resized
// images and the search index (feeds.go, opendata.go, wellknown.go).
func (s *Site) ownFiles() []string {
	names := []string{"sitemap.xml", "feed.xml", "robots.txt", "_redirects", manifest}
	if s.Timeline != nil {
		names = append(names, "tidsplan/tidsplan.ics")
	}
	for _, t := range s.feedTerms() {
		names = append(names, strings.TrimPrefix(t.Feed(), "/"))
	}
	names = append(names, s.openDataFiles()...)
	if s.securityTxt() != nil {
		names = append(names, securityTxt)
	}
	return names
}
