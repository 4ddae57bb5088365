package generator

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"katalog/generator/assets"
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
}

// Build reads the site, renders every page and writes the result to
// cfg.Out. It writes into a fresh directory beside Out and swaps it in only
// when everything succeeded, so a failed build leaves the previous output
// untouched. Content errors come back as a joined list of *SourceError.
func Build(ctx context.Context, cfg Config) (Result, error) {
	cfg = cfg.withDefaults()
	files, err := Render(ctx, cfg)
	if err != nil {
		return Result{}, err
	}
	res, err := write(ctx, cfg.Out, files)
	return res, err
}

func (cfg Config) withDefaults() Config {
	if cfg.FS == nil {
		cfg.FS = os.DirFS(cfg.Root)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "/"
	}
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	return cfg
}

// An Output is the built site in memory: output path → content.
type Output map[string][]byte

// Render builds the site in memory.
func Render(ctx context.Context, cfg Config) (Output, error) {
	cfg = cfg.withDefaults()
	site, err := Load(cfg.FS, cfg)
	var errs errorList
	if err != nil {
		errs = append(errs, SourceErrors(err)...)
		if len(errs) == 0 {
			return nil, err
		}
	}
	set, aerr := assets.Build(cfg.FS, "assets")
	if aerr != nil {
		var ae *assets.Error
		if !errors.As(aerr, &ae) {
			return nil, fmt.Errorf("assets: %w", aerr)
		}
		errs = append(errs, &SourceError{File: ae.File, Line: ae.Line, Msg: ae.Msg})
	}
	r := &renderer{site: site, assets: set, cfg: cfg}
	var terr errorList
	r.tmpl, terr = loadTemplates(cfg.FS, r.funcs())
	errs = append(errs, terr...)
	if len(errs) > 0 {
		return nil, errs.err()
	}
	out := Output{}
	for _, f := range set.Files {
		out[f.Path] = f.Data
	}
	if err := site.copyStatic(cfg.FS, out); err != nil {
		return nil, err
	}
	site.images.write(out)
	if r.searchEntry, r.facets, err = site.writeSearch(out); err != nil {
		return nil, err
	}
	if err := r.renderAll(ctx, out); err != nil {
		return nil, err
	}
	site.writeFeeds(out)
	return out, nil
}

func (s *Site) copyStatic(fsys fs.FS, out Output) error {
	for _, f := range s.static {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return &SourceError{File: f, Msg: "filen kan ikke læses", Err: err}
		}
		out[strings.TrimPrefix(f, "content/")] = data
	}
	return nil
}

// write writes files into a fresh directory beside out and swaps it in.
func write(ctx context.Context, out string, files Output) (Result, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Result{}, err
	}
	tmp := filepath.Join(parent, "."+filepath.Base(out)+".new-"+randomSuffix())
	res, err := writeTree(ctx, tmp, files)
	if err != nil {
		os.RemoveAll(tmp)
		return Result{}, err
	}
	if err := swap(tmp, out); err != nil {
		os.RemoveAll(tmp)
		return Result{}, err
	}
	return res, nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// swap puts the directory tmp where out is, removing the old out.
func swap(tmp, out string) error {
	old := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".old-"+randomSuffix())
	if err := os.Rename(out, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("kan ikke flytte den gamle udgave af %s: %w", out, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return fmt.Errorf("kan ikke lægge den nye udgave på plads i %s: %w", out, err)
	}
	return os.RemoveAll(old)
}

// writeTree writes files under dir, in parallel.
func writeTree(ctx context.Context, dir string, files Output) (Result, error) {
	names := make([]string, 0, len(files))
	dirs := map[string]bool{dir: true}
	for name := range files {
		names = append(names, name)
		for d := filepath.Dir(filepath.Join(dir, name)); !dirs[d]; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	sort.Strings(names)
	sorted := make([]string, 0, len(dirs))
	for d := range dirs {
		sorted = append(sorted, d)
	}
	sort.Strings(sorted) // parents before children
	for _, d := range sorted {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return Result{}, err
		}
	}
	var res Result
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	next := make(chan string)
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Go(func() {
			for name := range next {
				data := files[name]
				err := os.WriteFile(filepath.Join(dir, name), data, 0o644)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				res.Files++
				res.Bytes += int64(len(data))
				if strings.HasSuffix(name, ".html") {
					res.Pages++
				}
				mu.Unlock()
			}
		})
	}
	for _, n := range names {
		if ctx.Err() != nil {
			break
		}
		next <- n
	}
	close(next)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return res, firstErr
}
