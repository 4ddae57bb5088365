package devserver

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"katalog/internal/diag"
)

// TestProblemsOf checks that the error page gets a build's positioned
// errors as they are, through joining and wrapping, and any other error
// as a problem without a position.
func TestProblemsOf(t *testing.T) {
	a := &diag.Error{File: "content/cases/a.md", Line: 3, Col: 2, Msg: "ukendt felt"}
	b := &diag.Error{File: "layouts/case.html", Line: 7, Msg: "ukendt funktion"}
	other := errors.New("disken er fuld")
	tests := []struct {
		err  error
		want string
	}{
		{errors.Join(a, b), "content/cases/a.md:3:2: ukendt felt|layouts/case.html:7: ukendt funktion|"},
		{fmt.Errorf("byg: %w", a), "content/cases/a.md:3:2: ukendt felt|"},
		{errors.Join(a, other), "content/cases/a.md:3:2: ukendt felt|disken er fuld|"},
		{other, "disken er fuld|"},
	}
	for _, tt := range tests {
		got := ""
		for _, p := range problemsOf(tt.err) {
			got += p.Error() + "|"
		}
		if got != tt.want {
			t.Errorf("problemsOf(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

// TestHandlers checks that a handler mounted at a prefix answers its
// paths, behind the same host check as the site.
func TestHandlers(t *testing.T) {
	root := newSite(t)
	mounted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "redigering "+r.URL.Path) })
	s, err := New(Config{Root: root, Build: fakeBuild(root), Delay: testDelay, Handlers: map[string]http.Handler{"/_katalog/rediger/": mounted}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Rebuild(t.Context(), nil)
	for _, p := range []string{"/_katalog/rediger/", "/_katalog/rediger/api/file", "/_katalog/rediger"} {
		if got := body(t, get(t, s, p)); got != "redigering "+p {
			t.Errorf("GET %s = %q", p, got)
		}
	}
	if got := body(t, get(t, s, "/")); strings.Contains(got, "redigering") {
		t.Errorf("GET / went to the mounted handler: %q", got)
	}
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/_katalog/rediger/", nil)
	r.Host = "evil.example"
	s.ServeHTTP(rec, r)
	if rec.Code != http.StatusForbidden {
		t.Errorf("GET with a foreign Host = %d, want 403", rec.Code)
	}
}
