// Command katalog builds and previews the "Fra bolig til hjem" catalogue.
//
//	katalog build   writes the whole site to public/
//	katalog serve   builds, serves on 127.0.0.1 and reloads the browser on save
//	katalog new     starts a new case, theme or page from a template
//	katalog check   checks the content before it is published
//
// Exit codes: 0 success, 1 content errors, 2 usage errors.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Brug: katalog <kommando> [flag]

Kommandoer:
  build   byg hele sitet til public/
  serve   byg, vis sitet lokalt og genindlæs browseren ved hver ændring
  new     opret en ny case, et tema eller en side ud fra en skabelon
  check   tjek indholdet, før det udgives

Skriv "katalog <kommando> -h" for kommandoens flag.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
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
