package generator

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"katalog/generator/frontmatter"
	"katalog/internal/slug"
)

// A contentFile is a markdown file under content/ before it is understood.
type contentFile struct {
	file string // content/cases/x.md
	kind string
	slug string
}

// classify tells what kind of page a file under content/ is (from the
// table of kinds), or returns kind "" for files that are not pages (images,
// PDFs) and an error message for markdown files in a place the site has no
// section for.
func classify(file string) (cf contentFile, msg string) {
	if !strings.HasSuffix(file, ".md") {
		return contentFile{file: file}, ""
	}
	k, base := kindOfFile(file)
	if k == nil {
		return contentFile{file: file}, "siden ligger et sted, sitet ikke kender (læg den i " + contentDirs() + ")"
	}
	cf = contentFile{file: file, kind: k.name, slug: slug.Make(base)}
	if k.file == "" && cf.slug == "" {
		return cf, "filnavnet giver ingen adresse (brug bogstaver og tal, fx min-side.md)"
	}
	if k.name == KindPage && Reserved(cf.slug) {
		return cf, fmt.Sprintf("adressen /%s/ bruges allerede af sitet (vælg et andet filnavn)", cf.slug)
	}
	return cf, ""
}

// A pageReader reads and parses one page file.
type pageReader func(fsys fs.FS, cf contentFile) (*Page, errorList)

// readPages reads and parses every page file in parallel; the result is in
// file name order, whatever the scheduling.
func readPages(ctx context.Context, fsys fs.FS, files []contentFile, readPage pageReader) ([]*Page, errorList) {
	pages := make([]*Page, len(files))
	errs := make([]errorList, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				pages[i], errs[i] = readPage(fsys, files[i])
			}
		})
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	var all errorList
	for _, e := range errs {
		all = append(all, e...)
	}
	return pages, all
}

func readPage(fsys fs.FS, cf contentFile) (*Page, errorList) {
	src, err := fs.ReadFile(fsys, cf.file)
	if err != nil {
		return nil, errorList{{File: cf.file, Msg: "filen kan ikke læses", Err: err}}
	}
	return parsePage(cf, src)
}

// parsePage splits, decodes and checks one content file on its own; what
// needs the other pages (themes, principles, links) is checked later.
func parsePage(cf contentFile, src []byte) (*Page, errorList) {
	doc, errs := frontmatter.Split(cf.file, src)
	if doc == nil {
		return nil, errs
	}
	p := &Page{Kind: cf.kind, File: cf.file, Slug: cf.slug, head: string(doc.Head), body: doc.Body, bodyLine: doc.BodyLine, lines: map[string]int{}}
	d := &frontmatter.Decoder{File: cf.file, Lines: p.lines}
	c := &checker{file: cf.file, page: p, decoder: d}
	switch cf.kind {
	case KindCase:
		var m caseMatter
		d.Decode(doc, &m)
		c.caseMatter(&m)
	case KindTheme:
		var m themeMatter
		d.Decode(doc, &m)
		p.Title, p.Summary, p.Sources, p.Draft, p.Aliases = m.Title, m.Summary, m.Sources, m.Draft, m.Aliases
	case KindPrinciple:
		var m principleMatter
		d.Decode(doc, &m)
		p.Title, p.Summary, p.Sources, p.Draft, p.Aliases, p.Number = m.Title, m.Summary, m.Sources, m.Draft, m.Aliases, m.Number
		c.principleNumber(&m)
	case KindTimeline:
		var m timelineMatter
		d.Decode(doc, &m)
		dayOnly(m.Milestones)
		p.Title, p.Summary, p.Sources, p.Aliases = m.Title, m.Summary, m.Sources, m.Aliases
		c.milestones(m.Milestones)
	case KindPage:
		var m pageMatter
		d.Decode(doc, &m)
		p.Title, p.Summary, p.Sources, p.Draft, p.Aliases = m.Title, m.Summary, m.Sources, m.Draft, m.Aliases
		p.ShowContact = m.Contact
		c.charts(m.Charts)
	case KindMaterial:
		var m materialMatter
		d.Decode(doc, &m)
		c.materialMatter(&m)
	case KindHome:
		var m homeMatter
		d.Decode(doc, &m)
		p.Title, p.Summary, p.Contact = m.Title, m.Summary, m.Contact
		c.contact(m.Contact)
	}
	c.common()
	return p, append(append(errs, d.Errs...), c.errs...)
}

var aliasRe = regexp.MustCompile(`^/[a-z0-9/._-]*$`)
