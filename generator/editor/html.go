package editor

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
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
<title>{{.Title}} – redigering</title>
<link rel="icon" href="{{.Prefix}}ui/favicon.svg?v={{.UIVersion}}" type="image/svg+xml">
<link rel="stylesheet" href="{{.Prefix}}ui/editor.css?v={{.UIVersion}}">
<script src="{{.Prefix}}ui/turndown.js?v={{.UIVersion}}" defer></script>
<script src="{{.Prefix}}ui/paste.js?v={{.UIVersion}}" defer></script>
<script src="{{.Prefix}}ui/editor.js?v={{.UIVersion}}" defer></script>
</head>
<body>
<a class="skip" href="#main">Gå til indholdet</a>
{{end}}
{{define "index"}}{{template "head" .}}<header class="top"><p class="brand">Fra bolig til hjem · redigering</p><a href="/">Se sitet</a></header>
<main id="main" class="index" data-prefix="{{.Prefix}}">
<h1>Rediger kataloget</h1>
<noscript><p class="note">Redigeringen kræver JavaScript. Slå det til i browseren.</p></noscript>
<section class="new" aria-labelledby="ny">
<h2 id="ny">Opret en ny side</h2>
<form id="new-form" class="new-form" novalidate>
<fieldset><legend>Hvad vil du oprette?</legend>
<label><input type="radio" name="kind" value="case" checked> Ny case</label>
<label><input type="radio" name="kind" value="tema"> Nyt tema</label>
<label><input type="radio" name="kind" value="side"> Ny side</label>
<label><input type="radio" name="kind" value="materiale"> Nyt materiale</label>
</fieldset>
<label for="new-title">Titel</label>
<input id="new-title" name="title" type="text" autocomplete="off" aria-describedby="new-help new-error">
<p id="new-help" class="help">Titlen bliver også sidens adresse. Siden oprettes som kladde.</p>
<p id="new-error" class="field-error" hidden></p>
<button type="submit">Opret</button>
</form>
</section>
<section aria-labelledby="alle">
<h2 id="alle">Alle sider</h2>
<label for="filter">Find en side</label>
<input id="filter" type="search" autocomplete="off" aria-describedby="filter-count">
<p id="filter-count" class="help" role="status"></p>
<nav aria-label="Sektioner"><ul class="sections">{{range .Sections}}<li><a href="#{{.Key}}">{{.Name}}</a> ({{len .Files}})</li>{{end}}</ul></nav>
{{range .Sections}}<section class="files" aria-labelledby="{{.Key}}">
<h3 id="{{.Key}}">{{.Name}}</h3>
{{if .Files}}<ul>{{range .Files}}<li data-title="{{.Title}}"><a href="{{$.Prefix}}{{.Path}}">{{.Title}}</a>{{if .Draft}} <span class="badge">Kladde</span>{{end}}{{if .Error}} <strong class="bad">Fejl:</strong> {{.Error}}{{end}} <small>{{.Path}}</small></li>
{{end}}</ul>{{else}}<p>Ingen filer endnu.</p>{{end}}
</section>
{{end}}</section>
</main>
</body>
</html>
{{end}}
{{define "page"}}{{template "head" .}}<header class="top"><p class="brand"><a href="{{.Prefix}}">Alle sider</a></p>{{if .URL}}<a href="{{.URL}}" target="_blank">Se siden på sitet</a>{{end}}</header>
<main id="main" class="edit" data-path="{{.Path}}" data-prefix="{{.Prefix}}" data-url="{{.URL}}">
<h1 id="page-title">{{.Title}}</h1>
<p class="file">Fil: <code>{{.Path}}</code>{{if .URL}} · Adresse: <code>{{.URL}}</code>{{end}}</p>
<noscript><p class="note">Redigeringen kræver JavaScript. Slå det til i browseren.</p></noscript>
{{if .Error}}<p class="note" role="alert"><strong>Fejl:</strong> {{.Error}}</p>{{end}}
<button type="button" id="toggle" class="toggle" aria-controls="preview-pane" aria-expanded="false" hidden>Vis forhåndsvisning</button>
<div class="workspace">
<div class="form-pane">
<div id="status" class="status" role="status" aria-live="polite"></div>
<div id="recover" class="recover" hidden></div>
<div id="summary" class="summary" tabindex="-1" hidden></div>
<form id="form" novalidate hidden>
<div id="fields"></div>
<div class="actions">
<button type="submit" class="primary">Gem</button>
<button type="button" id="rename">Omdøb</button>
<button type="button" id="delete" class="danger">Slet</button>
</div>
</form>
</div>
<div id="preview-pane" class="preview-pane">
<h2 class="visually-hidden">Forhåndsvisning</h2>
<iframe id="preview" title="Forhåndsvisning af siden, som den vil se ud" src="{{.Prefix}}api/preview?path={{.Path}}"></iframe>
</div>
</div>
<dialog id="dialog" aria-labelledby="dialog-title"><form method="dialog" id="dialog-form"><h2 id="dialog-title"></h2><div id="dialog-body"></div><div class="actions" id="dialog-actions"></div></form></dialog>
</main>
</body>
</html>
{{end}}
`))

// ui holds the editor's scripts and stylesheet, served under ui/.
//
//go:embed ui
var ui embed.FS

// uiVersion is a hash of ui's files, added to their addresses so that a
// browser never mixes an old script with a new page.
var uiVersion = func() string {
	h := sha256.New()
	fs.WalkDir(ui, "ui", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := ui.ReadFile(p)
			h.Write([]byte(p))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)[:5])
}()

// serveUI serves a file of ui/.
func (e *Editor) serveUI(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	b, err := ui.ReadFile(name)
	if err != nil || strings.Count(name, "/") != 1 {
		writeError(w, http.StatusNotFound, "Filen findes ikke i redigeringen.")
		return
	}
	switch path.Ext(name) {
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".svg":
		w.Header().Set("Content-Type", "image/svg+xml")
	default:
		writeError(w, http.StatusNotFound, "Filen findes ikke i redigeringen.")
		return
	}
	w.Write(b)
}

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
		"Token": e.token, "Title": "Rediger kataloget", "Prefix": prefixOf(r), "Sections": secs, "UIVersion": uiVersion,
	})
}

// servePage shows one content file, read only: the UI's form replaces it.
func (e *Editor) servePage(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	rel, b, ok := e.readContent(w, p)
	if !ok {
		return
	}
	data := map[string]any{"Token": e.token, "Prefix": prefixOf(r), "Path": p, "URL": pageURL(rel), "Title": p, "UIVersion": uiVersion}
	if doc, err := fmedit.Parse(b); err != nil {
		data["Error"] = "Felterne øverst i filen kan ikke læses: " + err.Error() + ". Ret dem i en teksteditor."
	} else if t, ok := doc.Get("title"); ok {
		if s, ok := t.(string); ok && strings.TrimSpace(s) != "" {
			data["Title"] = s
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pages.ExecuteTemplate(w, "page", data)
}

// serveVisit sends the browser from a page of the site (?url=/cases/x/) to
// the editor of the content file that makes it, or to the start page when
// no file does (a list, a municipality's page).
func (e *Editor) serveVisit(w http.ResponseWriter, r *http.Request) {
	target := prefixOf(r)
	if rel := fileOf(r.URL.Query().Get("url")); rel != "" {
		if root, err := e.openContent(); err == nil {
			if fi, err := root.Lstat(rel); err == nil && fi.Mode().IsRegular() {
				target += "content/" + rel
			}
			root.Close()
		}
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// fileOf is the content file (relative to content/) whose page has the
// address url, as pageURL makes it, or "".
func fileOf(url string) string {
	parts := strings.Split(strings.Trim(url, "/"), "/")
	var rel string
	switch {
	case url == "/":
		rel = "_index.md"
	case len(parts) == 1:
		rel = parts[0] + ".md"
	case len(parts) == 2:
		rel = parts[0] + "/" + parts[1] + ".md"
	}
	if _, err := checkPath("content/" + rel); rel == "" || err != nil || pageURL(rel) != url {
		return ""
	}
	return rel
}
