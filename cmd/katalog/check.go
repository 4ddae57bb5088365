package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"katalog/generator"
)

const checkUsage = `Brug: katalog check [-src MAPPE] [-format text|json] [FIL eller MAPPE ...]

Tjekker indholdet, før det udgives: alt det, bygningen tjekker, og desuden
det, en redaktør bør høre om (billeder, overskrifter, resuméer, kilder,
stavning, links). Fejl stopper udgivelsen; advarsler gør ikke.

Med filer eller mapper, fx content/cases/min-case.md, vises kun det, der
gælder dem; fejl i andre filer bliver talt med.

Afslutter med kode 1, hvis der er fejl, ellers 0.

`

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("src", ".", "sitets rodmappe (med content/, layouts/ og assets/)")
	format := fs.String("format", "text", "text til mennesker, json til værktøjer")
	fs.Usage = func() { fmt.Fprint(stderr, checkUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "katalog check: ukendt format %q (vælg text eller json)\n", *format)
		return 2
	}
	var only []string
	for _, arg := range fs.Args() {
		rel := siteRelative(*src, arg)
		if _, err := os.Stat(filepath.Join(*src, filepath.FromSlash(rel))); err != nil {
			fmt.Fprintf(stderr, "katalog check: %s findes ikke i sitet %s\n", arg, *src)
			return 2
		}
		only = append(only, rel)
	}
	findings, err := generator.Check(ctx, generator.Config{Root: *src, FS: os.DirFS(*src)})
	if err != nil {
		fmt.Fprintf(stderr, "katalog check: %v\n", err)
		return 1
	}
	shown, otherErrors := filterFindings(findings, only)
	if *format == "json" {
		writeFindingsJSON(stdout, shown)
	} else {
		writeFindings(stdout, shown)
		if otherErrors > 0 {
			fmt.Fprintf(stdout, "Der er også %s i andre filer (kør katalog check uden filnavne for at se dem).\n", count(otherErrors, "fejl", "fejl"))
		}
		if !generator.SpellCheckAvailable() {
			fmt.Fprintln(stderr, "Stavningen er ikke tjekket: installer hunspell og den danske ordbog (apt-get install hunspell hunspell-da).")
		}
	}
	for _, f := range findings {
		if f.Severity == generator.SeverityError {
			return 1
		}
	}
	return 0
}

// siteRelative returns path, given on the command line, as a slash-separated
// path from the site root: relative to the working directory when it lies
// inside root, else taken as relative to root already.
func siteRelative(root, path string) string {
	absRoot, err1 := filepath.Abs(root)
	abs, err2 := filepath.Abs(path)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(absRoot, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// filterFindings returns the findings in the files or folders only (all
// when only is empty) and how many errors are elsewhere.
func filterFindings(findings []generator.Finding, only []string) (shown []generator.Finding, otherErrors int) {
	if len(only) == 0 {
		return findings, 0
	}
	for _, f := range findings {
		in := false
		for _, o := range only {
			if o == "." || f.File == o || strings.HasPrefix(f.File, strings.TrimSuffix(o, "/")+"/") {
				in = true
			}
		}
		switch {
		case in:
			shown = append(shown, f)
		case f.Severity == generator.SeverityError:
			otherErrors++
		}
	}
	return shown, otherErrors
}

func writeFindingsJSON(w io.Writer, findings []generator.Finding) {
	if findings == nil {
		findings = []generator.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(findings)
}

// writeFindings prints errors and then warnings, each grouped by file with
// a blank line between files, and a count at the end.
func writeFindings(w io.Writer, findings []generator.Finding) {
	var errs, warns []generator.Finding
	for _, f := range findings {
		if f.Severity == generator.SeverityError {
			errs = append(errs, f)
		} else {
			warns = append(warns, f)
		}
	}
	writeGroup(w, "Fejl (skal rettes, før sitet kan bygges)", errs)
	writeGroup(w, "Advarsler (bør rettes, før siden udgives)", warns)
	switch {
	case len(errs) == 0 && len(warns) == 0:
		fmt.Fprintln(w, "Ingen fejl og ingen advarsler.")
	default:
		fmt.Fprintf(w, "%s og %s.\n", count(len(errs), "fejl", "fejl"), count(len(warns), "advarsel", "advarsler"))
	}
}

func writeGroup(w io.Writer, title string, findings []generator.Finding) {
	if len(findings) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	for i, f := range findings {
		if i > 0 && f.File != findings[i-1].File {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "  %s\n", f)
	}
	fmt.Fprintln(w)
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
