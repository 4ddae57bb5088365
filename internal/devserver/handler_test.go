package devserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, target string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", target, nil)
	r.Host = "localhost:1313" // httptest's example.com is refused
	h.ServeHTTP(rec, r)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServePrettyURLs(t *testing.T) {
	s, _ := newServer(t)
	tests := []struct {
		path     string
		status   int
		contains string
		location string
	}{
		{"/", 200, "Forside", ""},
		{"/cases/a/", 200, "Case A", ""},
		{"/cases/a/index.html", 200, "Case A", ""},
		{"/cases/a", 301, "", "/cases/a/"},
		{"/cases/a?x=1", 301, "", "/cases/a/?x=1"},
		{"/cases/", 404, "Siden findes ikke", ""},
		{"/findes/ikke/", 404, "Siden findes ikke", ""},
		{"/css/site.css", 200, "body{color:black}", ""},
		{"/downloads/x", 404, "Siden findes ikke", ""},
		{"/img/logo.svg", 200, "<svg", ""},
	}
	for _, tt := range tests {
		res := get(t, s, tt.path)
		b := body(t, res)
		if res.StatusCode != tt.status || !strings.Contains(b, tt.contains) {
			t.Errorf("GET %s = %d %.60q, want %d containing %q", tt.path, res.StatusCode, b, tt.status, tt.contains)
		}
		if got := res.Header.Get("Location"); got != tt.location {
			t.Errorf("GET %s: Location = %q, want %q", tt.path, got, tt.location)
		}
	}
}

func TestServeHTMLFallback(t *testing.T) {
	s, _ := newServer(t)
	// /x may be x.html, as on Netlify.
	site, _, _ := s.state()
	defer site.release()
	write(t, filepath.Join(dirOf(site), "om.html"), "<html><head></head><body>Om</body></html>")
	res := get(t, s, "/om")
	if b := body(t, res); res.StatusCode != 200 || !strings.Contains(b, "Om") {
		t.Errorf("GET /om = %d %q, want 200 with om.html", res.StatusCode, b)
	}
}

func TestServeInjectsScriptIntoPagesOnly(t *testing.T) {
	s, _ := newServer(t)
	for _, p := range []string{"/", "/cases/b/", "/nope"} {
		res := get(t, s, p)
		b := body(t, res)
		head, _, _ := strings.Cut(b, "</head>")
		if !strings.Contains(head, fmt.Sprintf(scriptTag, 1)) || !strings.Contains(head, `<script src="/_katalog/reload.js?v=`) {
			t.Errorf("GET %s: no reload script before </head> in %q", p, b)
		}
		if got := res.Header.Get("Content-Security-Policy"); got != CSP {
			t.Errorf("GET %s: CSP = %q, want %q", p, got, CSP)
		}
	}
	for _, p := range []string{"/css/site.css", "/js/search.js", "/img/logo.svg"} {
		if b := body(t, get(t, s, p)); strings.Contains(b, "reload.js") {
			t.Errorf("GET %s: reload script in a non-page: %q", p, b)
		}
	}
	// The files on disk never get the script.
	site, _, _ := s.state()
	defer site.release()
	filepath.WalkDir(dirOf(site), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "reload.js") {
				t.Errorf("%s on disk contains the reload script", p)
			}
		}
		return nil
	})
}

func TestServeReloadScript(t *testing.T) {
	s, _ := newServer(t)
	res := get(t, s, "/_katalog/reload.js")
	b := body(t, res)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "javascript") || !strings.Contains(b, "EventSource") {
		t.Errorf("GET /_katalog/reload.js = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if got := res.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("GET /_katalog/reload.js: Cache-Control %q, want no-cache", got)
	}
	// The address pages use carries the script's hash: cached for good.
	src := strings.Split(strings.Split(scriptTag, `src="`)[1], `"`)[0]
	if got := get(t, s, src).Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("GET %s: Cache-Control %q", src, got)
	}
}

func TestServeRefusesTraversal(t *testing.T) {
	s, root := newServer(t)
	secret := filepath.Join(root, "secret.txt")
	write(t, secret, "HEMMELIG")
	site, _, _ := s.state()
	defer site.release()
	if err := os.Symlink(secret, filepath.Join(dirOf(site), "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(dirOf(site), "linkdir")); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, p := range []string{
		"/../secret.txt",
		"/cases/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/secret.txt",
		"/cases/%2e%2e%2f%2e%2e%2fsecret.txt",
		"/..%5csecret.txt",
		"/cases\\..\\..\\secret.txt",
		"/link.txt",
		"/linkdir/secret.txt",
	} {
		// Send the path as is: clients and http.NewRequest would clean it.
		status, b := rawGet(t, srv.Listener.Addr().String(), p)
		if strings.Contains(b, "HEMMELIG") || status == 200 {
			t.Errorf("GET %s = %d %.80q, want refused", p, status, b)
		}
	}
}

// rawGet sends a request line exactly as given.
func rawGet(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	conn, err := (&net.Dialer{}).DialContext(t.Context(), "tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, body(t, res)
}

func TestServeImmutableFiles(t *testing.T) {
	root := newSite(t)
	s, err := New(Config{Root: root, Build: fakeBuild(root), Immutable: []string{"/img/"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Rebuild(t.Context(), nil)
	for path, want := range map[string]string{
		"/img/logo.svg":    "public, max-age=31536000, immutable",
		"/css/site.css":    "no-cache",
		"/downloads/x.txt": "no-cache",
		"/cases/a/":        "no-store",
	} {
		if got := get(t, s, path).Header.Get("Cache-Control"); got != want {
			t.Errorf("GET %s: Cache-Control %q, want %q", path, got, want)
		}
	}
}
