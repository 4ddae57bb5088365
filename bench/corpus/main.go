// Command corpus writes a synthetic catalogue of N cases twice: as a katalog
// site and as an equivalent minimal Hugo site, for the benchmarks in
// bench/run.sh.
//
//	go run ./bench/corpus -n 1000 -seed 1 [-shape default] -out DIR [-repo .]
//
// It writes DIR/katalog (content/ plus a copy of the repository's layouts/
// and assets/) and DIR/hugo (config.toml, layouts/, assets/, content/).
// The same -n, -seed and repository give byte-identical files.
//
// Each case has about 600 words in paragraphs under a few "##" headings
// and 1 of 20 municipalities. The shape sets the taxonomy (shape.go):
// "default" gives each case 3 of 30 themes and 1–3 of the 7 principles,
// "real" 1–3 of the real catalogue's 6 themes and 1–3 principles, "long"
// 4 of 30 themes and all 7 principles.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// A Corpus is the data both sites are written from.
type Corpus struct {
	Home       Page
	Themes     []Page
	Principles []Page
	Cases      []Case
	Shape      Shape
}

// NewCorpus returns the corpus of n cases of shape sh for seed.
func NewCorpus(n int, seed uint64, sh Shape) *Corpus {
	return &Corpus{
		Home:       makeHome(seed),
		Themes:     makeThemes(seed, sh.Themes),
		Principles: makePrinciples(seed),
		Cases:      makeCases(n, seed, sh),
		Shape:      sh,
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 1000, "number of cases")
	seed := fl.Uint64("seed", 1, "random seed")
	out := fl.String("out", "", "output directory (required)")
	repo := fl.String("repo", ".", "repository root to copy layouts/ and assets/ from")
	shape := fl.String("shape", "default", "corpus shape: "+shapeNames())
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || *n < 1 || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: corpus -n N -seed S [-shape NAME] -out DIR [-repo DIR]")
		return 2
	}
	sh, err := lookupShape(*shape)
	if err != nil {
		fmt.Fprintln(stderr, "corpus:", err)
		return 2
	}
	if err := generate(*out, *repo, NewCorpus(*n, *seed, sh)); err != nil {
		fmt.Fprintln(stderr, "corpus:", err)
		return 1
	}
	return 0
}

// generate replaces out/katalog and out/hugo with the two sites for cs.
func generate(out, repo string, cs *Corpus) error {
	kd, hd := filepath.Join(out, "katalog"), filepath.Join(out, "hugo")
	for _, d := range []string{kd, hd} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	if err := writeKatalog(kd, repo, cs); err != nil {
		return err
	}
	return writeHugo(hd, repo, cs)
}
