package main

import (
	"embed"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// hugoSite holds the Hugo configuration and layouts. all: keeps _default.
//
//go:embed all:hugosite
var hugoSite embed.FS

// writeHugo writes the Hugo site for cs into dir. The stylesheet is the
// repository's assets/css/*.css concatenated in name order (as katalog
// does), and the repository's scripts are copied, so that both sites
// minify and fingerprint the same assets.
func writeHugo(dir, repo string, cs *Corpus) error {
	w := &writer{root: dir}
	copyEmbedded(w)
	css, err := concatCSS(filepath.Join(repo, "assets", "css"))
	if err != nil {
		return err
	}
	if css != "" {
		w.file("assets/css/site.css", css)
	}
	w.file("content/_index.md", frontMatter("title", quote(cs.Home.Title),
		"summary", quote(cs.Home.Summary))+"\n"+cs.Home.Body+"\n")
	w.file("content/cases/_index.md", frontMatter("title", quote("Cases")))
	w.file("content/tags/_index.md", frontMatter("title", quote("Temaer")))
	w.file("content/municipality/_index.md", frontMatter("title", quote("Kommuner")))
	w.file("content/principles/_index.md", frontMatter("title", quote("Principper")))
	for _, t := range cs.Themes {
		w.file("content/tags/"+t.Slug+"/_index.md", pageFile(t))
	}
	// The cases name principles by number, so a principle's term is its
	// number; _index.md gives it its title.
	for _, p := range cs.Principles {
		w.file("content/principles/"+strconv.Itoa(p.Number)+"/_index.md", frontMatter(
			"number", strconv.Itoa(p.Number),
			"title", quote(p.Title),
			"summary", quote(p.Summary),
		)+"\n"+p.Body+"\n")
	}
	for _, c := range cs.Cases {
		w.file("content/cases/"+c.Slug+".md", hugoCase(c))
	}
	if w.err != nil {
		return w.err
	}
	return copyGlob(filepath.Join(repo, "assets", "js"), filepath.Join(dir, "assets", "js"), ".js")
}

// hugoCase returns a case file with the themes as Hugo tags (by slug, so
// that content/tags/<slug>/_index.md gives the term its title), the
// municipality as a one-term taxonomy and the principles, by number, as
// the principles taxonomy.
func hugoCase(c Case) string {
	tags := make([]string, len(c.Themes))
	for i, t := range c.Themes {
		tags[i] = quote(slug(themes[t]))
	}
	kv := []string{
		"title", quote(c.Title),
		"date", c.Date,
		"summary", quote(c.Summary),
		"tags", "[" + strings.Join(tags, ", ") + "]",
		"municipality", "[" + quote(municipalities[c.Municipality]) + "]",
	}
	if c.Organisation != "" {
		kv = append(kv, "organisation", quote(c.Organisation))
	}
	kv = append(kv, "principles", intList(c.Principles))
	return frontMatter(kv...) + "\n" + c.Body
}

// copyEmbedded writes the embedded Hugo configuration and layouts.
func copyEmbedded(w *writer) {
	err := fs.WalkDir(hugoSite, "hugosite", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := hugoSite.ReadFile(p)
		w.file(strings.TrimPrefix(p, "hugosite/"), string(data))
		return err
	})
	if w.err == nil {
		w.err = err
	}
}

// concatCSS returns the .css files in dir concatenated in name order, or ""
// if there are none.
func concatCSS(dir string) (string, error) {
	names, err := globSorted(dir, ".css")
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return "", err
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return b.String(), err
}

// copyGlob copies the files in src whose names end in ext to dst.
func copyGlob(src, dst, ext string) error {
	names, err := globSorted(src, ext)
	for _, n := range names {
		if err := copyFile(filepath.Join(src, n), filepath.Join(dst, n)); err != nil {
			return err
		}
	}
	return err
}

func globSorted(dir, ext string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() && path.Ext(e.Name()) == ext {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, err
}
