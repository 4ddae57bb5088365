package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"katalog/generator"
)

const buildUsage = `Brug: katalog build [-src MAPPE] [-out MAPPE] [-drafts] [-baseurl URL]

Bygger hele sitet fra content/, layouts/ og assets/ til en mappe. Den gamle
udgave erstattes først, når den nye er helt færdig.

`

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("src", ".", "sitets rodmappe (med content/, layouts/ og assets/)")
	out := fs.String("out", "public", "mappen, sitet skrives til (relativt til -src)")
	drafts := fs.Bool("drafts", false, "tag kladder med")
	baseURL := fs.String("baseurl", "", "sitets adresse, fx https://fraboligtilhjem.dk/ (standard: $URL, ellers /)")
	cpuprofile := fs.String("cpuprofile", "", "skriv en CPU-profil til filen (for udviklere)")
	memprofile := fs.String("memprofile", "", "skriv en hukommelsesprofil til filen (for udviklere)")
	fs.Usage = func() { fmt.Fprint(stderr, buildUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "katalog build: uventet argument %q\n", fs.Arg(0))
		return 2
	}
	if *baseURL == "" {
		*baseURL = os.Getenv("URL")
	}
	dir := *out
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(*src, dir)
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "katalog build: %v\n", err)
			return 2
		}
		defer stop()
	}
	if *memprofile != "" {
		defer writeMemProfile(*memprofile, stderr)
	}
	limitMemory()
	start := time.Now()
	res, err := generator.Build(ctx, generator.Config{Root: *src, Out: dir, Drafts: *drafts, BaseURL: *baseURL})
	if errors.Is(err, generator.ErrOutput) {
		fmt.Fprintf(stderr, "katalog build: %v\n", err)
		return 2
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "katalog build: afbrudt; den forrige udgave af sitet er urørt")
		return 130
	}
	if err != nil {
		return reportErrors(stderr, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "katalog build: advarsel: %s\n", w)
	}
	fmt.Fprintf(stdout, "Byggede %d sider og %d filer i alt til %s på %d ms\n", res.Pages, res.Files, dir, time.Since(start).Milliseconds())
	return 0
}

// reportErrors prints each content error once, with a count, and returns
// exit code 1; other errors also exit 1.
func reportErrors(w io.Writer, err error) int {
	errs := generator.SourceErrors(err)
	if len(errs) == 0 {
		fmt.Fprintf(w, "katalog: %v\n", err)
		return 1
	}
	for _, e := range errs {
		fmt.Fprintln(w, e)
	}
	if len(errs) == 1 {
		fmt.Fprintln(w, "1 fejl: ret den, og byg igen. Den forrige udgave af sitet er urørt.")
	} else {
		fmt.Fprintf(w, "%d fejl: ret dem, og byg igen. Den forrige udgave af sitet er urørt.\n", len(errs))
	}
	return 1
}

// usageCode is the exit code for a flag parsing error: 0 for -h, else 2.
func usageCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

func startCPUProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeMemProfile(file string, stderr io.Writer) {
	f, err := os.Create(file)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		f.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "katalog build: %v\n", err)
	}
}

// limitMemory sets a soft memory limit of 280 MiB unless GOMEMLIMIT says
// otherwise. Without it the garbage collector lets the heap grow to twice
// what a large build keeps live (at most about 225 MB for 10,000 cases);
// with it such a build peaks at about 300 MB instead of 600 MB, for about
// the same CPU time (see BENCHMARKS.md).
// It is a soft limit: a site that needs more still builds.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(280 << 20)
	}
}
