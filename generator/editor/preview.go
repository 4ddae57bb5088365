package editor

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"strings"

	"katalog/generator/fmedit"
	"katalog/internal/devserver"
	"katalog/internal/diag"
)

// previewCSP is the policy of the preview's page: the site's, except that
// the editor's own page may show it in a frame.
var previewCSP = strings.Replace(devserver.CSP, "frame-ancestors 'none'", "frame-ancestors 'self'", 1)

// A previewAnswer is the answer of POST api/preview: the page as it would
// look, or why it cannot be built, with each problem in this file tied to
// the form's field (its key, or "body").
type previewAnswer struct {
	HTML     string    `json:"html,omitempty"`
	Error    string    `json:"error,omitempty"`
	Problems []problem `json:"problems"`
}

// servePreview renders the file with the request's fields and body applied,
// writing nothing: POST answers JSON (previewAnswer), GET the page itself
// from the file on disk, for the preview's frame.
func (e *Editor) servePreview(w http.ResponseWriter, r *http.Request) {
	var req saveRequest
	if r.Method == http.MethodGet {
		req.Path = r.URL.Query().Get("path")
	} else if !readJSON(w, r, &req) {
		return
	}
	_, cur, ok := e.readContent(w, req.Path)
	if !ok {
		return
	}
	if e.renderer == nil {
		writeError(w, http.StatusNotFound, "Forhåndsvisningen er ikke slået til.")
		return
	}
	ans := e.preview(r.Context(), req, cur)
	if r.Method == http.MethodGet {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", previewCSP)
		if ans.HTML == "" { // the form shows the problems; the frame says why it is empty
			fmt.Fprintf(w, "<!doctype html><html lang=\"da\"><title>Forhåndsvisning</title><p>%s</p></html>", html.EscapeString(ans.Error))
			return
		}
		w.Write([]byte(ans.HTML))
		return
	}
	writeJSON(w, http.StatusOK, ans)
}

// preview applies req to cur and renders it.
func (e *Editor) preview(ctx context.Context, req saveRequest, cur []byte) previewAnswer {
	ans := previewAnswer{Problems: []problem{}}
	doc, err := fmedit.Parse(cur)
	if err != nil {
		ans.Error = fmt.Sprintf("Felterne øverst i filen kan ikke læses (%v).", err)
		return ans
	}
	src := cur
	if req.Fields != nil || req.Body != nil {
		src, err = doc.Apply(req.changes(), req.body())
		if err != nil {
			ans.Error = fmt.Sprintf("Ændringen kan ikke skrives i filen: %v.", err)
			return ans
		}
	}
	page, err := e.renderer.Render(ctx, req.Path, src)
	if err != nil {
		ans.Error = "Siden kan ikke bygges, som den står. Ret det, der står herunder."
		ans.Problems = problemsOf(err, req.Path, src)
		return ans
	}
	if page == nil {
		ans.Error = "Siden vises ikke på sitet (den er måske ikke en side)."
		return ans
	}
	ans.HTML = string(withBase(page, pageURL(strings.TrimPrefix(req.Path, "content/"))))
	return ans
}

// problemsOf turns a build's error into problems; those in file p (whose
// bytes are src) get the key of the form field they are in.
func problemsOf(err error, p string, src []byte) []problem {
	var out []problem
	doc, _ := fmedit.Parse(src)
	bodyLine := 0
	if doc != nil {
		bodyLine = bytes.Count(src[:len(src)-len(doc.Body())], []byte("\n")) + 1
	}
	for _, d := range diag.Errors(err) {
		pr := problem{File: d.File, Line: d.Line, Col: d.Col, Msg: d.Msg}
		if d.File == p && doc != nil && d.Line > 0 {
			pr.Key = keyAt(doc, d.Line, bodyLine)
		}
		out = append(out, pr)
	}
	if len(out) == 0 {
		out = []problem{{File: p, Msg: err.Error()}}
	}
	return out
}

// keyAt returns the front matter key whose lines hold line, "body" for a
// line of the body, or "".
func keyAt(doc *fmedit.Doc, line, bodyLine int) string {
	if bodyLine > 0 && line >= bodyLine {
		return "body"
	}
	for _, k := range doc.Keys() {
		if first, last, ok := doc.KeyLines(k); ok && first <= line && line <= last {
			return k
		}
	}
	return ""
}

// withBase adds <base href="url" target="_blank"> after <head>, so that the
// page's relative addresses work in the preview's frame and its links open
// beside the editor.
func withBase(page []byte, url string) []byte {
	i := bytes.Index(page, []byte("<head>"))
	if i < 0 || url == "" {
		return page
	}
	i += len("<head>")
	tag := `<base href="` + html.EscapeString(url) + `" target="_blank">`
	return append(append(append([]byte{}, page[:i]...), tag...), page[i:]...)
}
