package devserver

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// Rebuild builds the site once, as if the paths in changed (relative to the
// root) had changed, and swaps the result in. Serve calls it for every batch
// of file events; tests may call it directly.
func (s *Server) Rebuild(ctx context.Context, changed []string) {
	s.rebuild(ctx, batch{changed: changed, full: changed == nil})
}

// rebuild builds the site afresh. Only a complete build is swapped in;
// browsers are told after the swap. A failed build keeps the last good site
// for assets and turns every page into the error page. A build whose ctx is
// cancelled (newer changes made it obsolete, or the server stops) is
// dropped, even when it finished: its changes are kept for the next build,
// so that no change is lost.
func (s *Server) rebuild(ctx context.Context, b batch) {
	start := time.Now()
	b = merge(s.carry, b)
	s.carry = batch{}
	changed := b.changed
	if b.full {
		changed = nil
	}
	seen := s.changes()
	fsys, problems := s.callBuild(ctx, changed)
	if ctx.Err() != nil {
		closeFS(fsys)
		s.carry = b
		return
	}
	s.seq++
	if len(problems) > 0 && s.changes() != seen {
		// Files changed while the build read them (a folder renamed, a
		// file deleted halfway): the failure may be of a state that never
		// existed. The next batch is on its way; show its outcome instead,
		// and count these changes with it.
		closeFS(fsys)
		s.carry = b
		return
	}
	var t *tree
	if len(problems) == 0 {
		if fsys == nil {
			problems = []*Problem{{Msg: "byggeriet gav intet websted"}}
		} else {
			t = newTree(fsys)
		}
	}
	if len(problems) > 0 {
		closeFS(fsys)
	}
	e, ok := s.swap(ctx, t, problems, cssOnly(b))
	if !ok {
		s.carry = b
		return
	}
	s.report(start, b, problems)
	s.hub.send(e)
}

// merge returns the changes of a and b as one batch.
func merge(a, b batch) batch {
	if len(a.changed) == 0 && !a.full {
		return b
	}
	changed := slices.Concat(a.changed, b.changed)
	slices.Sort(changed)
	return batch{changed: slices.Compact(changed), full: a.full || b.full}
}

// changes returns the number of changes the watcher has seen.
func (s *Server) changes() int64 {
	if s.w == nil {
		return 0
	}
	return s.w.events.Load()
}

// callBuild runs Config.Build, turning an error or a panic into problems.
func (s *Server) callBuild(ctx context.Context, changed []string) (fsys fs.FS, problems []*Problem) {
	defer func() {
		if v := recover(); v != nil {
			fsys, problems = nil, []*Problem{{Msg: fmt.Sprintf("panik under byggeriet: %v\n\n%s", v, debug.Stack())}}
		}
	}()
	fsys, err := s.cfg.Build(ctx, changed)
	if err != nil {
		problems = problemsOf(err)
	}
	return fsys, problems
}

// closeFS closes a build that will not be served.
func closeFS(fsys fs.FS) {
	if c, ok := fsys.(io.Closer); ok {
		c.Close()
	}
}

// swap installs the outcome of a build and returns the event to send:
// "css" only when stylesheets alone changed and the browser shows a good
// page already, "reload" otherwise. Once the server is closed or ctx is
// cancelled, it drops the build and reports false. ctx is checked under the
// lock, so a build is either shown or dropped, never shown after its
// cancellation.
func (s *Server) swap(ctx context.Context, t *tree, problems []*Problem, css bool) (event, bool) {
	s.mu.Lock()
	if s.closed || ctx.Err() != nil {
		s.mu.Unlock()
		if t != nil {
			t.retire()
		}
		return event{}, false
	}
	wasBroken := s.problems != nil || s.site == nil
	old := s.site
	if t != nil {
		s.site, s.problems = t, nil
	} else {
		s.problems, old = problems, nil
	}
	s.gen++
	if s.gen == 1 {
		close(s.ready)
	}
	e := event{name: "reload", gen: s.gen}
	if css && t != nil && !wasBroken {
		e.name = "css"
	}
	s.mu.Unlock()
	if old != nil {
		old.retire()
	}
	return e, true
}

// cssOnly reports whether every change in b is a stylesheet under assets/.
func cssOnly(b batch) bool {
	if b.full || len(b.changed) == 0 {
		return false
	}
	for _, p := range b.changed {
		if !strings.HasPrefix(p, "assets/") || !strings.HasSuffix(p, ".css") {
			return false
		}
	}
	return true
}

// report logs the outcome of a build in Danish.
func (s *Server) report(start time.Time, b batch, problems []*Problem) {
	ms := time.Since(start).Milliseconds()
	if len(problems) > 0 {
		fmt.Fprintf(s.cfg.Log, "Fejl i indholdet:\n")
		for _, p := range problems {
			fmt.Fprintf(s.cfg.Log, "  %s\n", p)
		}
		fmt.Fprintf(s.cfg.Log, "Siden viser fejlen, indtil den er rettet (%d ms).\n", ms)
		return
	}
	verb := "Genopbygget"
	if s.seq == 1 {
		verb = "Bygget"
	}
	fmt.Fprintf(s.cfg.Log, "%s på %d ms%s\n", verb, ms, describe(b))
}

// describe names the changes behind a rebuild: ": content/x.md og 2 andre".
func describe(b batch) string {
	switch n := len(b.changed); {
	case b.full || n == 0:
		return ""
	case n == 1:
		return ": " + b.changed[0]
	case n == 2:
		return ": " + b.changed[0] + " og 1 anden"
	default:
		return fmt.Sprintf(": %s og %d andre", b.changed[0], n-1)
	}
}
