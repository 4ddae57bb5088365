package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"katalog/generator"
	"katalog/internal/devserver"
)

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": true, "localhost:1313": true, "[::1]:1313": true,
		":1313": false, "0.0.0.0:1313": false, "192.168.1.4:1313": false, "1313": false,
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-h"}, 0, "Brug: katalog serve"},
		{[]string{"-port", "1"}, 2, "flag provided but not defined"},
		{[]string{"-src", "..", "x"}, 2, `uventet argument "x"`},
		{[]string{"-src", t.TempDir()}, 2, "der er ingen mappe content/"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := runServe(t.Context(), tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("serve %q = %d, stderr %q, want %d and %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// copySite copies the shipped site's sources into a temporary root.
func copySite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content", "layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// startServe runs "katalog serve" on a copy of the site until the test ends.
func startServe(t *testing.T, root string, flags ...string) (url string, out *syncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	out = new(syncBuffer)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	args := append([]string{"-src", root, "-addr", addr}, flags...)
	go func() { done <- runServe(ctx, args, out, out) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited with %d:\n%s", code, out)
		}
	})
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(out.String(), "Serverer kataloget på"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", out)
		}
	}
	return "http://" + addr, out
}

// TestServeSoak makes 300 random edits, creations, deletions and renames on
// a copy of the shipped site while it is served. Afterwards every file of a
// clean build must be served as built, the deleted pages must be gone, and
// the server must still answer.
func TestServeSoak(t *testing.T) {
	root := copySite(t)
	url, out := startServe(t, root)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	m := &siteMutator{t: t, root: root, rng: rand.New(rand.NewPCG(seed, 2)), created: map[string]bool{}, gone: map[string]bool{}}
	for range 300 {
		m.step()
		// Mostly bursts, now and then a pause long enough for a build.
		pause := time.Duration(m.rng.IntN(6)) * time.Millisecond
		if m.rng.IntN(12) == 0 {
			pause = time.Duration(60+m.rng.IntN(200)) * time.Millisecond
		}
		time.Sleep(pause)
	}
	want := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(t.Context(), generator.Config{Root: root, Out: want, BaseURL: "/"}); err != nil {
		t.Fatalf("clean build: %v", err)
	}
	os.Remove(filepath.Join(want, generator.Marker)) // a file of the folder, not of the site
	var diff string
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if diff = servedDiff(url, want, m.gone); diff == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %d operations the server does not serve a clean build: %s\nserver log:\n%s", m.ops, diff, out)
		}
	}
	t.Logf("%d operations, %d rebuilds, %d failed", m.ops, strings.Count(out.String(), "Genopbygget"), strings.Count(out.String(), "Fejl i indholdet"))
	if testing.Verbose() {
		t.Logf("server log:\n%s", out)
	}
}

var titleLine = regexp.MustCompile(`(?m)^title: .*$`)

var reloadTag = regexp.MustCompile(`<script src="/_katalog/reload\.js\?v=[0-9a-f]+" data-gen="\d+"( data-edit="/_katalog/rediger/")? defer></script>`)

// servedDiff fetches every file of the clean build want and each gone page,
// and describes the first difference.
func servedDiff(url, want string, gone map[string]bool) string {
	var diff string
	filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || diff != "" {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, want))
		status, got, err := fetch(url + strings.TrimSuffix(rel, "index.html"))
		b, _ := os.ReadFile(p)
		switch {
		case err != nil:
			diff = err.Error()
		case status != http.StatusOK || !bytes.Equal(got, b):
			diff = fmt.Sprintf("GET %s = %d, %d bytes, want 200, %d bytes", rel, status, len(got), len(b))
		}
		return nil
	})
	for slug := range gone {
		if status, _, _ := fetch(url + "/cases/" + slug + "/"); diff == "" && status != http.StatusNotFound {
			diff = fmt.Sprintf("deleted /cases/%s/ = %d, want 404", slug, status)
		}
	}
	return diff
}

func fetch(url string) (int, []byte, error) {
	res, err := http.Get(url)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, reloadTag.ReplaceAll(b, nil), err
}

// A siteMutator edits the site the way editors do: saves in place and
// atomically, vim's dance of backup and swap files, new cases copied from
// old ones, renames and deletions of those, and stylesheet changes.
type siteMutator struct {
	t       *testing.T
	root    string
	rng     *rand.Rand
	ops, n  int
	created map[string]bool // slugs of the cases this test added
	gone    map[string]bool // slugs of the cases it removed
}

func (m *siteMutator) path(slug string) string {
	return filepath.Join(m.root, "content/cases", slug+".md")
}

func (m *siteMutator) step() {
	m.ops++
	cases, _ := filepath.Glob(filepath.Join(m.root, "content/cases/*.md"))
	pick := cases[m.rng.IntN(len(cases))]
	text, _ := os.ReadFile(pick)
	switch op := m.rng.IntN(10); {
	case op < 3: // edit the text at the end
		m.save(pick, fmt.Appendf(bytes.Clone(text), "\nÆndring %d.\n", m.ops))
	case op < 5: // a new case from an old one
		m.n++
		slug := fmt.Sprintf("soak-%d", m.n)
		m.save(m.path(slug), titleLine.ReplaceAll(text, fmt.Appendf(nil, "title: \"Ny case nummer %d\"", m.n)))
		m.created[slug] = true
		delete(m.gone, slug)
	case op < 6 && len(m.created) > 0: // delete one of them
		slug := m.anyCreated()
		os.Remove(m.path(slug))
		delete(m.created, slug)
		m.gone[slug] = true
	case op < 7 && len(m.created) > 0: // rename one of them
		m.n++
		from, to := m.anyCreated(), fmt.Sprintf("soak-%d", m.n)
		os.Rename(m.path(from), m.path(to))
		delete(m.created, from)
		m.created[to] = true
		m.gone[from] = true
	case op < 9: // a stylesheet
		css, _ := filepath.Glob(filepath.Join(m.root, "assets/css/*.css"))
		name := css[m.rng.IntN(len(css))]
		b, _ := os.ReadFile(name)
		m.save(name, fmt.Appendf(b, "\n.soak-%d{margin:%dpx}\n", m.ops, m.rng.IntN(50)))
	default: // editor litter that is not a change
		litter := filepath.Join(filepath.Dir(pick), []string{"4913", ".x.md.swp", "x.md~", "x.md___jb_tmp___"}[m.rng.IntN(4)])
		os.WriteFile(litter, []byte("x"), 0o644)
		os.Remove(litter)
	}
}

func (m *siteMutator) anyCreated() string {
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range m.created {
			if !yield(k) {
				return
			}
		}
	})
	return keys[m.rng.IntN(len(keys))]
}

// save writes in place, atomically or the way vim does, at random.
func (m *siteMutator) save(name string, b []byte) {
	switch m.rng.IntN(3) {
	case 0:
		os.WriteFile(name, b, 0o644)
	case 1:
		tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
		os.WriteFile(tmp, b, 0o644)
		os.Rename(tmp, name)
	default:
		os.WriteFile(filepath.Join(filepath.Dir(name), "4913"), nil, 0o644)
		os.Remove(filepath.Join(filepath.Dir(name), "4913"))
		os.Rename(name, name+"~")
		os.WriteFile(name, b, 0o644)
		os.Remove(name + "~")
	}
}

// TestServeCSP keeps the preview's policy in step with production's.
func TestServeCSP(t *testing.T) {
	b, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Content-Security-Policy = "([^"]*)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no Content-Security-Policy in netlify.toml")
	}
	want := strings.TrimSuffix(string(m[1]), "; upgrade-insecure-requests")
	if devserver.CSP != want {
		t.Errorf("devserver.CSP = %q, want netlify.toml's %q without upgrade-insecure-requests", devserver.CSP, want)
	}
}

func TestServeDrafts(t *testing.T) {
	root := copySite(t)
	b, err := os.ReadFile(filepath.Join(root, "content/cases/ombold-fodbold.md"))
	if err != nil {
		t.Fatal(err)
	}
	draft := titleLine.ReplaceAll(b, []byte("title: \"En case under arbejde\"\ndraft: true"))
	if err := os.WriteFile(filepath.Join(root, "content/cases/under-arbejde.md"), draft, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		flags  []string
		status int
	}{{nil, http.StatusNotFound}, {[]string{"-drafts"}, http.StatusOK}} {
		url, _ := startServe(t, root, tt.flags...)
		status, body, err := fetch(url + "/cases/under-arbejde/")
		if err != nil {
			t.Fatal(err)
		}
		if status != tt.status || (status == http.StatusOK) != bytes.Contains(body, []byte("Kladde")) {
			t.Errorf("serve %q: GET /cases/under-arbejde/ = %d (marked Kladde: %v), want %d, marked only when shown",
				tt.flags, status, bytes.Contains(body, []byte("Kladde")), tt.status)
		}
	}
}

// TestServeLikeNetlify checks the shipped site's URLs through the server.
func TestServeLikeNetlify(t *testing.T) {
	root := copySite(t)
	name := filepath.Join(root, "content/cases/ombold-fodbold.md")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("---\n"), []byte("---\naliases: [\"/gammel/ombold/\"]\n"), 1)
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	url, _ := startServe(t, root)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path, location string
		status         int
		contains       string
	}{
		{"/", "", 200, "<html lang=da>"},
		{"/cases/ombold-fodbold/", "", 200, "Fodbold som fast holdepunkt"},
		{"/cases/ombold-fodbold", "/cases/ombold-fodbold/", 301, ""},
		{"/findes-ikke/", "", 404, "Siden findes ikke"},
		{"/gammel/ombold/", "", 200, `content="0; url=/cases/ombold-fodbold/"`}, // an alias
		{"/../go.mod", "", 400, ""},
	}
	for _, tt := range tests {
		res, err := client.Get(url + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status || res.Header.Get("Location") != tt.location || !bytes.Contains(b, []byte(tt.contains)) {
			t.Errorf("GET %s = %d, Location %q, want %d, %q, containing %q", tt.path, res.StatusCode, res.Header.Get("Location"), tt.status, tt.location, tt.contains)
		}
	}
}
