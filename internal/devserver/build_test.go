package devserver

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// TestObsoleteBuildCancelled: changes that arrive while a build runs cancel
// it; its result is dropped, and the next build gets its changes together
// with the new ones (F6/4p: a fix saved during a long build was not shown).
func TestObsoleteBuildCancelled(t *testing.T) {
	root := newSite(t)
	good := fakeBuild(root)
	type call struct {
		ctx     context.Context
		changed []string
	}
	calls := make(chan call, 10)
	var running, overlaps atomic.Int32
	build := func(ctx context.Context, changed []string) (fs.FS, error) {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		defer running.Add(-1)
		calls <- call{ctx, changed}
		if slices.Equal(changed, []string{"content/cases/a.md"}) {
			<-ctx.Done() // a long build, until it is cancelled
			// A build that returns a result anyway: it must not be shown.
			return fstest.MapFS{"cases/a/index.html": {Data: []byte("FORÆLDET")}}, nil
		}
		return good(ctx, changed)
	}
	s, err := New(Config{Root: root, Build: build})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := events(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	batches := make(chan batch)
	done := make(chan struct{})
	go func() { s.loop(ctx, batches); close(done) }()
	defer func() { cancel(); <-done }()

	if first := <-calls; first.changed != nil {
		t.Fatalf("first build changed = %q, want nil (everything)", first.changed)
	}
	if e := recv(t, c); e.gen != 1 {
		t.Fatalf("event %+v, want gen 1", e)
	}
	write(t, filepath.Join(root, "content/cases/a.md"), "Første ændring")
	batches <- batch{changed: []string{"content/cases/a.md"}}
	long := <-calls
	write(t, filepath.Join(root, "content/cases/b.md"), "Anden ændring")
	batches <- batch{changed: []string{"content/cases/b.md"}}
	next := <-calls
	if long.ctx.Err() == nil {
		t.Error("the obsolete build's context was not cancelled")
	}
	if want := []string{"content/cases/a.md", "content/cases/b.md"}; !slices.Equal(next.changed, want) {
		t.Errorf("next build changed = %q, want %q (the cancelled build's changes too)", next.changed, want)
	}
	if e := recv(t, c); e.name != "reload" || e.gen != 2 {
		t.Errorf("event %+v, want reload gen 2 (the cancelled build sends none)", e)
	}
	for path, want := range map[string]string{"/cases/a/": "Første ændring", "/cases/b/": "Anden ændring"} {
		if b := body(t, get(t, s, path)); !strings.Contains(b, want) || strings.Contains(b, "FORÆLDET") {
			t.Errorf("GET %s = %q, want the last completed build with %q", path, b, want)
		}
	}
	if n := overlaps.Load(); n > 0 {
		t.Errorf("%d builds ran while another one did", n)
	}
}

// TestCancelledBuildsPileUp: a batch that arrives while a cancelled build
// is still returning joins the next build as well; nothing is lost however
// many builds are cancelled in a row.
func TestCancelledBuildsPileUp(t *testing.T) {
	root := newSite(t)
	good := fakeBuild(root)
	release := make(chan struct{})
	var last atomic.Pointer[[]string]
	build := func(ctx context.Context, changed []string) (fs.FS, error) {
		if changed == nil {
			return good(ctx, changed)
		}
		last.Store(&changed)
		select {
		case <-release: // the build after the burst
			return good(ctx, changed)
		case <-ctx.Done():
			time.Sleep(20 * time.Millisecond) // slow to notice
			return nil, ctx.Err()
		}
	}
	s, err := New(Config{Root: root, Build: build})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(t.Context())
	batches := make(chan batch)
	done := make(chan struct{})
	go func() { s.loop(ctx, batches); close(done) }()
	defer func() { cancel(); <-done }()
	<-s.ready
	var want []string
	for _, f := range []string{"a", "b", "c", "d", "e", "f"} {
		p := "content/cases/" + f + ".md"
		want = append(want, p)
		batches <- batch{changed: []string{p}}
	}
	close(release)
	waitFor(t, func() bool { return s.generation() == 2 })
	if got := *last.Load(); !slices.Equal(got, want) {
		t.Errorf("the build after the burst got %q, want %q", got, want)
	}
	if s.generation() != 2 {
		t.Errorf("generation %d, want 2: one build after the first", s.generation())
	}
}

// TestServeStopsDuringBuild: Serve returns soon after its context ends even
// while a build runs that ignores its context (F6: Ctrl-C took 174 s).
func TestServeStopsDuringBuild(t *testing.T) {
	for _, first := range []bool{true, false} {
		root := newSite(t)
		good := fakeBuild(root)
		started, release := make(chan struct{}), make(chan struct{})
		defer close(release)
		build := func(ctx context.Context, changed []string) (fs.FS, error) {
			if first || changed != nil {
				close(started)
				<-release // deaf to ctx
				return nil, errors.New("for sent")
			}
			return good(ctx, changed)
		}
		s, url, cancel, done := startServer(t, Config{Root: root, Build: build, Delay: testDelay})
		waiting := make(chan int, 1)
		if first {
			// A request before the first build waits for it; shutting
			// down ends it.
			go func() {
				res, err := http.Get(url + "/cases/a/")
				if err != nil {
					waiting <- 0
					return
				}
				res.Body.Close()
				waiting <- res.StatusCode
			}()
		} else {
			waitFor(t, func() bool { return s.generation() == 1 })
			write(t, filepath.Join(root, "content/cases/a.md"), "Ændret")
		}
		<-started
		if !first {
			// The last good build is served while the next one runs.
			if b := body(t, get(t, s, "/cases/a/")); !strings.Contains(b, "Case A") {
				t.Errorf("GET /cases/a/ during a build = %q, want the last good build", b)
			}
		}
		start := time.Now()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve = %v", err)
			}
			t.Logf("first build %v: Serve returned %v after cancel", first, time.Since(start))
		case <-time.After(5 * time.Second):
			t.Fatalf("first build %v: Serve did not return within 5 s of cancel while a build ran", first)
		}
		if first {
			select {
			case code := <-waiting:
				if code == http.StatusOK {
					t.Errorf("a request waiting for the first build got %d, want no page", code)
				}
			case <-time.After(5 * time.Second):
				t.Error("a request waiting for the first build still waits after Serve returned")
			}
		}
	}
}
