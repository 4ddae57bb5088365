// Package assets prepares the files under assets/ for the web: stylesheets
// are joined into one, CSS, JavaScript and SVG are minified, and every file
// gets a content hash in its name so that it can be cached for a year. The
// templates ask for a file by its logical name ("site.css", "js/search.js")
// and get the fingerprinted URL.
package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"katalog/internal/diag"
	"path"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/parse/v2"
)

// Stylesheet is the logical name of the one stylesheet all files in
// assets/css/ are joined into, in file name order.
const Stylesheet = "site.css"

// A File is one output file.
type File struct {
	Logical string // "site.css", "js/search.js", "img/logo.svg"
	Path    string // output path: "assets/site.1a2b3c4d5e.css"
	Data    []byte
}

// A Set is the prepared assets of a site.
type Set struct {
	Files  []File // in output path order
	byName map[string]*File
}

// URL returns the site path of the fingerprinted file with the given
// logical name, or false if there is none.
func (s *Set) URL(logical string) (string, bool) {
	f, ok := s.byName[logical]
	if !ok {
		return "", false
	}
	return "/" + f.Path, true
}

// Names returns the logical names, sorted.
func (s *Set) Names() []string {
	var names []string
	for n := range s.byName {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// An Error is a problem in an asset file, at a line when known: the
// program's one error type.
type Error = diag.Error

// Build reads dir ("assets") from fsys and prepares every file in it.
func Build(fsys fs.FS, dir string) (*Set, error) {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)

	set := &Set{byName: map[string]*File{}}
	if _, err := fs.Stat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
		return set, nil
	}
	var sheet bytes.Buffer
	var sheets []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "~") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return &Error{File: p, Msg: unreadable(d, err)}
		}
		logical := strings.TrimPrefix(p, dir+"/")
		if path.Dir(logical) == "css" && path.Ext(logical) == ".css" {
			sheets = append(sheets, p)
			out, err := minifyFile(m, "text/css", p, data)
			if err != nil {
				return err
			}
			sheet.Write(out)
			return nil
		}
		switch path.Ext(p) {
		case ".js":
			data, err = minifyFile(m, "text/javascript", p, data)
		case ".svg":
			data, err = minifyFile(m, "image/svg+xml", p, data)
		}
		if err != nil {
			return err
		}
		set.add(logical, data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(sheets) > 0 {
		set.add(Stylesheet, sheet.Bytes())
	}
	slices.SortFunc(set.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i := range set.Files {
		set.byName[set.Files[i].Logical] = &set.Files[i]
	}
	return set, nil
}

func (s *Set) add(logical string, data []byte) {
	sum := sha256.Sum256(data)
	ext := path.Ext(logical)
	fp := strings.TrimSuffix(logical, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	s.Files = append(s.Files, File{Logical: logical, Path: "assets/" + fp, Data: data})
	s.byName[logical] = nil // placeholder; pointers are set after sorting
}

func minifyFile(m *minify.M, mime, name string, data []byte) ([]byte, error) {
	out, err := m.Bytes(mime, data)
	if err != nil {
		var pe *parse.Error
		if ok := asParseError(err, &pe); ok {
			return nil, &Error{File: name, Line: pe.Line, Msg: fmt.Sprintf("kan ikke læses: %s (ret fejlen i linje %d)", pe.Message, pe.Line)}
		}
		return nil, &Error{File: name, Msg: fmt.Sprintf("kan ikke minimeres: %v", err)}
	}
	return out, nil
}

func asParseError(err error, target **parse.Error) bool {
	pe, ok := err.(*parse.Error)
	if ok {
		*target = pe
	}
	return ok
}

// unreadable says in Danish why an asset file cannot be read.
func unreadable(d fs.DirEntry, err error) string {
	switch {
	case d.Type()&fs.ModeSymlink != 0:
		return "filen er et symbolsk link, der fører uden for sitet, til en mappe eller ingen steder hen (kopiér filen ind i assets/)"
	case errors.Is(err, fs.ErrPermission):
		return "filen kan ikke læses, fordi der ikke er adgang til den"
	}
	return "filen kan ikke læses (gem den igen)"
}
