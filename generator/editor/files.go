package editor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"sort"
	"strings"

	"katalog/generator/fmedit"
)

// sections are the groups of the start page, in order: the folder under
// content/ ("" for the plain pages in content/ itself) and the name.
var sections = []struct{ dir, key, name string }{
	{"cases", "cases", "Cases"},
	{"tema", "tema", "Temaer"},
	{"principper", "principper", "Principper"},
	{"materialer", "materialer", "Materialer"},
	{"", "sider", "Sider"},
}

// A listedFile is one content file on the start page.
type listedFile struct {
	Path  string `json:"path"`            // "content/cases/x.md"
	URL   string `json:"url,omitempty"`   // "/cases/x/"
	Title string `json:"title"`           // the title, or the file name when it has none
	Draft bool   `json:"draft"`           // draft: true
	Error string `json:"error,omitempty"` // why the front matter cannot be read, in Danish
}

// A section is one group of files on the start page.
type section struct {
	Key   string       `json:"key"`  // cases, tema, principper, materialer, sider, andre
	Name  string       `json:"name"` // Danish
	Files []listedFile `json:"files"`
}

// pageURL is the address of the page in content file rel ("cases/x.md"),
// or "" when rel is in a folder that has no pages.
func pageURL(rel string) string {
	dir, name := path.Split(rel)
	s := strings.TrimSuffix(name, ".md")
	switch {
	case rel == "_index.md":
		return "/"
	case dir == "":
		return "/" + s + "/"
	}
	for _, sec := range sections {
		if sec.dir != "" && dir == sec.dir+"/" {
			return "/" + sec.dir + "/" + s + "/"
		}
	}
	return ""
}

// list reads every .md file under content/ (hidden files and folders left
// out) with its title and draft flag.
func (e *Editor) list() ([]section, error) {
	root, err := e.openContent()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	byDir := map[string][]listedFile{}
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable folder is left out, not the whole list
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		f := listedFile{Path: "content/" + p, URL: pageURL(p), Title: strings.TrimSuffix(path.Base(p), ".md")}
		b, err := root.ReadFile(p)
		if err != nil {
			f.Error = "Filen kan ikke læses."
		} else if doc, err := fmedit.Parse(b); err != nil {
			f.Error = "Felterne øverst i filen kan ikke læses: " + err.Error()
		} else {
			if t, ok := doc.Get("title"); ok {
				if s, ok := t.(string); ok && strings.TrimSpace(s) != "" {
					f.Title = s
				}
			}
			if d, ok := doc.Get("draft"); ok {
				f.Draft = d == true
			}
		}
		dir := path.Dir(p)
		if dir == "." {
			dir = ""
		}
		byDir[dir] = append(byDir[dir], f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []section
	for _, sec := range sections {
		files := byDir[sec.dir]
		delete(byDir, sec.dir)
		sortFiles(files)
		out = append(out, section{Key: sec.key, Name: sec.name, Files: nonNil(files)})
	}
	var rest []listedFile
	for _, files := range byDir {
		rest = append(rest, files...)
	}
	if len(rest) > 0 {
		sortFiles(rest)
		out = append(out, section{Key: "andre", Name: "Andre filer", Files: rest})
	}
	return out, nil
}

func sortFiles(files []listedFile) {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
}

func nonNil(f []listedFile) []listedFile {
	if f == nil {
		return []listedFile{}
	}
	return f
}

func (e *Editor) serveListJSON(w http.ResponseWriter, r *http.Request) {
	secs, err := e.list()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "Mappen content/ kan ikke læses.")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sections": secs})
}

// fileResponse is the answer of GET api/file.
type fileResponse struct {
	Path    string         `json:"path"`
	URL     string         `json:"url,omitempty"`
	Format  string         `json:"format"`  // yaml, toml or json
	Version string         `json:"version"` // sha256 of the file's bytes, hex
	Keys    []string       `json:"keys"`    // the front matter's keys in the file's order
	Fields  map[string]any `json:"fields"`
	Body    string         `json:"body"`

	Kind  string   `json:"kind,omitempty"`  // the kind of page (generator.Fields)
	Form  []field  `json:"form"`            // the form's inputs, in order
	Other []string `json:"other,omitempty"` // keys in the file the form does not edit; kept as they are
}

// contentPath reads the path query or field and refuses it (400) when it
// is not an editable content path.
func refusePath(w http.ResponseWriter, err error) {
	var pe *pathError
	if errors.As(err, &pe) {
		writeError(w, http.StatusBadRequest, pe.msg)
		return
	}
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, "Filen findes ikke (den er måske flyttet eller slettet).")
		return
	}
	writeError(w, http.StatusInternalServerError, "Filen kan ikke læses: "+err.Error())
}

// readContent reads content file p (a path as the API takes it) for a
// request that only reads it. It writes the refusal and returns false when
// the path may not be edited or the file cannot be read.
func (e *Editor) readContent(w http.ResponseWriter, p string) (rel string, b []byte, ok bool) {
	rel, err := checkPath(p)
	if err != nil {
		refusePath(w, err)
		return "", nil, false
	}
	root, err := e.openContent()
	if err != nil {
		refusePath(w, err)
		return "", nil, false
	}
	defer root.Close()
	if b, _, err = readRegular(root, rel); err != nil {
		refusePath(w, err)
		return "", nil, false
	}
	return rel, b, true
}

func (e *Editor) serveFile(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Query().Get("path")
	rel, b, ok := e.readContent(w, p)
	if !ok {
		return
	}
	doc, err := fmedit.Parse(b)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
			"error":   fmt.Sprintf("Felterne øverst i %s kan ikke læses (%v). Ret dem i en teksteditor.", p, err),
			"version": version(b),
			"raw":     string(b),
		})
		return
	}
	resp := fileResponse{Path: p, URL: pageURL(rel), Format: doc.Format, Version: version(b), Keys: doc.Keys(),
		Fields: map[string]any{}, Body: string(doc.Body()), Form: []field{}}
	if kind, form, other, ok := e.formOf(p, doc); ok {
		resp.Kind, resp.Form, resp.Other = kind, form, other
	}
	for _, k := range resp.Keys {
		if v, ok := doc.Get(k); ok {
			resp.Fields[k] = v
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

// saveRequest is the body of POST api/save and POST api/journal.
type saveRequest struct {
	Path    string         `json:"path"`
	Version string         `json:"version"` // the hash of the file when the editor opened it
	Fields  map[string]any `json:"fields"`  // front matter keys to set; null deletes a key
	Body    *string        `json:"body"`    // the new body; absent keeps it
	Raw     *string        `json:"raw"`     // save only: the whole file as combined by hand; replaces fields and body
}

// normalize turns JSON numbers into int (when whole) or float64, in the
// value and everything in it, for fmedit.
func normalize(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return int(i)
		}
		f, _ := v.Float64()
		return f
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalize(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = normalize(x)
		}
		return out
	}
	return v
}

func (req *saveRequest) changes() map[string]any {
	m := make(map[string]any, len(req.Fields))
	for k, v := range req.Fields {
		m[k] = normalize(v)
	}
	return m
}

func (req *saveRequest) body() []byte {
	if req.Body == nil {
		return nil
	}
	return []byte(*req.Body)
}

// conflict is the answer 409 to a save whose version is not the file's.
type conflict struct {
	Error       string  `json:"error"`
	Theirs      *string `json:"theirs"`       // the request's fields and body applied to the file on disk now; null when that cannot be done
	Disk        string  `json:"disk"`         // the file's bytes on disk now
	DiskVersion string  `json:"disk_version"` // their hash: send it as version to keep "theirs"
	Version     string  `json:"version"`      // the version the request was based on
}

func (e *Editor) serveSave(w http.ResponseWriter, r *http.Request) {
	var req saveRequest
	if !readJSON(w, r, &req) {
		return
	}
	rel, err := checkPath(req.Path)
	if err != nil {
		refusePath(w, err)
		return
	}
	root, cur, perm, release, ok := e.lockFile(w, rel)
	if !ok {
		return
	}
	defer release()
	doc, perr := fmedit.Parse(cur)
	var result []byte
	var aerr error
	switch {
	case req.Raw != nil:
		result, perr = []byte(*req.Raw), nil
	case perr == nil:
		result, aerr = doc.Apply(req.changes(), req.body())
	}
	if cv := version(cur); cv != req.Version {
		c := conflict{
			Error:       "Filen er ændret på disken, siden du åbnede den (af en anden eller i et andet program). Intet er gemt. Sammenlign de to udgaver, og vælg din, filens eller en blanding.",
			Disk:        string(cur),
			DiskVersion: cv,
			Version:     req.Version,
		}
		if perr == nil && aerr == nil {
			s := string(result)
			c.Theirs = &s
		}
		writeJSON(w, http.StatusConflict, c)
		return
	}
	if perr != nil {
		writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("Felterne øverst i %s kan ikke læses (%v), så editoren kan ikke gemme i filen. Ret den i en teksteditor.", req.Path, perr))
		return
	}
	if aerr != nil {
		writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("Ændringen kan ikke skrives i %s: %v. Intet er gemt.", req.Path, aerr))
		return
	}
	if bytes.Equal(result, cur) {
		writeJSON(w, http.StatusOK, map[string]any{"changed": false, "version": version(cur)})
		return
	}
	if status, body := e.checkResult(r, req.Path, cur, result); status != 0 {
		writeJSON(w, status, body)
		return
	}
	if err := replaceFile(root, rel, result, perm); err != nil {
		writeError(w, http.StatusInternalServerError, fmt.Sprintf("%s kunne ikke gemmes (%v). Filen er uændret; dine ændringer er stadig i kladden.", req.Path, err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"changed": true, "version": version(result)})
}

// checkResult parses the bytes a save would write and, if Config.Build is
// set, builds the site with them laid over the file (cur is the file now).
// It returns 0 when the file may be written, else the status and body of
// the refusal. A save is refused for any problem in the saved file, and for
// problems in other files that the build without the change does not have:
// a site that is already broken elsewhere (a file saved with a text
// editor) must not stop an editor from saving, or fixing, this one.
func (e *Editor) checkResult(r *http.Request, p string, cur, result []byte) (int, any) {
	if _, err := fmedit.Parse(result); err != nil {
		return http.StatusUnprocessableEntity, apiError{Error: fmt.Sprintf("Resultatet kan ikke læses igen (%v). Intet er gemt.", err)}
	}
	if e.build == nil {
		return 0, nil
	}
	err := e.build(r.Context(), map[string][]byte{p: result})
	if err == nil {
		return 0, nil
	}
	problems := problemsOf(err, p, result)
	if r.Context().Err() == nil && !slices.ContainsFunc(problems, func(pr problem) bool { return pr.File == p }) {
		before := e.build(r.Context(), map[string][]byte{p: cur})
		if before != nil && r.Context().Err() == nil && sameProblems(problems, problemsOf(before, p, cur)) {
			return 0, nil
		}
	}
	resp := apiError{Error: "Siden kan ikke bygges med ændringen, så den er ikke gemt. Ret det, der står herunder."}
	resp.Problems = problems
	return http.StatusUnprocessableEntity, resp
}

// sameProblems reports whether every problem of after is one of before
// (by file, line and message).
func sameProblems(after, before []problem) bool {
	seen := map[problem]bool{}
	for _, pr := range before {
		pr.Key = ""
		seen[pr] = true
	}
	for _, pr := range after {
		pr.Key = ""
		if !seen[pr] {
			return false
		}
	}
	return true
}
