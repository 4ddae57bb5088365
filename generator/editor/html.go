package editor

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"katalog/generator/fmedit"
)

// The editor's HTML pages are plain, with no script and no style attribute,
// so that they run under the site's strict Content-Security-Policy; the
// form and the live preview are added by the UI.
var pages = template.Must(template.New("").Parse(`
{{define "head"}}<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="katalog-token" content="{{.Token}}">
<title>{{.Title}}</title>
</head>
<body>
{{end}}
{{define "index"}}{{template "head" .}}<main>
<h1>Rediger kataloget</h1>
<nav aria-label="Sektioner"><ul>{{range .Sections}}<li><a href="#{{.Key}}">{{.Name}}</a> ({{len .Files}})</li>{{end}}</ul></nav>
{{range .Sections}}<section aria-labelledby="{{.Key}}">
<h2 id="{{.Key}}">{{.Name}}</h2>
{{if .Files}}<ul>{{range .Files}}<li><a href="{{$.Prefix}}{{.Path}}">{{.Title}}</a>{{if .Draft}} <strong>(kladde)</strong>{{end}}{{if .Error}} <strong>Fejl:</strong> {{.Error}}{{end}} <small>{{.Path}}</small></li>
{{end}}</ul>{{else}}<p>Ingen filer endnu.</p>{{end}}
</section>
{{end}}</main>
</body>
</html>
{{end}}
{{define "page"}}{{template "head" .}}<main>
<p><a href="{{.Prefix}}">Alle sider</a></p>
<h1>{{.Title}}</h1>
<p>Fil: <code>{{.Path}}</code>{{if .URL}} · Adresse: <code>{{.URL}}</code>{{end}}</p>
{{if .Error}}<p role="alert"><strong>Fejl:</strong> {{.Error}}</p>{{end}}
{{if .Fields}}<h2>Felter</h2>
<dl>{{range .Fields}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>
{{end}}</dl>{{end}}
<h2>Tekst</h2>
<pre>{{.Body}}</pre>
</main>
</body>
</html>
{{end}}
`))

// prefixOf is the editor's own address before the path ServeHTTP sees:
// "/_katalog/rediger/" when mounted with http.StripPrefix.
func prefixOf(r *http.Request) string {
	full := "/"
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil {
		full = u.EscapedPath()
	}
	rest := strings.TrimPrefix(r.URL.Path, "/")
	if p, ok := strings.CutSuffix(full, rest); ok && strings.HasSuffix(p, "/") {
		return p
	}
	return "/"
}

// wantsJSON reports whether the start page is asked for as JSON.
func wantsJSON(r *http.Request) bool {
	return r.URL.Query().Get("format") == "json" || strings.Contains(r.Header.Get("Accept"), "application/json")
}

func (e *Editor) serveIndex(w http.ResponseWriter, r *http.Request) {
	if wantsJSON(r) {
		e.serveListJSON(w, r)
		return
	}
	secs, err := e.list()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "Mappen content/ kan ikke læses.")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pages.ExecuteTemplate(w, "index", map[string]any{
		"Token": e.token, "Title": "Rediger kataloget", "Prefix": prefixOf(r), "Sections": secs,
	})
}

// servePage shows one content file, read only: the UI's form replaces it.
func (e *Editor) servePage(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	rel, err := checkPath(p)
	if err != nil {
		refusePath(w, err)
		return
	}
	root, err := e.openContent()
	if err != nil {
		refusePath(w, err)
		return
	}
	defer root.Close()
	b, _, err := readRegular(root, rel)
	if err != nil {
		refusePath(w, err)
		return
	}
	type field struct {
		Key   string
		Value any
	}
	data := map[string]any{"Token": e.token, "Prefix": prefixOf(r), "Path": p, "URL": pageURL(rel), "Title": p}
	if doc, err := fmedit.Parse(b); err != nil {
		data["Error"] = "Felterne øverst i filen kan ikke læses: " + err.Error()
		data["Body"] = string(b)
	} else {
		var fields []field
		for _, k := range doc.Keys() {
			v, _ := doc.Get(k)
			if k == "title" {
				if s, ok := v.(string); ok && s != "" {
					data["Title"] = s
				}
			}
			fields = append(fields, field{k, v})
		}
		data["Fields"], data["Body"] = fields, string(doc.Body())
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pages.ExecuteTemplate(w, "page", data)
}
