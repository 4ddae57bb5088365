package generator

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"katalog/generator/markdown"
	"katalog/generator/search"
)

// Benchmarks for each stage of a build, on a synthetic catalogue of n
// cases with the shipped layouts and assets. Compare runs with benchstat;
// run with -cpu 1,2 to see what parallel rendering gives.

var words = strings.Fields("bolig hjem støtte fællesskab kommune boligorganisation hjemløshed indsats borger " +
	"social vicevært netværk tryghed hverdag samarbejde udslusning forløb botilbud naboskab tillid " +
	"skæve boliger første anden aften morgen mødes træning fodbold hjælp tempo rettigheder muligheder")

// syntheticSite returns the repository's layouts, assets and content,
// with its own front page, and n more cases.
func syntheticSite(b testing.TB, n int) fstest.MapFS {
	b.Helper()
	fsys := fstest.MapFS{}
	for _, dir := range []string{"layouts", "assets", "content"} {
		files, _ := filepath.Glob(filepath.Join("..", dir, "*"))
		sub, _ := filepath.Glob(filepath.Join("..", dir, "*", "*"))
		for _, f := range append(files, sub...) {
			if data, err := os.ReadFile(f); err == nil {
				fsys[strings.TrimPrefix(filepath.ToSlash(f), "../")] = &fstest.MapFile{Data: data}
			}
		}
	}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Fra bolig til hjem\nsummary: Kataloget.\n---\nVelkommen.\n")}
	themes := []string{"Boligløsninger", "Social støtte", "Fællesskaber", "Samarbejde på tværs", "Overgangen til eget hjem", "Borgerinddragelse"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		var body strings.Builder
		for p := range 12 {
			if p%4 == 0 {
				fmt.Fprintf(&body, "## %s %s\n\n", words[r.IntN(len(words))], words[r.IntN(len(words))])
			}
			for range 50 {
				body.WriteString(words[r.IntN(len(words))] + " ")
			}
			body.WriteString("\n\n")
		}
		fsys[fmt.Sprintf("content/cases/case-%05d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Case nummer %d om %s\ndate: 2025-%02d-%02d\nsummary: En case om %s og %s.\nthemes: [%s, %s]\nmunicipality: Kommune %d\nprinciples: [%d, %d]\n---\n%s",
			i, words[i%len(words)], 1+i%12, 1+i%28, words[r.IntN(len(words))], words[r.IntN(len(words))],
			themes[i%6], themes[(i/6)%6], i%20, 1+i%7, 1+(i/7)%7, body.String()))}
	}
	return fsys
}

func benchSizes(b *testing.B, f func(b *testing.B, fsys fstest.MapFS)) {
	for _, n := range []int{100, 1000} {
		fsys := syntheticSite(b, n)
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) { f(b, fsys) })
	}
}

func BenchmarkLoad(b *testing.B) {
	benchSizes(b, func(b *testing.B, fsys fstest.MapFS) {
		for b.Loop() {
			if _, err := Load(fsys, Config{BaseURL: "/", Now: buildDate}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMarkdown(b *testing.B) {
	fsys := syntheticSite(b, 1)
	src := fsys["content/cases/case-00000.md"].Data
	md := markdown.New()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		md.Render(src, nil)
	}
}

// BenchmarkRender is the whole build in memory: load, search index,
// templates, minification.
func BenchmarkRender(b *testing.B) {
	benchSizes(b, func(b *testing.B, fsys fstest.MapFS) {
		for b.Loop() {
			if _, err := Render(context.Background(), Config{FS: fsys, Now: buildDate}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMinifyHTML(b *testing.B) {
	out, err := Render(context.Background(), Config{FS: syntheticSite(b, 30), Now: buildDate})
	if err != nil {
		b.Fatal(err)
	}
	page := out["cases/index.html"]
	m := newMinifier()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		m.Bytes("text/html", page)
	}
}

func BenchmarkSearchIndex(b *testing.B) {
	benchSizes(b, func(b *testing.B, fsys fstest.MapFS) {
		s, err := Load(fsys, Config{BaseURL: "/", Now: buildDate})
		if err != nil {
			b.Fatal(err)
		}
		docs := s.searchDocuments()
		for b.Loop() {
			search.Build(docs)
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	out, err := Render(context.Background(), Config{FS: syntheticSite(b, 1000), Now: buildDate})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		d := &dirWriter{dir: b.TempDir(), made: map[string]bool{}}
		if err := d.putAll(context.Background(), out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild is the preview's work after a save: one case's body
// edited (the page and the search index again) or its front matter (the
// site read again from the parse cache and every page rendered).
func BenchmarkRebuild(b *testing.B) {
	for _, what := range []string{"body", "frontmatter"} {
		b.Run(what, func(b *testing.B) {
			benchSizes(b, func(b *testing.B, fsys fstest.MapFS) {
				const file = "content/cases/case-00000.md"
				orig := fsys[file].Data
				defer func() { fsys[file] = &fstest.MapFile{Data: orig} }()
				bl := NewBuilder(Config{FS: fsys, Now: buildDate})
				if _, err := bl.Build(context.Background(), nil); err != nil {
					b.Fatal(err)
				}
				for i := 0; b.Loop(); i++ {
					src := fmt.Appendf(nil, "%s\nord%d\n", orig, i)
					if what == "frontmatter" {
						src = []byte(strings.Replace(string(src), "title: ", fmt.Sprintf("title: %d ", i), 1))
					}
					fsys[file] = &fstest.MapFile{Data: src}
					if _, err := bl.Build(context.Background(), []string{file}); err != nil {
						b.Fatal(err)
					}
					if bl.Patched != (what == "body") {
						b.Fatalf("patched = %v after a %s edit", bl.Patched, what)
					}
				}
			})
		})
	}
}
