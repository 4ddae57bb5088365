package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"katalog/generator"
)

const newUsage = `Brug: katalog new [-src MAPPE] case|tema|side|materiale "Titel"

Opretter en ny fil ud fra en skabelon i skabeloner/ med alle felter
forklaret, dagens dato og draft: true:

  katalog new case "Titel på reportagen"   → content/cases/titel-paa-reportagen.md
  katalog new tema "Titel på temaet"       → content/tema/titel-paa-temaet.md
  katalog new side "Titel på siden"        → content/titel-paa-siden.md
  katalog new materiale "Titel på rapporten" → content/materialer/titel-paa-rapporten.md

En fil, der allerede findes, bliver aldrig overskrevet.

`

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("src", ".", "sitets rodmappe (med content/ og skabeloner/)")
	fs.Usage = func() { fmt.Fprint(stderr, newUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	if fs.NArg() != 2 {
		fmt.Fprint(stderr, "katalog new: skriv hvad der skal oprettes og titlen, fx katalog new case \"Fodbold som fast holdepunkt\"\n\n")
		fs.Usage()
		return 2
	}
	kind, title := fs.Arg(0), strings.TrimSpace(fs.Arg(1))
	k, ok := generator.NewKinds()[kind]
	if !ok {
		fmt.Fprintf(stderr, "katalog new: ukendt slags %q (vælg case, tema, side eller materiale)\n", kind)
		return 2
	}
	s := generator.NewSlug(title)
	switch {
	case s == "":
		fmt.Fprintf(stderr, "katalog new: titlen %q giver ingen adresse (brug bogstaver og tal)\n", title)
		return 2
	case k.Reserved(s):
		fmt.Fprintf(stderr, "katalog new: adressen /%s/ bruges allerede af sitet (vælg en anden titel)\n", s)
		return 2
	}
	rel := k.Dir + "/" + s + ".md"
	if err := writeNew(*src, kind, rel, title, time.Now()); err != nil {
		fmt.Fprintf(stderr, "katalog new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Oprettede %s\n", rel)
	fmt.Fprintf(stdout, "Se den med \"katalog serve -drafts\" på http://127.0.0.1:1313%s%s/\n", k.Prefix, s)
	return 0
}

// writeNew fills in skabeloner/<kind>.md and writes it to rel under root,
// refusing to replace a file that exists.
func writeNew(root, kind, rel, title string, now time.Time) error {
	text, err := generator.NewPageText(root, kind, title, now)
	if err != nil {
		return err
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("mappen %s kan ikke oprettes (kør kommandoen fra sitets rod eller angiv -src)", filepath.Dir(rel))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s findes allerede og bliver ikke overskrevet (ret den fil, eller vælg en anden titel)", rel)
	}
	if err != nil {
		return fmt.Errorf("%s kan ikke oprettes (tjek, at der er adgang til mappen)", rel)
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
