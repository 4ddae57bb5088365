package editor

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"

	"katalog/generator"
	"katalog/generator/fmedit"
	"katalog/internal/slug"
)

// A link is a place in a content file that links to a page.
type link struct {
	Path string `json:"path"` // the file with the link, "content/cases/y.md"
	Line int    `json:"line"` // 1-based line in that file
	Text string `json:"text"` // the line, trimmed
}

// linksTo lists the links in the bodies of every other content file to the
// page in rel ("cases/x.md"). The scan is plain text, not markdown: a body
// links to the page when it contains
//
//   - the page's address with its slash, "/cases/x/" (also inside a full
//     URL such as https://…/cases/x/#afsnit), or without it, "/cases/x",
//     when a ), #, ?, quote, > or white space or the end follows; or
//   - a path to the file that ends in "x.md" and resolves to it: from the
//     site root ("content/cases/x.md", "/content/cases/x.md") or from the
//     linking file's folder ("x.md", "./x.md", "../cases/x.md").
//
// In front matter, a case that names a theme in themes by its slug, not
// its title, refers to content/tema/<slug>.md (and, when the theme is
// deleted, also one that names it by its title), and one that lists a principle's number in
// principles refers to it when it is deleted: the site would not build
// without them.
func linksTo(root *os.Root, rel string, deleting bool) ([]link, error) {
	url := pageURL(rel)
	ref := targetRefs(root, rel, deleting)
	var out []link
	err := fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !strings.HasSuffix(p, ".md") || p == rel {
			return nil
		}
		b, err := root.ReadFile(p)
		if err != nil {
			return nil
		}
		start := 0
		seen := map[int]bool{}
		if doc, err := fmedit.Parse(b); err == nil {
			start = len(b) - len(doc.Body())
			if key, ok := ref(doc); ok {
				first, _, _ := doc.KeyLines(key)
				seen[first] = true
				out = append(out, link{Path: "content/" + p, Line: first, Text: lineAt(b, first)})
			}
		}
		for _, off := range findLinks(b[start:], url, path.Dir(p), rel) {
			off += start
			line := bytes.Count(b[:off], []byte("\n")) + 1
			if seen[line] {
				continue
			}
			seen[line] = true
			ls := bytes.LastIndexByte(b[:off], '\n') + 1
			le := bytes.IndexByte(b[off:], '\n')
			if le < 0 {
				le = len(b) - off
			}
			out = append(out, link{Path: "content/" + p, Line: line, Text: strings.TrimSpace(string(b[ls : off+le]))})
		}
		return nil
	})
	return out, err
}

// lineAt returns line n (1-based) of b, trimmed.
func lineAt(b []byte, n int) string {
	lines := bytes.Split(b, []byte("\n"))
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSpace(string(lines[n-1]))
}

// targetRefs returns the test for front matter that names the page in rel:
// it reports the key that does.
func targetRefs(root *os.Root, rel string, deleting bool) func(*fmedit.Doc) (string, bool) {
	none := func(*fmedit.Doc) (string, bool) { return "", false }
	dir, name := path.Split(rel)
	b, err := root.ReadFile(rel)
	if err != nil {
		return none
	}
	target, err := fmedit.Parse(b)
	if err != nil {
		return none
	}
	switch dir {
	case "tema/":
		own := strings.TrimSuffix(name, ".md")
		title, _ := target.Get("title")
		ts, _ := title.(string)
		return func(d *fmedit.Doc) (string, bool) {
			for _, v := range listOf(d, "themes") {
				s, ok := v.(string)
				if !ok {
					continue
				}
				// As the site resolves a theme (site.go): by lower-case
				// name, then by its slug, against the slug and the
				// lower-case title.
				name, lt := strings.ToLower(strings.TrimSpace(s)), strings.ToLower(ts)
				byTitle := ts != "" && (name == lt || slug.Make(s) == lt)
				bySlug := name == own || slug.Make(s) == own
				if byTitle && deleting || bySlug && !byTitle {
					return "themes", true
				}
			}
			return "", false
		}
	case "principper/":
		n, ok := target.Get("number")
		if !ok || !deleting {
			return none
		}
		return func(d *fmedit.Doc) (string, bool) {
			for _, v := range listOf(d, "principles") {
				if fmt.Sprint(v) == fmt.Sprint(n) {
					return "principles", true
				}
			}
			return "", false
		}
	}
	return none
}

// listOf returns a key's value as a list: a list as it is, one value as a
// list of one.
func listOf(d *fmedit.Doc, key string) []any {
	v, ok := d.Get(key)
	if !ok {
		return nil
	}
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// findLinks returns the offsets in body of links to the page at url whose
// file is rel, for a body in folder dir (relative to content/).
func findLinks(body []byte, url, dir, rel string) []int {
	var offs []int
	if url != "" && url != "/" {
		bare := strings.TrimSuffix(url, "/")
		for i := 0; ; {
			j := bytes.Index(body[i:], []byte(bare))
			if j < 0 {
				break
			}
			at := i + j
			end := at + len(bare)
			if end == len(body) || strings.IndexByte("/)#?\"'> \t\r\n", body[end]) >= 0 {
				offs = append(offs, at)
			}
			i = at + 1
		}
	}
	base := path.Base(rel)
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte(base))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 1
		end := at + len(base)
		if end < len(body) && isPathByte(body[end]) {
			continue
		}
		s := at
		for s > 0 && (isPathByte(body[s-1]) || body[s-1] == '/' || body[s-1] == '.') {
			s--
		}
		tok := string(body[s:end])
		if tok != base && !strings.HasSuffix(tok, "/"+base) {
			continue // part of a longer name, "ax.md"
		}
		var target string
		switch {
		case strings.HasPrefix(tok, "/"):
			target = strings.TrimPrefix(path.Clean(tok), "/")
		case strings.HasPrefix(tok, "content/"):
			target = tok
		default:
			target = path.Join("content", dir, tok)
		}
		if target == "content/"+rel {
			offs = append(offs, s)
		}
	}
	return offs
}

func isPathByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '~'
}

// fixedPage reports whether rel is a page whose file name the site fixes.
func fixedPage(rel string) bool { return rel == "_index.md" || rel == "tidsplan.md" }

type renameRequest struct {
	Path    string `json:"path"`
	NewSlug string `json:"newSlug"`
	Version string `json:"version"` // optional: refuse when the file changed since
}

func (e *Editor) serveRename(w http.ResponseWriter, r *http.Request) {
	var req renameRequest
	if !readJSON(w, r, &req) {
		return
	}
	rel, err := checkPath(req.Path)
	if err != nil {
		refusePath(w, err)
		return
	}
	dir := path.Dir(rel)
	switch {
	case fixedPage(rel) || pageURL(rel) == "":
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s kan ikke omdøbes: sitet bruger filens navn.", req.Path))
		return
	case req.NewSlug == "" || slug.Make(req.NewSlug) != req.NewSlug:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Det nye navn %q kan ikke bruges: brug små bogstaver a-z, tal og bindestreg, fx %q.", req.NewSlug, slug.Make(req.NewSlug)))
		return
	case dir == "." && generator.NewKinds()["side"].Reserved(req.NewSlug):
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Adressen /%s/ bruges allerede af sitet. Vælg et andet navn.", req.NewSlug))
		return
	}
	newRel := path.Join(dir, req.NewSlug+".md")
	if newRel == rel {
		writeError(w, http.StatusBadRequest, "Det nye navn er det samme som det gamle.")
		return
	}
	root, cur, perm, release, ok := e.lockFile(w, rel)
	if !ok {
		return
	}
	defer release()
	if req.Version != "" && req.Version != version(cur) {
		writeJSON(w, http.StatusConflict, map[string]any{"error": "Filen er ændret på disken, siden du åbnede den. Åbn den igen, før du omdøber den.", "disk_version": version(cur)})
		return
	}
	if !e.refuseLinked(w, root, rel, "omdøbes") {
		return
	}
	if _, err := root.Lstat(newRel); err == nil {
		writeError(w, http.StatusConflict, fmt.Sprintf("Der findes allerede en fil content/%s. Vælg et andet navn.", newRel))
		return
	}
	doc, err := fmedit.Parse(cur)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("Felterne øverst i %s kan ikke læses (%v), så den gamle adresse kan ikke skrives i aliases. Ret filen først.", req.Path, err))
		return
	}
	old := pageURL(rel)
	var aliases []any
	if v, ok := doc.Get("aliases"); ok {
		switch v := v.(type) {
		case []any:
			aliases = v
		case string:
			aliases = []any{v}
		}
	}
	has := false
	for _, a := range aliases {
		has = has || a == old
	}
	result := cur
	if !has {
		if result, err = doc.Apply(map[string]any{"aliases": append(aliases, old)}, nil); err != nil {
			writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("Den gamle adresse kan ikke skrives i aliases: %v. Intet er ændret.", err))
			return
		}
	}
	if _, err := fmedit.Parse(result); err != nil {
		writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("Resultatet kan ikke læses igen (%v). Intet er ændret.", err))
		return
	}
	if err := createFile(root, newRel, result, perm); err != nil {
		if errors.Is(err, fs.ErrExist) {
			writeError(w, http.StatusConflict, fmt.Sprintf("Der findes allerede en fil content/%s. Vælg et andet navn.", newRel))
			return
		}
		writeError(w, http.StatusInternalServerError, fmt.Sprintf("content/%s kunne ikke oprettes: %v. Intet er ændret.", newRel, err))
		return
	}
	if err := root.Remove(rel); err != nil {
		root.Remove(newRel)
		writeError(w, http.StatusInternalServerError, fmt.Sprintf("%s kunne ikke flyttes: %v. Intet er ændret.", req.Path, err))
		return
	}
	syncDir(root, rel)
	e.removeJournal(req.Path)
	writeJSON(w, http.StatusOK, map[string]any{"path": "content/" + newRel, "url": pageURL(newRel), "alias": old, "version": version(result)})
}

// refuseLinked writes 409 with the links to rel and returns false when
// other pages link to it.
func (e *Editor) refuseLinked(w http.ResponseWriter, root *os.Root, rel, verb string) bool {
	links, err := linksTo(root, rel, verb == "slettes")
	if err != nil {
		writeError(w, http.StatusInternalServerError, "Mappen content/ kan ikke gennemsøges for henvisninger: "+err.Error())
		return false
	}
	if len(links) == 0 {
		return true
	}
	writeJSON(w, http.StatusConflict, map[string]any{
		"error": fmt.Sprintf("content/%s kan ikke %s endnu: %d sted(er) henviser til siden. Ret eller fjern henvisningerne først.", rel, verb, len(links)),
		"links": links,
	})
	return false
}

// removeJournal deletes the journal entry of content path p, if any.
func (e *Editor) removeJournal(p string) {
	e.jmu.Lock()
	defer e.jmu.Unlock()
	if jr, err := os.OpenRoot(e.journal); err == nil {
		jr.Remove(journalName(p))
		jr.Close()
	}
}

type deleteRequest struct {
	Path    string `json:"path"`
	Version string `json:"version"` // optional
}

func (e *Editor) serveDelete(w http.ResponseWriter, r *http.Request) {
	var req deleteRequest
	if !readJSON(w, r, &req) {
		return
	}
	rel, err := checkPath(req.Path)
	if err != nil {
		refusePath(w, err)
		return
	}
	if fixedPage(rel) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s kan ikke slettes: sitet har brug for den.", req.Path))
		return
	}
	root, cur, _, release, ok := e.lockFile(w, rel)
	if !ok {
		return
	}
	defer release()
	if req.Version != "" && req.Version != version(cur) {
		writeJSON(w, http.StatusConflict, map[string]any{"error": "Filen er ændret på disken, siden du åbnede den. Åbn den igen, før du sletter den.", "disk_version": version(cur)})
		return
	}
	if !e.refuseLinked(w, root, rel, "slettes") {
		return
	}
	if err := root.Remove(rel); err != nil {
		writeError(w, http.StatusInternalServerError, fmt.Sprintf("%s kunne ikke slettes: %v.", req.Path, err))
		return
	}
	syncDir(root, rel)
	e.removeJournal(req.Path)
	writeJSON(w, http.StatusOK, map[string]any{"deleted": true})
}
