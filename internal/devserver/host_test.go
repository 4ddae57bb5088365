package devserver

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// request sends one request with the given Host and Origin (none if empty)
// to s. Event streams are asked for with a context that has ended, so that
// an accepted stream returns after its hello.
func request(s *Server, path, host, origin string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", path, nil)
	r.Host = host
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	if path == "/_katalog/events" {
		ctx, cancel := context.WithCancel(r.Context())
		cancel()
		r = r.WithContext(ctx)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	return rec
}

var guardedPaths = []string{"/", "/cases/a/", "/css/site.css", "/_katalog/events", "/_katalog/reload.js", "/_katalog/error.css", "/findes-ikke/"}

// TestHostAccepted: the forms of this server's own host, with and without
// a port, in any case, with a trailing dot.
func TestHostAccepted(t *testing.T) {
	s, _ := newServer(t) // listens on 127.0.0.1:1313 (Config.Addr is empty)
	hosts := []string{
		"localhost", "localhost:1313", "localhost:8080", "LOCALHOST:1313", "LocalHost", "localhost.", "localhost.:1313", "localhost:",
		"127.0.0.1", "127.0.0.1:1313", "127.0.0.1.:1313",
		"[::1]", "[::1]:1313", "[0:0:0:0:0:0:0:1]:1313",
		"127.0.0.2:1313", // any loopback address: an address cannot be rebound
	}
	origins := []string{"", "http://localhost:1313", "http://127.0.0.1:1313", "http://[::1]:1313", "http://LOCALHOST", "https://localhost:1313"}
	for _, host := range hosts {
		for _, origin := range origins {
			for _, path := range guardedPaths {
				if rec := request(s, path, host, origin); rec.Code == http.StatusForbidden {
					t.Errorf("GET %s with Host %q, Origin %q = 403 %q, want it served", path, host, origin, rec.Body)
				}
			}
		}
	}
}

// TestHostRefused: a request for another host gets 403, on every path, the
// event stream and /_katalog/ included (F12, DNS rebinding).
func TestHostRefused(t *testing.T) {
	s, _ := newServer(t)
	hosts := []string{
		"evil.example", "evil.example:1313", "EVIL.example:1313",
		"localhost.evil.example", "localhost.evil.example:1313", "127.0.0.1.nip.io:1313", "evillocalhost",
		"", ":1313",
		"192.168.1.4:1313", "10.0.0.1", // not the listen address
		"::1", "::1:1313", "[localhost]:1313", "[127.0.0.1]:1313", "[::1", // malformed
		"localhost:13a3", "localhost:1313:1", "localhost:-1",
		"localhost..", "localhost. ",
	}
	for _, host := range hosts {
		for _, path := range guardedPaths {
			rec := request(s, path, host, "")
			if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "forhåndsvisningen svarer kun på localhost") {
				t.Errorf("GET %s with Host %q = %d %q, want 403 with the Danish reason", path, host, rec.Code, rec.Body)
			}
			if strings.Contains(rec.Body.String(), "event: hello") || strings.Contains(rec.Body.String(), "Case A") {
				t.Errorf("GET %s with Host %q leaked %q", path, host, rec.Body)
			}
		}
	}
}

// TestOriginRefused: a page of another origin may not read the event stream
// (or anything else), even when its request names this host.
func TestOriginRefused(t *testing.T) {
	s, _ := newServer(t)
	origins := []string{
		"http://evil.example", "http://evil.example:1313", "https://evil.example",
		"http://localhost.evil.example:1313", "null", "file://", "ftp://localhost",
		"http://localhost:1313/side", "localhost:1313", "http://192.168.1.4:1313",
	}
	for _, origin := range origins {
		for _, path := range guardedPaths {
			rec := request(s, path, "localhost:1313", origin)
			if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "ukendt oprindelse") {
				t.Errorf("GET %s with Origin %q = %d %q, want 403", path, origin, rec.Code, rec.Body)
			}
		}
	}
	// Two Origin headers: no browser sends them.
	r := httptest.NewRequest("GET", "/", nil)
	r.Host = "localhost:1313"
	r.Header.Add("Origin", "http://localhost:1313")
	r.Header.Add("Origin", "http://evil.example")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	if rec.Code != http.StatusForbidden {
		t.Errorf("GET / with two Origin headers = %d, want 403", rec.Code)
	}
}

// TestHostOfListenAddress: the host of Config.Addr is allowed too; on every
// interface, so is any IP address (the machine's LAN address), but still no
// name.
func TestHostOfListenAddress(t *testing.T) {
	tests := []struct {
		addr     string
		host     string
		accepted bool
	}{
		{"katalog.test:1313", "katalog.test:1313", true},
		{"katalog.test:1313", "KATALOG.TEST.", true},
		{"katalog.test:1313", "localhost:1313", true},
		{"katalog.test:1313", "evil.example:1313", false},
		{"192.168.1.4:1313", "192.168.1.4:1313", true},
		{"192.168.1.4:1313", "192.168.1.5:1313", false},
		{"[fe80::1]:1313", "[fe80::1]:1313", true},
		{"0.0.0.0:1313", "192.168.1.4:1313", true},
		{"0.0.0.0:1313", "[fe80::1]:1313", true},
		{"0.0.0.0:1313", "evil.example:1313", false},
		{":1313", "10.0.0.7", true},
		{":1313", "evil.example", false},
		{"[::]:1313", "192.168.1.4", true},
		{"127.0.0.1:1313", "192.168.1.4:1313", false},
	}
	for _, tt := range tests {
		root := newSite(t)
		s, err := New(Config{Root: root, Addr: tt.addr, Build: fakeBuild(root)})
		if err != nil {
			t.Fatal(err)
		}
		s.Rebuild(t.Context(), nil)
		rec := request(s, "/", tt.host, "")
		if got := rec.Code != http.StatusForbidden; got != tt.accepted {
			t.Errorf("listening on %s, GET / with Host %q = %d, want accepted %v", tt.addr, tt.host, rec.Code, tt.accepted)
		}
		s.Close()
	}
}
