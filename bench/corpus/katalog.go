package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// writeKatalog writes the katalog site for cs into dir and copies the
// layouts and assets of the repository at repo.
func writeKatalog(dir, repo string, cs *Corpus) error {
	w := &writer{root: dir}
	w.file("content/_index.md", frontMatter(
		"title", quote(cs.Home.Title),
		"summary", quote(cs.Home.Summary),
	)+"\n"+cs.Home.Body+"\n")
	for _, t := range cs.Themes {
		w.file("content/tema/"+t.Slug+".md", pageFile(t))
	}
	for _, p := range cs.Principles {
		w.file("content/principper/"+p.Slug+".md", frontMatter(
			"number", strconv.Itoa(p.Number),
			"title", quote(p.Title),
			"summary", quote(p.Summary),
		)+"\n"+p.Body+"\n")
	}
	for _, c := range cs.Cases {
		w.file("content/cases/"+c.Slug+".md", katalogCase(c))
	}
	if w.err != nil {
		return w.err
	}
	for _, d := range []string{"layouts", "assets"} {
		if err := copyTree(filepath.Join(repo, d), filepath.Join(dir, d)); err != nil {
			return err
		}
	}
	return nil
}

func pageFile(p Page) string {
	return frontMatter("title", quote(p.Title), "summary", quote(p.Summary)) +
		"\n" + p.Body + "\n"
}

// katalogCase returns a case file in the catalogue's content schema.
func katalogCase(c Case) string {
	names := make([]string, len(c.Themes))
	for i, t := range c.Themes {
		names[i] = quote(themes[t])
	}
	kv := []string{
		"title", quote(c.Title),
		"date", c.Date,
		"summary", quote(c.Summary),
		"themes", "[" + strings.Join(names, ", ") + "]",
		"municipality", quote(municipalities[c.Municipality]),
	}
	if c.Organisation != "" {
		kv = append(kv, "organisation", quote(c.Organisation))
	}
	kv = append(kv, "principles", intList(c.Principles))
	return frontMatter(kv...) + "\n" + c.Body
}

// frontMatter returns a YAML front matter block of key, value pairs; values
// are written as given.
func frontMatter(kv ...string) string {
	var b strings.Builder
	b.WriteString("---\n")
	for i := 0; i < len(kv); i += 2 {
		fmt.Fprintf(&b, "%s: %s\n", kv[i], kv[i+1])
	}
	b.WriteString("---\n")
	return b.String()
}

// quote returns s as a YAML double-quoted scalar.
func quote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

func intList(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return "[" + strings.Join(s, ", ") + "]"
}
