package editor

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"katalog/internal/devserver"
)

// Size limits for request bodies.
const (
	MaxSaveBytes   = 2 << 20  // a save, a journal entry, a rename, a delete or a new page
	MaxUploadBytes = 30 << 20 // an upload, multipart overhead included; upload.MaxBytes is checked after
)

// TokenHeader is the request header that carries the session token.
const TokenHeader = "X-Katalog-Token"

// Config says where the site is and how a save is checked.
type Config struct {
	// Root is the site's root folder, the one with content/ and skabeloner/.
	Root string

	// Journal is the folder for unsaved work. It must be outside content/;
	// the default is <Root>/.cache/rediger.
	Journal string

	// Build, if set, checks a file as it would be saved: overlay maps the
	// file's slash-separated path ("content/cases/x.md") to its new bytes.
	// An error refuses the save; its *diag.Error values are shown to the
	// editor.
	Build func(ctx context.Context, overlay map[string][]byte) error

	// Renderer, if set, renders the live preview (api/preview), and checks
	// a save when Build is not set.
	Renderer *Renderer
}

// An Editor is the http.Handler of the browser editor. It is safe for
// concurrent use.
type Editor struct {
	root     string // absolute site root
	journal  string // absolute journal folder
	build    func(context.Context, map[string][]byte) error
	renderer *Renderer
	token    string

	// mu serialises everything that writes to content/, so that the check
	// of a file's version and its replacement are one step for requests to
	// this editor. jmu does the same for the journal, which must not wait
	// for a save's build.
	mu, jmu sync.Mutex
}

// New returns an editor for the site at cfg.Root with a new random session
// token.
func New(cfg Config) (*Editor, error) {
	if cfg.Root == "" {
		return nil, errors.New("editor: Config.Root is empty")
	}
	root, err := filepath.Abs(cfg.Root)
	if err != nil {
		return nil, fmt.Errorf("editor: %w", err)
	}
	if fi, err := os.Stat(filepath.Join(root, "content")); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("editor: %s har ingen mappe content/ (start fra sitets rodmappe)", root)
	}
	journal := cfg.Journal
	if journal == "" {
		journal = filepath.Join(root, ".cache", "rediger")
	}
	if journal, err = filepath.Abs(journal); err != nil {
		return nil, fmt.Errorf("editor: %w", err)
	}
	content := filepath.Join(root, "content")
	if rel, err := filepath.Rel(content, journal); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("editor: kladdemappen %s ligger i content/; vælg en mappe uden for content/", journal)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("editor: %w", err)
	}
	build := cfg.Build
	if build == nil && cfg.Renderer != nil {
		build = cfg.Renderer.Check
	}
	return &Editor{root: root, journal: journal, build: build, renderer: cfg.Renderer, token: hex.EncodeToString(b[:])}, nil
}

// Token returns the session token every request that is not a GET must send
// in the X-Katalog-Token header. The editor's own HTML pages carry it in
// <meta name="katalog-token">.
func (e *Editor) Token() string { return e.token }

// A route is one address of the editor and the methods it answers.
type route struct {
	methods []string
	handle  func(e *Editor, w http.ResponseWriter, r *http.Request)
}

var routes = map[string]route{
	"":            {[]string{"GET"}, (*Editor).serveIndex},
	"api/files":   {[]string{"GET"}, (*Editor).serveListJSON},
	"api/file":    {[]string{"GET"}, (*Editor).serveFile},
	"api/save":    {[]string{"POST"}, (*Editor).serveSave},
	"api/journal": {[]string{"GET", "POST", "DELETE"}, (*Editor).serveJournal},
	"api/rename":  {[]string{"POST"}, (*Editor).serveRename},
	"api/delete":  {[]string{"POST"}, (*Editor).serveDelete},
	"api/new":     {[]string{"POST"}, (*Editor).serveNew},
	"api/upload":  {[]string{"POST"}, (*Editor).serveUpload},
	"api/preview": {[]string{"GET", "POST"}, (*Editor).servePreview},
	"api/alt":     {[]string{"GET"}, (*Editor).serveAlt},
	"vis":         {[]string{"GET"}, (*Editor).serveVisit},
}

// ServeHTTP answers a request whose path has had the editor's prefix
// removed (mount it with http.StripPrefix("/_katalog/rediger", e) or
// StripPrefix of the prefix with its slash). The checks, in order: the Host
// (403), the address (404), the method (405), and for anything but GET and
// HEAD the Origin (403) and the token (403).
func (e *Editor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowedHost(r.Host) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("Redigeringen svarer kun på localhost, 127.0.0.1 og [::1], ikke på %q.", r.Host))
		return
	}
	p := strings.TrimPrefix(r.URL.Path, "/")
	rt, ok := routes[p]
	if !ok && strings.HasPrefix(p, "content/") {
		rt, ok = route{[]string{"GET"}, (*Editor).servePage}, true
	}
	if !ok && strings.HasPrefix(p, "ui/") {
		rt, ok = route{[]string{"GET"}, (*Editor).serveUI}, true
	}
	if !ok {
		writeError(w, http.StatusNotFound, "Siden findes ikke i redigeringen.")
		return
	}
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	allowed := false
	for _, m := range rt.methods {
		allowed = allowed || m == method
	}
	if !allowed {
		w.Header().Set("Allow", strings.Join(rt.methods, ", "))
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("Metoden %s bruges ikke her (brug %s).", r.Method, strings.Join(rt.methods, " eller ")))
		return
	}
	if method != http.MethodGet {
		if msg := e.checkWrite(r); msg != "" {
			writeError(w, http.StatusForbidden, msg)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", devserver.CSP)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	rt.handle(e, w, r)
}

// checkWrite returns why a request that may write is refused, or "".
func (e *Editor) checkWrite(r *http.Request) string {
	origins := r.Header.Values("Origin")
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if len(origins) != 1 || !strings.EqualFold(origins[0], scheme+"://"+r.Host) {
		return "Ændringer tages kun imod fra redigeringens egne sider (forkert eller manglende Origin). Genindlæs siden, og prøv igen."
	}
	got := r.Header.Get(TokenHeader)
	if len(got) != len(e.token) || subtle.ConstantTimeCompare([]byte(got), []byte(e.token)) != 1 {
		return "Ændringen mangler redigeringens adgangsnøgle, eller nøglen er forældet (serveren er startet igen). Genindlæs siden, og prøv igen."
	}
	return ""
}

// allowedHost reports whether a Host header names this machine by a
// loopback name: localhost, 127.0.0.1 or [::1], with any numeric port or
// none. Case does not matter, and one trailing dot is dropped. The rule is
// that of the preview's own host check (devserver/host.go), narrowed to
// loopback: the editor writes files, so it does not answer on a LAN address.
// A rebound domain (DNS rebinding) arrives with its own name as Host and is
// refused.
func allowedHost(hostport string) bool {
	h, port := hostport, ""
	if rest, found := strings.CutPrefix(h, "["); found {
		addr, after, found := strings.Cut(rest, "]")
		if !found {
			return false
		}
		h, port = addr, after
	} else if i := strings.IndexByte(h, ':'); i >= 0 {
		h, port = h[:i], h[i:]
	}
	if port != "" && (port[0] != ':' || len(port) == 1 || strings.Trim(port[1:], "0123456789") != "") {
		return false
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(h)
	if err != nil || ip.Zone() != "" {
		return false
	}
	return ip == netip.MustParseAddr("127.0.0.1") || ip == netip.IPv6Loopback()
}

// apiError is the body of every refusal.
type apiError struct {
	Error    string    `json:"error"`              // in Danish, for the editor
	Problems []problem `json:"problems,omitempty"` // positioned errors from the build
}

// A problem is one positioned error from Config.Build.
type problem struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Msg  string `json:"msg"`
	Key  string `json:"key,omitempty"` // the form's field of a problem in the edited file: a front matter key or "body"
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// readJSON decodes a request body of at most MaxSaveBytes into v. It writes
// the refusal (413 or 400) and returns false when it cannot.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, MaxSaveBytes)
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Ændringen er for stor (højst %d MB).", MaxSaveBytes>>20))
			return false
		}
		writeError(w, http.StatusBadRequest, "Forespørgslen kunne ikke læses (forventede JSON).")
		return false
	}
	return true
}
