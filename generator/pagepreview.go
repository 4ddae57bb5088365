package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"html/template"
	"strconv"
	"time"

	"katalog/generator/assets"
	"katalog/generator/markdown"
)

// Page builds the site after the files in changed changed (as Build does;
// nil means unknown) and renders the page of one content file (slash-
// separated, "content/cases/x.md"), and nothing else: no other page, no
// search index, no feed. It is the browser editor's preview and the check
// before its saves: every stage that can find an error in the sources runs
// (load, assets, layouts, the check of outputs), and the page is the one a
// full build writes, byte for byte, since its layout reads the same site.
// It returns nil and no error when the file makes no page (a draft in a
// build without drafts).
//
// Page keeps what the next call can reuse (parsed files, rendered bodies,
// layouts, assets, and its site while only one page changes: its body
// (pageBody), or such fields as its summary, a case's date or terms, where
// the site is patched (pageRelink)) but no finished output, so the Build
// after a Page renders every page.
func (b *Builder) Page(ctx context.Context, changed []string, file string) ([]byte, error) {
	cfg := b.cfg
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	if page, ok, err := b.pageBody(ctx, cfg, changed, file); ok {
		if err != nil {
			b.pageSite = nil
		}
		return page, err
	}
	if page, ok, err := b.pageRelink(ctx, cfg, changed, file); ok {
		return page, err
	}
	last := b.pageSite
	b.forget(changed) // and b.last, b.pageSite: the site is no longer theirs
	site, set, tmpl, err := b.prepare(ctx, cfg)
	if err != nil {
		return nil, err
	}
	b.set, b.tmpl = set, tmpl
	r := b.renderer(site, set, tmpl, cfg)
	jobs := r.jobs()
	outputs := outputsKey(site, jobs, set)
	if last == nil || last.outputs != outputs {
		if errs := site.checkOutputs(jobs, set); len(errs) > 0 {
			return nil, errs.Err()
		}
	}
	var page []byte
	for _, j := range jobs {
		if j.page.File == file && j.out == outFile(j.page.URL) {
			err := r.renderAll(ctx, []job{j}, func(_ string, data []byte) error {
				page = data
				return nil
			})
			if err == nil {
				b.pageSite = &pageSite{site: site, job: j, day: isoDate(cfg.Now), outputs: outputs}
			}
			return page, err
		}
	}
	return nil, nil
}

// pageSite is what the last Page call built, for the next one.
type pageSite struct {
	site    *Site
	job     job // the page's job
	day     string
	relinks int               // how many pageRelink calls patched site since it was loaded
	outputs [sha256.Size]byte // the outputsKey of a site whose outputs passed checkOutputs
}

// outputsKey sums everything checkOutputs reads: two sites with the same
// key have the same problems with their output files. Summing them costs a
// fraction of checking them.
func outputsKey(s *Site, jobs []job, set *assets.Set) [sha256.Size]byte {
	var b []byte // hashed at once, as in relatedCache.key
	for _, f := range set.Files {
		b = append(append(b, f.Path...), 0)
	}
	b = append(b, 1)
	for _, name := range s.ownFiles() {
		b = append(append(b, name...), 0)
	}
	b = append(b, 1)
	for _, j := range jobs {
		b = append(append(append(append(b, j.out...), 0), j.page.File...), 0)
	}
	b = append(b, 1)
	for _, p := range s.all {
		for i, a := range p.Aliases {
			b = append(append(append(append(b, a...), 0), p.File...), 0)
			b = strconv.AppendInt(b, int64(p.line(fmt.Sprintf("aliases[%d]", i))), 10)
			b = append(b, 0)
		}
	}
	b = append(b, 1)
	for _, f := range s.static {
		b = append(append(b, f...), 0)
	}
	return sha256.Sum256(b)
}

// pageBody is Page when only the body of the page changed since the last
// Page call for it, as patch is for Build: it renders the body and the
// page again on the site it has. It reports false, having changed nothing,
// for any other change: another file, the front matter (its bytes), a body
// with images or problems, layouts that show a body elsewhere, a new day.
func (b *Builder) pageBody(ctx context.Context, cfg Config, changed []string, file string) ([]byte, bool, error) {
	ps := b.pageSite
	if ps == nil || ps.job.page.File != file || ps.day != isoDate(cfg.Now) || changed == nil || b.tmpl == nil || !b.tmpl.BodyLocal() {
		return nil, false, nil
	}
	for _, f := range changed {
		if f != file {
			return nil, false, nil
		}
	}
	cf, msg := classify(file)
	if msg != "" || !regularFile(cfg.FS, file) {
		return nil, false, nil
	}
	np, errs := readPage(cfg.FS, cf)
	p := ps.job.page
	if np == nil || len(errs) > 0 || p.usesImages || np.head != p.head {
		return nil, false, nil
	}
	res, images := ps.site.renderBody(markdown.New(), p, np.body)
	if images || len(res.Problems) > 0 {
		return nil, false, nil
	}
	p.Content, p.Text, p.Headings = template.HTML(res.HTML), res.Text, res.Headings
	b.mu.Lock()
	b.parsed[file] = parsed{page: np}
	b.mu.Unlock()
	r := b.renderer(ps.site, b.set, b.tmpl, cfg)
	var buf bytes.Buffer
	page, err := r.renderPage(ps.job, newMinifier(), &buf, nil)
	if err != nil {
		return nil, true, errorList{asSourceError(err)}.Err()
	}
	return page, true, nil
}
