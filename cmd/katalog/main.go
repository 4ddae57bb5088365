// Command katalog builds and previews the "Fra bolig til hjem" catalogue.
//
//	katalog build   writes the whole site to public/
//	katalog serve   builds, serves on 127.0.0.1 and reloads the browser on save
//	katalog new     starts a new case, theme or page from a template
//	katalog check   checks the content before it is published
//
// Exit codes: 0 success, 1 content errors, 2 usage errors, 130 a second
// Ctrl-C. The first Ctrl-C (SIGINT or SIGTERM) cancels the command; serve
// stops within a second. A second one ends katalog at once, whatever still
// runs, with "katalog: afbrudt" and 130 (128 + SIGINT, as shells report it).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

const usage = `Brug: katalog <kommando> [flag]

Kommandoer:
  build   byg hele sitet til public/
  serve   byg, vis sitet lokalt og genindlæs browseren ved hver ændring
  new     opret en ny case, et tema eller en side ud fra en skabelon
  check   tjek indholdet, før det udgives

Skriv "katalog <kommando> -h" for kommandoens flag. Uden kommando, i en
mappe med et site (eller når programmet ligger i sitets mappe), starter
katalog forhåndsvisningen og åbner redigeringen i browseren.
`

// findSite returns the site folder a bare "katalog" works on: the current
// folder when it has content/, else the folder the program lies in (a
// double-click on macOS starts programs in the home folder).
func findSite() (string, bool) {
	if isSite(".") {
		return ".", true
	}
	if exe, err := os.Executable(); err == nil {
		if dir := filepath.Dir(exe); isSite(dir) {
			return dir, true
		}
	}
	return "", false
}

func isSite(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "content"))
	return err == nil && fi.IsDir()
}

func main() {
	ctx, stop := interruptible(os.Stderr, os.Exit)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// interruptible returns a context that ends at the first SIGINT or SIGTERM.
// A second signal calls exit(130); after a second, a hint says so.
func interruptible(stderr io.Writer, exit func(int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-done:
			return
		}
		hint := time.After(time.Second)
		for {
			select {
			case <-sigs:
				fmt.Fprintln(stderr, "katalog: afbrudt")
				exit(130)
				return
			case <-hint:
				fmt.Fprintln(stderr, "katalog: stopper … (tryk Ctrl-C igen for at afbryde med det samme)")
			case <-done:
				return
			}
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}

// run dispatches to a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// A double-click: inside a site folder (or beside the program in
		// one), start the preview and open the editor.
		if root, ok := findSite(); ok {
			return runServe(ctx, []string{"-src", root, "-drafts", "-rediger", "-addr", "127.0.0.1:1313"}, stdout, stderr)
		}
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmds := map[string]func(context.Context, []string, io.Writer, io.Writer) int{
		"build": runBuild,
		"serve": runServe,
		"new":   runNew,
		"check": runCheck,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "katalog: ukendt kommando %q\n\n%s", args[0], usage)
		return 2
	}
	return cmd(ctx, args[1:], stdout, stderr)
}
