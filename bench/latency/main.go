// Command latency measures how long a preview server takes from a saved
// content file to the live-reload signal it sends the browsers.
//
//	go run ./bench/latency -kind katalog -site DIR -addr 127.0.0.1:8088 \
//		-file content/cases/x.md -saves 20 -- katalog serve -addr 127.0.0.1:8088
//
// It starts the command after "--" in the site folder, waits until the
// server answers, opens the page of the edited file (as a browser showing
// it would) and the reload channel — the Server-Sent Events stream
// /_katalog/events for katalog ("event: reload"), the livereload websocket
// /livereload for Hugo ({"command":"reload"}) — and then, -saves times,
// appends a word to the file (-edit title: changes its title in the front
// matter instead) and times the write to the signal; -budget
// stops a slow server early, after at least three saves. It prints the
// number of saves, the median, the 90th percentile, the minimum and the
// maximum in milliseconds on one line, and stops the server.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"
	"time"
)

type options struct {
	kind, site, addr, file string
	edit                   string
	saves                  int
	pause, timeout, start  time.Duration
	budget                 time.Duration
	verbose                bool
	command                []string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o options
	fl := flag.NewFlagSet("latency", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&o.kind, "kind", "katalog", `server kind: "katalog" or "hugo"`)
	fl.StringVar(&o.site, "site", ".", "site folder; the command runs there")
	fl.StringVar(&o.addr, "addr", "127.0.0.1:8088", "address the server listens on")
	fl.StringVar(&o.file, "file", "", "content file to append to, relative to -site")
	fl.StringVar(&o.edit, "edit", "body", `what each save changes: "body" (a word appended) or "title" (the front matter's title)`)
	fl.IntVar(&o.saves, "saves", 20, "number of saves")
	fl.DurationVar(&o.pause, "pause", 700*time.Millisecond, "quiet time before each save")
	fl.DurationVar(&o.timeout, "timeout", 5*time.Minute, "longest wait for one reload signal")
	fl.DurationVar(&o.start, "start", 10*time.Minute, "longest wait for the server to start")
	fl.DurationVar(&o.budget, "budget", 0, "stop saving after this long (but not before 3 saves); 0 means no limit")
	fl.BoolVar(&o.verbose, "v", false, "print each save's latency")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	o.command = fl.Args()
	if o.file == "" || len(o.command) == 0 || (o.kind != "katalog" && o.kind != "hugo") || (o.edit != "body" && o.edit != "title") {
		fmt.Fprintln(stderr, "usage: latency -kind katalog|hugo -site DIR -addr HOST:PORT -file FILE [-edit body|title] [-saves N] -- command...")
		return 2
	}
	ds, err := measure(ctx, o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "latency:", err)
		return 1
	}
	fmt.Fprintln(stdout, summarize(ds))
	return 0
}

// pageURL returns the address of the page built from a content file:
// content/cases/x.md → /cases/x/.
func pageURL(file string) string {
	p := strings.TrimPrefix(filepath.ToSlash(file), "content/")
	return "/" + strings.TrimSuffix(p, path.Ext(p)) + "/"
}

// measure starts the server and times o.saves saves.
func measure(ctx context.Context, o options, stderr io.Writer) ([]time.Duration, error) {
	srv, err := startServer(ctx, o, stderr)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	events, err := subscribe(ctx, o.kind, o.addr)
	if err != nil {
		return nil, err
	}
	if err := get(ctx, "http://"+o.addr+pageURL(o.file)); err != nil {
		return nil, err
	}
	file := filepath.Join(o.site, o.file)
	var ds []time.Duration
	begin := time.Now()
	for i := 0; i < o.saves && !overBudget(o, i, begin); i++ {
		d, err := save(ctx, file, i, events, o)
		if err != nil {
			return nil, fmt.Errorf("save %d: %w", i+1, err)
		}
		if o.verbose {
			fmt.Fprintf(stderr, "save %d: %.1f ms\n", i+1, ms(d))
		}
		ds = append(ds, d)
	}
	return ds, nil
}

// overBudget reports whether a slow server has used up the time budget
// after at least three saves.
func overBudget(o options, saves int, begin time.Time) bool {
	return o.budget > 0 && saves >= 3 && time.Since(begin) > o.budget
}

// save waits for quiet, makes the n-th edit of file and returns the time
// from the write to the next reload signal.
func save(ctx context.Context, file string, n int, events <-chan time.Time, o options) (time.Duration, error) {
	drain(events, o.pause)
	var src []byte
	if o.edit == "title" {
		var err error
		if src, err = os.ReadFile(file); err != nil {
			return 0, err
		}
		if src, err = retitle(src, n); err != nil {
			return 0, fmt.Errorf("%s: %w", file, err)
		}
	}
	start := time.Now()
	var err error
	if src != nil {
		err = os.WriteFile(file, src, 0o644)
	} else {
		err = appendWord(file)
	}
	if err != nil {
		return 0, err
	}
	select {
	case t, ok := <-events:
		if !ok {
			return 0, fmt.Errorf("the reload channel closed")
		}
		return t.Sub(start), nil
	case <-time.After(o.timeout):
		return 0, fmt.Errorf("no reload signal within %v", o.timeout)
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func appendWord(file string) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(" hjem")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// retitle returns src with the title in its YAML front matter numbered n:
// `title: "Et hjem"` becomes `title: "Et hjem (n)"`, replacing an earlier
// number.
func retitle(src []byte, n int) ([]byte, error) {
	lines := strings.SplitAfter(string(src), "\n")
	for i, l := range lines {
		if i > 0 && strings.TrimSpace(l) == "---" {
			break
		}
		rest, ok := strings.CutPrefix(l, "title: ")
		if !ok {
			continue
		}
		title := strings.Trim(strings.TrimSpace(rest), `"`)
		if j := strings.LastIndex(title, " ("); j >= 0 && strings.HasSuffix(title, ")") {
			title = title[:j]
		}
		lines[i] = fmt.Sprintf("title: %q\n", fmt.Sprintf("%s (%d)", title, n))
		return []byte(strings.Join(lines, "")), nil
	}
	return nil, fmt.Errorf("no title in the front matter")
}

// drain discards signals until none has come for quiet.
func drain(events <-chan time.Time, quiet time.Duration) {
	for {
		select {
		case <-events:
		case <-time.After(quiet):
			return
		}
	}
}
