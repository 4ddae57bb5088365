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
// appends a word to the file and times the write to the signal; -budget
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
	if o.file == "" || len(o.command) == 0 || (o.kind != "katalog" && o.kind != "hugo") {
		fmt.Fprintln(stderr, "usage: latency -kind katalog|hugo -site DIR -addr HOST:PORT -file FILE [-saves N] -- command...")
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
		d, err := save(ctx, file, events, o)
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

// save waits for quiet, appends a word to file and returns the time from
// the write to the next reload signal.
func save(ctx context.Context, file string, events <-chan time.Time, o options) (time.Duration, error) {
	drain(events, o.pause)
	start := time.Now()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	_, err = f.WriteString(" hjem")
	if cerr := f.Close(); err == nil {
		err = cerr
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
