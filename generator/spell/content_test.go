package spell

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"
)

// The shipped catalogue and its word list, relative to this package.
const (
	contentDir   = "../../content"
	wordListFile = "../../ordliste.txt"
)

// TestShippedContentSpelling spell-checks the visible text of every page in
// content/: the front matter a visitor reads and the markdown body as text.
func TestShippedContentSpelling(t *testing.T) {
	needHunspell(t)
	f, err := os.Open(wordListFile)
	if err != nil {
		t.Fatal(err)
	}
	extra, err := ReadWordList(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	files := contentFiles(t)
	if len(files) == 0 {
		t.Fatalf("no pages found in %s", contentDir)
	}
	// One hunspell run for the whole catalogue, then the unknown words are
	// reported file by file.
	perFile := make(map[string][]string, len(files))
	var all []string
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		perFile[file] = Words(visibleText(t, file, src))
		all = append(all, perFile[file]...)
	}
	unknown, err := Check(all, extra)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		var bad []string
		for _, w := range dedup(perFile[file]) {
			if slices.Contains(unknown, w) {
				bad = append(bad, w)
			}
		}
		if len(bad) > 0 {
			rel, _ := filepath.Rel(contentDir, file)
			t.Errorf("content/%s: unknown words %q (fix the spelling, or add real names and terms to ordliste.txt)", filepath.ToSlash(rel), bad)
		}
	}
}

func contentFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(contentDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// visibleText returns the text of a page that a visitor can read.
func visibleText(t *testing.T, file string, src []byte) string {
	t.Helper()
	matter, body := splitFrontMatter(src)
	var fm any
	if err := yaml.Unmarshal(matter, &fm); err != nil {
		t.Fatalf("%s: front matter: %v", file, err)
	}
	var b strings.Builder
	frontMatterText(&b, "", fm)
	markdownText(&b, body)
	return b.String()
}

func splitFrontMatter(src []byte) (matter, body []byte) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return nil, src
	}
	matter, body, ok = bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, src
	}
	return matter, body
}

// hiddenKeys are front matter keys whose values no visitor reads as text.
var hiddenKeys = map[string]bool{
	"date": true, "url": true, "id": true, "aliases": true, "area": true,
	"src": true, "draft": true, "number": true, "year": true, "value": true,
	"principles": true, "material": true,
}

func frontMatterText(b *strings.Builder, key string, v any) {
	if hiddenKeys[key] {
		return
	}
	switch v := v.(type) {
	case string:
		b.WriteString(v)
		b.WriteString("\n")
	case []any:
		for _, e := range v {
			frontMatterText(b, key, e)
		}
	case map[string]any:
		for k, e := range v {
			frontMatterText(b, k, e)
		}
	}
}

// markdownText writes the text of a markdown body: what goldmark renders as
// text, without code, raw HTML or the addresses of links.
func markdownText(b *strings.Builder, body []byte) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := md.Parser().Parse(text.NewReader(body))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(n.Segment.Value(body))
			b.WriteString(" ")
		case *ast.String:
			b.Write(n.Value)
			b.WriteString(" ")
		}
		return ast.WalkContinue, nil
	})
}
