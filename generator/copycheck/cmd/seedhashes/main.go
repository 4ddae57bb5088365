// Command seedhashes writes the hashes of every run of copycheck.RunLen
// consecutive words in the source documents, one per line and sorted, for
// the copying test in generator/copycheck:
//
//	go run ./generator/copycheck/cmd/seedhashes -seeds ../shared/seeds > generator/copycheck/testdata/seeds.txt
//
// It reads every *.txt file in the folder except README.txt. Only hashes are
// written, never the sources' text.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"katalog/generator/copycheck"
)

func main() {
	dir := flag.String("seeds", "../shared/seeds", "folder with the source documents as .txt files")
	flag.Parse()
	files, err := filepath.Glob(filepath.Join(*dir, "*.txt"))
	if err != nil {
		fail(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return strings.EqualFold(filepath.Base(f), "README.txt") })
	if len(files) == 0 {
		fail(fmt.Errorf("no .txt files in %s", *dir))
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fail(err)
		}
		texts = append(texts, string(b))
	}
	hashes := copycheck.HashSet(texts...)
	fmt.Printf("# copycheck: FNV-1a 64 hashes of every run of %d words in %d source documents; made by generator/copycheck/cmd/seedhashes\n", copycheck.RunLen, len(files))
	if err := copycheck.WriteHashes(os.Stdout, hashes); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "seedhashes: %d runs from %d files\n", len(hashes), len(files))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "seedhashes:", err)
	os.Exit(1)
}
