package devserver

import (
	"bytes"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// CSP is the Content-Security-Policy of served pages: the production policy
// from netlify.toml, so that a page that would break on Netlify breaks here
// first, without upgrade-insecure-requests, which has no place on a plain
// http://127.0.0.1 preview.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// ServeHTTP serves the current build the way Netlify serves public/:
// /x/ is x/index.html, /x redirects to /x/ when that is a folder, unknown
// paths get 404.html with status 404. While the last build has failed,
// every page is the error page (status 500); other files come from the last
// good build. A request for another host, or from a page of another origin,
// gets 403 (see hostGuard).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// serve is ServeHTTP without the host check.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	for prefix, h := range s.cfg.Handlers {
		if strings.HasPrefix(r.URL.Path, prefix) || r.URL.Path+"/" == prefix {
			h.ServeHTTP(w, r)
			return
		}
	}
	switch r.URL.Path {
	case "/_katalog/events":
		s.serveEvents(w, r)
		return
	case "/_katalog/reload.js", "/_katalog/error.css", "/_katalog/edit.css":
		serveStatic(w, r, "static/"+path.Base(r.URL.Path))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "metoden er ikke tilladt", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		http.Error(w, "ugyldig sti", http.StatusBadRequest)
		return
	}
	if !s.waitReady(w, r) {
		return
	}
	t, problems, gen := s.state()
	if t == nil {
		s.serveErrorPage(w, r, problems, gen)
		return
	}
	defer t.release()
	file, redirect := resolve(t.fsys, name, strings.HasSuffix(r.URL.Path, "/"))
	switch {
	case redirect:
		target := "/" + name + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	case problems != nil && (file == "" || isHTML(file)):
		s.serveErrorPage(w, r, problems, gen)
	case file == "":
		s.serveNotFound(w, r, t, gen)
	default:
		s.serveFile(w, r, t, file, http.StatusOK, gen)
	}
}

// waitReady waits for the first build to finish. It reports false when the
// request or the server ends first.
func (s *Server) waitReady(w http.ResponseWriter, r *http.Request) bool {
	select {
	case <-s.ready:
		return true
	default:
	}
	select {
	case <-s.ready:
		return true
	case <-r.Context().Done():
		return false
	case <-s.hub.done:
		http.Error(w, "serveren lukker ned", http.StatusServiceUnavailable)
		return false
	}
}

// cleanPath turns a URL path into a name inside the tree ("" is the top).
// It refuses parent segments (also when encoded as %2e%2e), backslashes
// and NUL bytes instead of cleaning them away.
func cleanPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	return name, fs.ValidPath(name) || name == ""
}

// resolve finds the file for name: name/index.html for a folder request;
// otherwise name itself, then name.html. For a folder with an index asked
// for without its slash it reports a redirect. file is "" when not found.
func resolve(root fs.StatFS, name string, dirRequest bool) (file string, redirect bool) {
	join := func(elem string) string { return strings.TrimPrefix(path.Join(name, elem), "/") }
	if name == "" || dirRequest {
		if isFile(root, join("index.html")) {
			return join("index.html"), false
		}
		return "", false
	}
	if fi, err := root.Stat(name); err == nil {
		if fi.Mode().IsRegular() {
			return name, false
		}
		if fi.IsDir() && isFile(root, join("index.html")) {
			return "", true
		}
	}
	if isFile(root, name+".html") {
		return name + ".html", false
	}
	return "", false
}

func isFile(root fs.StatFS, name string) bool {
	fi, err := root.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

func isHTML(name string) bool { return strings.HasSuffix(name, ".html") }

// serveFile writes one file of t. Pages get the reload script.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, t *tree, name string, status int, gen int64) {
	f, err := t.fsys.Open(name)
	if err != nil {
		http.Error(w, "filen kan ikke læses", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		http.Error(w, "filen kan ikke læses", http.StatusInternalServerError)
		return
	}
	if !isHTML(name) {
		w.Header().Set("Cache-Control", s.cacheControl(r.URL.Path))
		rs, ok := f.(io.ReadSeeker)
		if !ok {
			b, err := io.ReadAll(f)
			if err != nil {
				http.Error(w, "filen kan ikke læses", http.StatusInternalServerError)
				return
			}
			rs = bytes.NewReader(b)
		}
		http.ServeContent(w, r, name, fi.ModTime(), rs)
		return
	}
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "filen kan ikke læses", http.StatusInternalServerError)
		return
	}
	writePage(w, r, status, inject(page, gen, s.cfg.Editor))
}

// cacheControl returns the Cache-Control header of a file that is not a page.
func (s *Server) cacheControl(urlPath string) string {
	for _, p := range s.cfg.Immutable {
		if strings.HasPrefix(urlPath, p) {
			return "public, max-age=31536000, immutable"
		}
	}
	return "no-cache"
}

// serveNotFound answers with the site's 404.html and status 404.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, t *tree, gen int64) {
	if isFile(t.fsys, "404.html") {
		s.serveFile(w, r, t, "404.html", http.StatusNotFound, gen)
		return
	}
	page := []byte("<!doctype html><html lang=\"da\"><title>Siden findes ikke</title><h1>Siden findes ikke</h1></html>")
	writePage(w, r, http.StatusNotFound, inject(page, gen, s.cfg.Editor))
}

func (s *Server) serveErrorPage(w http.ResponseWriter, r *http.Request, problems []*Problem, gen int64) {
	writePage(w, r, http.StatusInternalServerError, inject(errorPage(s.root, problems, s.cfg.Editor), gen, s.cfg.Editor))
}

func writePage(w http.ResponseWriter, r *http.Request, status int, page []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", CSP)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// serveStatic serves one of the server's own files; asked for with its
// hash (?v=), as pages do, it may be cached for good.
func serveStatic(w http.ResponseWriter, r *http.Request, name string) {
	b, err := static.ReadFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	if v := r.URL.Query().Get("v"); v != "" && v == staticHash(name) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Write(b)
}
