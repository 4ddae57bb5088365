// Command site writes a static search site for tests and benchmarks: the
// search index of a set of documents, the /soeg/ page rendered from
// layouts/search.html inside a minimal base layout, and search.js.
//
//	go run ./bench/search/site -docs generator/search/testdata/docs.json -out /tmp/s
//	go run ./bench/search/site -pages 5000 -html -out /tmp/s5000
//
// With -pages it makes a deterministic synthetic corpus; with -html it also
// writes every document as a page, for Pagefind to index.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"

	"katalog/generator/search"
)

func main() {
	root := flag.String("root", ".", "repository root (layouts/, assets/)")
	docsFile := flag.String("docs", "", "JSON file with the documents")
	pages := flag.Int("pages", 0, "number of synthetic pages instead of -docs")
	seed := flag.Uint64("seed", 1, "seed of the synthetic corpus")
	out := flag.String("out", "", "output directory")
	html := flag.Bool("html", false, "also write each document as an HTML page")
	flag.Parse()
	if err := run(*root, *docsFile, *pages, *seed, *out, *html); err != nil {
		fmt.Fprintln(os.Stderr, "site:", err)
		os.Exit(1)
	}
}

func run(root, docsFile string, pages int, seed uint64, out string, html bool) error {
	if out == "" {
		return fmt.Errorf("-out is required")
	}
	docs := corpus(pages, seed)
	if docsFile != "" {
		b, err := os.ReadFile(docsFile)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &docs); err != nil {
			return err
		}
	}
	start := time.Now()
	files, entry, err := search.Build(docs)
	if err != nil {
		return err
	}
	fmt.Printf("index: %d documents, %d files, %v\n", len(docs), len(files), time.Since(start).Round(time.Millisecond))
	for name, b := range files {
		if err := write(filepath.Join(out, "soeg", "data", name), b); err != nil {
			return err
		}
	}
	m := minify.New()
	m.AddFunc("js", js.Minify)
	for _, a := range []string{"js/search.js", "css/50-search.css"} {
		b, err := os.ReadFile(filepath.Join(root, "assets", a))
		if err != nil {
			return err
		}
		if strings.HasSuffix(a, ".js") { // as the site's asset pipeline does
			if b, err = m.Bytes("js", b); err != nil {
				return err
			}
		}
		if err := write(filepath.Join(out, "assets", a), b); err != nil {
			return err
		}
	}
	if err := searchPage(root, out, "/soeg/data/"+entry, docs); err != nil {
		return err
	}
	if err := write(filepath.Join(out, "favicon.ico"), nil); err != nil { // browsers ask for it
		return err
	}
	if html {
		return writePages(out, docs)
	}
	return nil
}

func write(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

const base = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Page.Title}}</title><link rel="stylesheet" href="/assets/css/50-search.css"></head>
<body><main id="indhold">{{template "main" .}}</main></body></html>
`

type facetCount struct {
	Name, Slug, Label string
	Count             int
}

func searchPage(root, out, entry string, docs []search.Document) error {
	funcs := template.FuncMap{
		"asset": func(name string) string { return "/assets/" + name },
		"url":   func(p string) string { return p },
	}
	t, err := template.New("base").Funcs(funcs).Parse(base)
	if err == nil {
		_, err = t.ParseFiles(filepath.Join(root, "layouts", "search.html"))
	}
	if err != nil {
		return err
	}
	data := map[string]any{
		"Page":        map[string]string{"Title": "Søg"},
		"Site":        map[string]string{"BaseURL": "/"},
		"SearchEntry": entry,
		"Facets":      counts(docs),
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, "base", data); err != nil {
		return err
	}
	return write(filepath.Join(out, "soeg", "index.html"), []byte(b.String()))
}

func counts(docs []search.Document) []facetCount {
	var out []facetCount
	for _, d := range docs {
		for _, f := range d.Facets {
			i := slices.IndexFunc(out, func(c facetCount) bool { return c.Name == f.Name && c.Slug == f.Slug })
			if i < 0 {
				out = append(out, facetCount{f.Name, f.Slug, f.Label, 0})
				i = len(out) - 1
			}
			out[i].Count++
		}
	}
	slices.SortFunc(out, func(a, b facetCount) int { return strings.Compare(a.Name+a.Label, b.Name+b.Label) })
	return out
}

// writePages writes each document as the page Pagefind indexes.
func writePages(out string, docs []search.Document) error {
	t := template.Must(template.New("p").Parse(`<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><main data-pagefind-body><h1>{{.Title}}</h1><p>{{.Summary}}</p>
{{range .Headings}}<h2>{{.}}</h2>{{end}}{{range .Paras}}<p>{{.}}</p>{{end}}</main></body></html>`))
	for _, d := range docs {
		var b strings.Builder
		data := map[string]any{"Title": d.Title, "Summary": d.Summary, "Headings": d.Headings,
			"Paras": strings.Split(d.Body, "\n\n")}
		if err := t.Execute(&b, data); err != nil {
			return err
		}
		if err := write(filepath.Join(out, filepath.FromSlash(d.URL), "index.html"), []byte(b.String())); err != nil {
			return err
		}
	}
	return nil
}
