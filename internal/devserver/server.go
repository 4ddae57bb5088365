package devserver

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"katalog/internal/diag"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"
)

// Config configures a preview server.
type Config struct {
	Root string // site root; Root/content, Root/layouts and Root/assets are watched
	Addr string // listen address for ListenAndServe; "127.0.0.1:1313" if empty. Its host is one the server answers to (see ServeHTTP)

	// Build builds the complete site and returns it as a file system, a
	// fresh one each time: the server serves it until the next good build
	// replaces it, and closes it then if it is an io.Closer. changed lists
	// the changed paths relative to Root (slash-separated); it is nil for
	// the first build and after a rescan. The error page lists the
	// error's positioned errors (diag.Errors), and any other error as text.
	Build func(ctx context.Context, changed []string) (fs.FS, error)

	// Immutable lists URL path prefixes ("/assets/") of files that carry a
	// content hash in their name. They are served with the production
	// header that caches them for a year, so a reload fetches only the page.
	Immutable []string

	// Handlers serves more of the preview: URL path prefix ("/_katalog/rediger/")
	// → handler, behind the same Host and Origin checks as the site.
	Handlers map[string]http.Handler

	// Editor, if set, is the address of the browser editor
	// ("/_katalog/rediger/"): every served page gets a "Rediger denne side"
	// link to <Editor>vis?url=<the page's path>, and the error page links
	// each content file it names to <Editor><file>#linje-<line>.
	Editor string

	Delay time.Duration // batching window for file events; 20 ms if zero
	Log   io.Writer     // progress and errors, in Danish; discarded if nil
}

// A Problem is one content or layout error shown on the error page: the
// program's one error type, with a position when it is about a file.
type Problem = diag.Error

// problemsOf returns the problems in a build's error: its positioned
// errors, and each other error as a problem without a position.
func problemsOf(err error) []*Problem {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var out []*Problem
	for _, e := range errs {
		if ps := diag.Errors(e); len(ps) > 0 {
			out = append(out, ps...)
		} else {
			out = append(out, &Problem{Msg: e.Error()})
		}
	}
	return out
}

// where returns "file:line:col", or as much of it as is known.
func where(p *Problem) string {
	w := p.File
	if p.Line > 0 {
		w += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			w += fmt.Sprintf(":%d", p.Col)
		}
	}
	return w
}

// A Server builds the site, serves the newest good build and tells
// connected browsers when it changes.
type Server struct {
	cfg   Config
	root  string // absolute Config.Root
	hub   *hub
	seq   int      // number of builds not cancelled; one build at a time
	carry batch    // changes of a build that was not shown; one build at a time
	w     *watcher // set by Serve

	hosts       hostGuard     // the hosts the server answers to
	handler     http.Handler  // serve behind the host check
	idleTimeout time.Duration // of keep-alive connections; tests shorten it
	ready       chan struct{} // closed when the first build has finished

	mu       sync.Mutex
	site     *tree      // the last good build; nil before the first
	problems []*Problem // of the last build; nil when it succeeded
	gen      int64      // number of builds finished
	closed   bool
}

// New returns a server for cfg. Close (or Serve, which closes when done)
// closes the build it serves.
func New(cfg Config) (*Server, error) {
	if cfg.Build == nil {
		return nil, errors.New("devserver: Config.Build is nil")
	}
	if cfg.Delay <= 0 {
		cfg.Delay = 20 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	root, err := filepath.Abs(cfg.Root)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, root: root, hub: newHub(),
		hosts:       newHostGuard(cmp.Or(cfg.Addr, defaultAddr)),
		idleTimeout: 2 * time.Minute,
		ready:       make(chan struct{}),
	}
	s.handler = s.checkHost(http.HandlerFunc(s.serve))
	return s, nil
}

// defaultAddr is where ListenAndServe listens when Config.Addr is empty.
const defaultAddr = "127.0.0.1:1313"

// ListenAndServe listens on Config.Addr and calls Serve.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", cmp.Or(s.cfg.Addr, defaultAddr))
	if err != nil {
		s.Close()
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve watches the sources, builds the site and serves it on ln until ctx
// is cancelled. Requests that come before the first build has finished
// wait for it. When ctx ends, Serve cancels the running build, shuts the
// HTTP server down and returns within shutdownGrace, whether or not the
// build has noticed: Ctrl-C must stop the preview at once, even in the
// middle of a long build. A build that ignores its context finishes in the
// background and its result is dropped. The build it served is closed.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	defer s.Close()
	if s.cfg.Addr == "" {
		s.hosts = newHostGuard(ln.Addr().String())
	}
	w, err := newWatcher(s.root, "", s.cfg.Delay)
	if err != nil {
		return fmt.Errorf("overvåg %s: %w", s.root, err)
	}
	s.w = w
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { w.run(ctx) })
	built := make(chan struct{}) // closed when the build loop is done
	go func() { s.loop(ctx, w.out); close(built) }()

	srv := s.httpServer()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-s.ready:
		fmt.Fprintf(s.cfg.Log, "Serverer kataloget på %s\n", siteURL(ln.Addr()))
		select {
		case <-ctx.Done():
		case err = <-errc:
		}
	case <-ctx.Done():
	case err = <-errc:
	}
	cancel()
	sctx, stop := context.WithTimeout(context.Background(), shutdownGrace)
	defer stop()
	if srv.Shutdown(sctx) != nil {
		srv.Close() // a request that has not finished in time is cut off
	}
	wg.Wait()
	select {
	case <-built:
	case <-sctx.Done():
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// shutdownGrace is how long Serve waits for requests and the running build
// once its context is done.
const shutdownGrace = 500 * time.Millisecond

// httpServer returns the HTTP server for s. ReadHeaderTimeout closes
// connections that never finish their headers (slowloris), IdleTimeout
// keep-alive connections that sit unused. There is no WriteTimeout: it
// would cut the event streams, which stay open as long as a page is shown
// (the hub pings them every 20 seconds; they end with the request's
// context).
func (s *Server) httpServer() *http.Server {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       s.idleTimeout,
	}
	srv.RegisterOnShutdown(s.hub.close)
	return srv
}

// loop builds the site, first all of it and then for each batch of changes,
// until ctx is done. Builds run one at a time. A batch that arrives while a
// build runs makes that build obsolete: its context is cancelled, its
// result dropped, and its changes are built with the new ones as soon as it
// has returned (see rebuild). When ctx is done, loop cancels the running
// build and returns once it has returned.
func (s *Server) loop(ctx context.Context, batches <-chan batch) {
	next, waiting := batch{full: true}, true
	cancel := context.CancelFunc(func() {})
	var done chan struct{} // closed when the running build returns; nil if none runs
	defer func() {
		cancel()
		if done != nil {
			<-done
		}
	}()
	for {
		if done == nil && waiting {
			bctx, stop := context.WithCancel(ctx)
			cancel = stop
			done = make(chan struct{})
			go func(b batch, done chan struct{}) {
				defer close(done)
				s.rebuild(bctx, b)
			}(next, done)
			next, waiting = batch{}, false
		}
		select {
		case <-ctx.Done():
			return
		case b := <-batches:
			next, waiting = merge(next, b), true
			cancel()
		case <-done:
			cancel()
			done = nil
		}
	}
}

// Close stops the event streams and closes the build it serves. It is safe
// to call more than once.
func (s *Server) Close() error {
	s.hub.close()
	s.mu.Lock()
	site := s.site
	s.site, s.closed = nil, true
	s.mu.Unlock()
	if site != nil {
		site.retire()
		select { // let requests in flight finish with it
		case <-site.removed:
		case <-time.After(5 * time.Second):
		}
	}
	return nil
}

// generation returns the number of builds finished so far.
func (s *Server) generation() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen
}

// state returns the current site with a reference held (release it), the
// problems of the last build and the generation.
func (s *Server) state() (*tree, []*Problem, int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.site != nil {
		s.site.acquire()
	}
	return s.site, s.problems, s.gen
}

// siteURL is the address to open in a browser for a listener on addr; a
// listener on every interface is reached at 127.0.0.1.
func siteURL(addr net.Addr) string {
	a, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String() + "/"
	}
	if a.IP == nil || a.IP.IsUnspecified() {
		return fmt.Sprintf("http://127.0.0.1:%d/", a.Port)
	}
	return "http://" + a.String() + "/"
}
