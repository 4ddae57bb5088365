package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"katalog/generator/assets"
	"katalog/generator/layout"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Config says what to build and where.
type Config struct {
	Root    string    // the site root: content/, layouts/, assets/
	Out     string    // the output directory; replaced only by a complete build
	Drafts  bool      // include pages with draft: true, marked as drafts
	BaseURL string    // absolute URL the site is served from, or "/" (default)
	Now     time.Time // the build date; zero means today
	FS      fs.FS     // read the site from here instead of Root (tests)
}

// Result tells what a build wrote.
type Result struct {
	Pages int // HTML pages
	Files int // all files, pages included
	Bytes int64

	// Warnings are problems that did not stop the build, in Danish.
	Warnings []string
}

// Build reads the site, renders every page and writes the result to
// cfg.Out. It writes into a fresh directory beside Out and swaps it in only
// when everything succeeded, so a failed build leaves the previous output
// untouched. Content errors come back as a joined list of *SourceError.
//
// Before it writes anything, Build checks that Out is a folder it may
// replace (see checkOutput): not the site, a folder around it or one of
// its source folders, not a file, and not a folder of files that no build
// wrote. Such problems, and a Root that is not a site, come back as an
// error that matches ErrOutput.
//
// Pages are written to disk as they are rendered, so a large site is never
// held in memory whole.
func Build(ctx context.Context, cfg Config) (Result, error) {
	if cfg.FS == nil {
		if err := checkSource(cfg.Root); err != nil {
			return Result{}, err
		}
	}
	out, err := checkOutput(cfg.Root, cfg.Out)
	if err != nil {
		return Result{}, err
	}
	cfg = cfg.withDefaults()
	var res Result
	for _, dir := range removeLeftovers(out) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("mappen %s er tilbage fra en afbrudt bygning og kan ikke slettes (slet den selv)", dir))
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return Result{}, outErr("mappen %s kan ikke oprettes (%s)", filepath.Dir(out), fileProblem(err))
	}
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".new-"+randomSuffix())
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return Result{}, outErr("der kan ikke skrives i mappen %s (%s)", filepath.Dir(out), fileProblem(err))
	}
	d := &dirWriter{dir: tmp, made: map[string]bool{tmp: true}}
	err = os.WriteFile(filepath.Join(tmp, Marker), markerText(), 0o644)
	// Over a build's output, unchanged files are linked from it; the new
	// marker tells the mode a new file gets.
	marker, serr := os.Stat(filepath.Join(tmp, Marker))
	if _, perr := os.Lstat(filepath.Join(out, Marker)); err == nil && serr == nil && perr == nil {
		d.prev, d.mode = out, marker.Mode().Perm()
	}
	if err == nil {
		var files Output
		files, err = (&Builder{cfg: cfg, stream: true}).build(ctx, cfg, nil, d.put)
		if err == nil {
			err = d.putAll(ctx, files)
		}
	}
	if err == nil {
		var warning string
		warning, err = swap(tmp, out)
		if warning != "" {
			res.Warnings = append(res.Warnings, warning)
		}
	}
	if err != nil {
		os.RemoveAll(tmp)
		return Result{}, err
	}
	d.res.Warnings = res.Warnings
	return d.res, nil
}

func (cfg Config) withDefaults() Config {
	if cfg.FS == nil {
		cfg.FS = siteFS(cfg.Root)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "/"
	}
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	return cfg
}

// Render builds the site in memory.
func Render(ctx context.Context, cfg Config) (Output, error) {
	cfg = cfg.withDefaults()
	return (&Builder{cfg: cfg}).renderOutput(ctx, cfg, nil)
}

// siteFS returns the site at root as a file system that never leaves it:
// a symlink that leads outside root cannot be read through it.
func siteFS(root string) fs.FS {
	r, err := os.OpenRoot(root)
	if err != nil {
		return os.DirFS(root) // reading fails the same way, with the path named
	}
	return r.FS()
}

// build is the pipeline every build runs, top to bottom:
//
//	load     read content/, parse and check every page, link the site and
//	         render the page bodies (site.go, load.go)
//	assets   minify and fingerprint assets/ (package assets)
//	layouts  parse layouts/ (render.go)
//	outputs  check that no two sources land on one output file (outputs.go)
//	render   render every page, the search index beside them and the search
//	         page, which names the index, last (render.go, searchindex.go)
//	feeds    the sitemap, Atom feed, robots.txt, redirects, calendar (feeds.go)
//
// Pages go to put as soon as they are rendered; the other files come back.
// A one-time build runs it on a Builder that keeps nothing. The preview's
// Builder lets the stages take what did not change from the build before
// (reuse.go) and keeps what the next can use (preview.go); with prev, the
// last build when only page files changed since, a page whose signature is
// as in prev is taken from it instead of rendered again (signature.go).
func (b *Builder) build(ctx context.Context, cfg Config, prev *state, put func(string, []byte) error) (Output, error) {
	site, set, tmpl, err := b.prepare(ctx, cfg)
	if err != nil {
		return nil, err
	}
	r := b.renderer(site, set, tmpl, cfg)
	jobs := r.jobs()
	if errs := site.checkOutputs(jobs, set); len(errs) > 0 {
		return nil, errs.Err()
	}
	out := Output{}
	for _, f := range set.Files {
		out[f.Path] = f.Data
	}
	if err := site.copyStatic(cfg.FS, out); err != nil {
		return nil, err
	}
	site.images.write(out)
	var sigs map[string]uint64
	if b.keep {
		sigs = b.signatures(jobs)
	}
	searched, err := b.renderPages(ctx, r, jobs, prev, sigs, put)
	if err != nil {
		return nil, err
	}
	site.writeFeeds(out)
	if b.keep {
		b.keepState(site, set, r.tmpl, jobs, searched, sigs, cfg)
	}
	return out, nil
}

// prepare runs the stages that can each find errors in the sources: load,
// assets and layouts. Their errors are reported together.
func (b *Builder) prepare(ctx context.Context, cfg Config) (*Site, *assets.Set, *layout.Set, error) {
	site, err := load(ctx, cfg.FS, cfg, b.readPage, b.bodies, b.related, b.scanContent)
	var errs errorList
	if err != nil {
		errs = append(errs, SourceErrors(err)...)
		if len(errs) == 0 {
			return nil, nil, nil, err
		}
	}
	set := b.set
	if set == nil {
		var aerr error
		set, aerr = assets.Build(cfg.FS, "assets")
		if aerr != nil {
			var ae *SourceError
			if !errors.As(aerr, &ae) {
				return nil, nil, nil, fmt.Errorf("assets: %w", aerr)
			}
			errs = append(errs, ae)
		}
	}
	tmpl := b.tmpl
	if tmpl == nil {
		var terr errorList
		tmpl, terr = loadLayouts(cfg.FS, b.renderer(site, set, nil, cfg).funcs())
		errs = append(errs, terr...)
	}
	if len(errs) > 0 {
		return nil, nil, nil, errs.Err()
	}
	return site, set, tmpl, nil
}

// renderer aims the Builder's renderer at this build's site, assets and
// layouts, with empty caches of cards and partials.
func (b *Builder) renderer(site *Site, set *assets.Set, tmpl *layout.Set, cfg Config) *renderer {
	if b.r == nil {
		b.r = &renderer{}
	}
	r := b.r
	r.site, r.assets, r.cfg, r.tmpl, r.stream = site, set, cfg, tmpl, b.stream
	r.cards.Clear()
	r.partials.Clear()
	return r
}

// renderPages renders the pages of jobs, or takes them from prev, and
// writes the search index beside them; the search page, which names the
// index's entry file, comes last. Nothing a layout can read changes while
// pages render: the search index only reads the pages' text. It returns
// the search index's files.
func (b *Builder) renderPages(ctx context.Context, r *renderer, jobs []job, prev *state, sigs map[string]uint64, put func(string, []byte) error) (map[string]bool, error) {
	var pages, searchPages []job
	rendered := 0
	for _, j := range jobs {
		if j.page.Kind == KindSearch {
			searchPages = append(searchPages, j)
			rendered++
			continue
		}
		if data, ok := prev.page(j.out, sigs); ok {
			if err := put(j.out, data); err != nil {
				return nil, err
			}
			continue
		}
		pages = append(pages, j)
		rendered++
	}
	searched := map[string]bool{}
	var serr error
	var wg sync.WaitGroup
	wg.Go(func() {
		r.searchEntry, r.facets, serr = r.site.writeSearch(ctx, func(name string, data []byte) error {
			searched[name] = true
			return put(name, data)
		}, b.search)
	})
	err := r.renderAll(ctx, pages, put)
	wg.Wait()
	if serr != nil {
		return nil, serr
	}
	// Content errors of the pages and of the search page are reported together.
	if err == nil || len(SourceErrors(err)) > 0 {
		if serr := r.renderAll(ctx, searchPages, put); serr != nil {
			if err == nil || len(SourceErrors(serr)) == 0 {
				err = serr
			} else {
				err = append(errorList(SourceErrors(err)), SourceErrors(serr)...).Err()
			}
		}
	}
	if err != nil {
		return nil, err
	}
	b.Pages = rendered
	return searched, nil
}
