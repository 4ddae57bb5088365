package devserver

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"katalog/internal/diag"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestErrorPageKeepsAssets(t *testing.T) {
	s, root := newServer(t)
	write(t, filepath.Join(root, "content/cases/a.md"), "linje 1\nlinje 2\nBROKEN\nlinje 4")
	s.Rebuild(t.Context(), []string{"content/cases/a.md"})
	for _, p := range []string{"/", "/cases/a/", "/cases/b/", "/nope/"} {
		res := get(t, s, p)
		b := body(t, res)
		if res.StatusCode != 500 {
			t.Errorf("GET %s = %d, want 500", p, res.StatusCode)
		}
		for _, want := range []string{"content/cases/a.md:3:1", "ødelagt linje – slet den", `<span class="no">2</span>linje 2`, `class="here"><span class="no">3</span>BROKEN`, "reload.js", `lang="da"`} {
			if !strings.Contains(b, want) {
				t.Errorf("GET %s: error page lacks %q", p, want)
			}
		}
	}
	// Assets still come from the last good build.
	if res := get(t, s, "/css/site.css"); res.StatusCode != 200 {
		t.Errorf("GET /css/site.css during an error = %d, want 200", res.StatusCode)
	}
	if res := get(t, s, "/_katalog/error.css"); res.StatusCode != 200 {
		t.Errorf("GET /_katalog/error.css = %d, want 200", res.StatusCode)
	}
	write(t, filepath.Join(root, "content/cases/a.md"), "Rettet")
	s.Rebuild(t.Context(), []string{"content/cases/a.md"})
	if res := get(t, s, "/cases/a/"); res.StatusCode != 200 || !strings.Contains(body(t, res), "Rettet") {
		t.Errorf("after the fix GET /cases/a/ = %d, want 200 with the new text", res.StatusCode)
	}
}

func TestPanicIsShown(t *testing.T) {
	s, root := newServer(t)
	write(t, filepath.Join(root, "content/cases/b.md"), "PANIC")
	s.Rebuild(t.Context(), []string{"content/cases/b.md"})
	res := get(t, s, "/cases/a/")
	if b := body(t, res); res.StatusCode != 500 || !strings.Contains(b, "panik under byggeriet: template exploded") {
		t.Errorf("after a panic GET /cases/a/ = %d %.200q, want 500 naming the panic", res.StatusCode, b)
	}
}

func TestFirstBuildFails(t *testing.T) {
	root := newSite(t)
	write(t, filepath.Join(root, "content/cases/a.md"), "BROKEN")
	s, err := New(Config{Root: root, Build: fakeBuild(root)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Rebuild(t.Context(), nil)
	for _, p := range []string{"/", "/css/site.css"} {
		if res := get(t, s, p); res.StatusCode != 500 {
			t.Errorf("GET %s with no good build = %d, want 500", p, res.StatusCode)
		}
	}
}

// events subscribes to the hub directly.
func events(t *testing.T, s *Server) chan event {
	t.Helper()
	c, ok := s.hub.subscribe()
	if !ok {
		t.Fatal("hub closed")
	}
	t.Cleanup(func() { s.hub.unsubscribe(c) })
	return c
}

func recv(t *testing.T, c chan event) event {
	t.Helper()
	select {
	case e := <-c:
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
		return event{}
	}
}

func TestReloadEvents(t *testing.T) {
	s, root := newServer(t)
	c := events(t, s)
	steps := []struct {
		file, text string
		want       string
	}{
		{"assets/css/site.css", "body{color:red}", "css"},
		{"content/cases/a.md", "ny tekst", "reload"},
		{"content/cases/a.md", "BROKEN", "reload"},
		// The browser shows the error page: even a stylesheet-only build
		// (the fix is counted as one below) reloads it.
		{"content/cases/a.md", "ok igen", "reload"},
		{"assets/css/site.css", "body{color:blue}", "css"},
		{"assets/img/logo.svg", "<svg/>", "reload"},
	}
	for i, st := range steps {
		write(t, filepath.Join(root, st.file), st.text)
		changed := []string{st.file}
		if i == 3 {
			changed = []string{"assets/css/site.css"}
		}
		s.Rebuild(t.Context(), changed)
		e := recv(t, c)
		if e.name != st.want || e.gen != int64(i+2) {
			t.Errorf("step %d (%s): event %+v, want %s gen %d", i, st.file, e, st.want, i+2)
		}
	}
}

func TestOldTreesRemoved(t *testing.T) {
	s, root := newServer(t)
	first, _, _ := s.state() // a request still reading from the first build
	for range 3 {
		write(t, filepath.Join(root, "content/cases/a.md"), "x")
		s.Rebuild(t.Context(), []string{"content/cases/a.md"})
	}
	if _, err := os.Stat(dirOf(first)); err != nil {
		t.Fatalf("build removed while in use: %v", err)
	}
	first.release()
	<-first.removed
	if _, err := os.Stat(dirOf(first)); !os.IsNotExist(err) {
		t.Errorf("old build %s still there after its last request", dirOf(first))
	}
	waitFor(t, func() bool { entries, _ := os.ReadDir(builds(root)); return len(entries) == 1 })
}

func TestSSE(t *testing.T) {
	s, root := newServer(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/_katalog/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	expect := func(want ...string) {
		t.Helper()
		for _, w := range want {
			select {
			case got := <-lines:
				if got != w {
					t.Fatalf("line %q, want %q", got, w)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("no line, want %q", w)
			}
		}
	}
	expect("retry: 300", "event: hello", "data: 1", "")
	write(t, filepath.Join(root, "assets/css/site.css"), "p{}")
	s.Rebuild(t.Context(), []string{"assets/css/site.css"})
	expect("event: css", "data: 2", "")
	// Closing the server ends the stream.
	s.Close()
	select {
	case _, ok := <-lines:
		if ok {
			t.Error("stream continued after Close")
		}
	case <-time.After(5 * time.Second):
		t.Error("stream not closed")
	}
}

func TestServeShutsDownCleanly(t *testing.T) {
	root := newSite(t)
	_, url, cancel, done := startServer(t, Config{Root: root, Build: fakeBuild(root), Delay: testDelay})
	waitFor(t, func() bool { res, err := http.Get(url + "/cases/a/"); return err == nil && res.StatusCode == 200 })
	// An open event stream must not hold the shutdown up.
	res, err := http.Get(url + "/_katalog/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	write(t, filepath.Join(root, "content/cases/a.md"), "Ændret")
	waitFor(t, func() bool {
		res, err := http.Get(url + "/cases/a/")
		return err == nil && strings.Contains(body(t, res), "Ændret")
	})
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if entries, _ := os.ReadDir(builds(root)); len(entries) != 0 {
		t.Errorf("builds left in %s after the server stopped: %d", builds(root), len(entries))
	}
}

// startServer starts a server on a free loopback port. cancel stops it;
// done receives what Serve returned.
func startServer(t *testing.T, cfg Config) (s *Server, url string, cancel context.CancelFunc, done chan error) {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done = make(chan error)
	go func() { done <- s.Serve(ctx, ln) }()
	return s, "http://" + ln.Addr().String(), cancel, done
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("condition not met within 10 s")
}

// TestFailureDuringChangesNotShown: a build that fails while files change
// under it is not announced; the build of the settled files is.
func TestFailureDuringChangesNotShown(t *testing.T) {
	root := newSite(t)
	good := fakeBuild(root)
	calls := 0
	build := func(ctx context.Context, changed []string) (fs.FS, error) {
		calls++
		if calls == 2 { // a file changes while this build reads it
			write(t, filepath.Join(root, "content/cases/a.md"), "færdig")
			time.Sleep(5 * testDelay)
			return nil, diag.List{{File: "content/cases/a.md", Msg: "filen kan ikke læses"}}.Err()
		}
		return good(ctx, changed)
	}
	s, _, cancel, done := startServer(t, Config{Root: root, Build: build, Delay: testDelay})
	defer func() { cancel(); <-done }() // Serve removes its builds
	waitFor(t, func() bool { return s.generation() == 1 })
	c := events(t, s)
	write(t, filepath.Join(root, "content/cases/a.md"), "halvt")
	if e := recv(t, c); e.name != "reload" || e.gen != 2 {
		t.Errorf("event %+v, want reload gen 2", e)
	}
	_, problems, _ := s.state()
	if problems != nil || calls != 3 {
		t.Errorf("after %d builds problems = %v, want the failed one skipped", calls, problems)
	}
	if b := body(t, get(t, s, "/cases/a/")); !strings.Contains(b, "færdig") {
		t.Errorf("GET /cases/a/ = %q, want the settled text", b)
	}
}

// TestSkippedChangesCarried: the changes of a build that was not shown count
// with the next one, so a page change followed by a stylesheet change still
// reloads.
func TestSkippedChangesCarried(t *testing.T) {
	s, _ := newServer(t)
	c := events(t, s)
	s.carry = batch{changed: []string{"content/cases/a.md"}}
	s.Rebuild(t.Context(), []string{"assets/css/site.css"})
	if e := recv(t, c); e.name != "reload" {
		t.Errorf("event %+v, want reload", e)
	}
	s.Rebuild(t.Context(), []string{"assets/css/site.css"})
	if e := recv(t, c); e.name != "css" {
		t.Errorf("event %+v, want css once the carried change is built", e)
	}
}

func TestSiteURL(t *testing.T) {
	for _, tt := range []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}, "http://127.0.0.1:1313/"},
		{&net.TCPAddr{IP: net.IPv6zero, Port: 1313}, "http://127.0.0.1:1313/"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 80}, "http://127.0.0.1:80/"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 1313}, "http://[::1]:1313/"},
	} {
		if got := siteURL(tt.addr); got != tt.want {
			t.Errorf("siteURL(%v) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	s, _ := newServer(t)
	srv := s.httpServer()
	if srv.ReadHeaderTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Errorf("ReadHeaderTimeout %v, IdleTimeout %v, want both set (slowloris, idle keep-alive connections)", srv.ReadHeaderTimeout, srv.IdleTimeout)
	}
	if srv.WriteTimeout != 0 || srv.ReadTimeout != 0 {
		t.Errorf("WriteTimeout %v, ReadTimeout %v, want none: they would cut the event streams", srv.WriteTimeout, srv.ReadTimeout)
	}
}

// TestIdleConnectionClosed: a keep-alive connection that sits unused is
// closed (F15/4j: 300 of them stayed open), while an event stream that
// stays quiet for longer goes on.
func TestIdleConnectionClosed(t *testing.T) {
	root := newSite(t)
	s, err := New(Config{Root: root, Build: fakeBuild(root), Delay: testDelay})
	if err != nil {
		t.Fatal(err)
	}
	const idle = 200 * time.Millisecond
	s.idleTimeout = idle
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()

	stream, err := http.Get("http://" + ln.Addr().String() + "/_katalog/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	lines := bufio.NewReader(stream.Body)

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET /cases/a/ HTTP/1.1\r\nHost: localhost\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Close {
		t.Fatalf("GET /cases/a/ = %d (close %v), want 200 on a connection kept alive", res.StatusCode, res.Close)
	}
	start := time.Now()
	conn.SetReadDeadline(start.Add(10 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Errorf("idle connection: read = %v, want EOF (closed by the server)", err)
	}
	if d := time.Since(start); d < idle/2 || d > 5*time.Second {
		t.Errorf("idle connection closed after %v, want about %v", d, idle)
	}

	// The stream has been quiet for longer than the idle timeout.
	for l := ""; l != "\n"; {
		if l, err = lines.ReadString('\n'); err != nil {
			t.Fatalf("event stream: %v", err)
		}
	}
	time.Sleep(2 * idle)
	write(t, filepath.Join(root, "content/cases/a.md"), "Ændret")
	var got []string
	for !slices.Contains(got, "event: reload\n") {
		l, err := lines.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream after %v quiet: %v (read %q)", 2*idle, err, got)
		}
		got = append(got, l)
	}
}
