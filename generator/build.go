package generator

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
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
	if err == nil {
		var files Output
		files, err = (&Builder{cfg: cfg, stream: true}).renderWith(ctx, cfg, nil, d.put)
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

// fileProblem says in Danish why a folder or file could not be made.
func fileProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "der er ikke adgang"
	case errors.Is(err, syscall.ENOTDIR):
		return "en del af stien er en fil, ikke en mappe"
	case errors.Is(err, syscall.ENOSPC):
		return "disken er fuld"
	case errors.Is(err, syscall.EROFS):
		return "disken er skrivebeskyttet"
	}
	return err.Error()
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

// An Output is the built site in memory: output path → content.
type Output map[string][]byte

// Render builds the site in memory.
func Render(ctx context.Context, cfg Config) (Output, error) {
	cfg = cfg.withDefaults()
	return (&Builder{cfg: cfg}).renderOutput(ctx, cfg, nil)
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

// siteFS returns the site at root as a file system that never leaves it:
// a symlink that leads outside root cannot be read through it.
func siteFS(root string) fs.FS {
	r, err := os.OpenRoot(root)
	if err != nil {
		return os.DirFS(root) // reading fails the same way, with the path named
	}
	return r.FS()
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// removeAll removes a folder; a variable so that tests can make it fail.
var removeAll = os.RemoveAll

// swap puts the directory tmp where out is, removing the old out. Once
// the new output is in place the build has succeeded: an old output that
// cannot be removed is a warning, not an error.
func swap(tmp, out string) (warning string, err error) {
	old := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".old-"+randomSuffix())
	if err := os.Rename(out, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("den gamle udgave i %s kan ikke flyttes (%s); den er urørt", out, fileProblem(err))
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return "", fmt.Errorf("den nye udgave kan ikke lægges på plads i %s (%s); den gamle er urørt", out, fileProblem(err))
	}
	if err := removeAll(old); err != nil {
		return fmt.Sprintf("den nye udgave er på plads, men den gamle i %s kan ikke slettes (%s); slet mappen selv", old, fileProblem(err)), nil
	}
	return "", nil
}

// A dirWriter writes files under dir, making folders as needed. It is
// safe for concurrent use.
type dirWriter struct {
	dir  string
	mu   sync.Mutex
	made map[string]bool
	res  Result
}

func (d *dirWriter) put(name string, data []byte) error {
	file := filepath.Join(d.dir, filepath.FromSlash(name))
	parent := filepath.Dir(file)
	d.mu.Lock()
	if !d.made[parent] {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			d.mu.Unlock()
			return err
		}
		d.made[parent] = true
	}
	d.res.Files++
	d.res.Bytes += int64(len(data))
	if strings.HasSuffix(name, ".html") {
		d.res.Pages++
	}
	d.mu.Unlock()
	return os.WriteFile(file, data, 0o644)
}

// putAll writes files in parallel.
func (d *dirWriter) putAll(ctx context.Context, files Output) error {
	names := slices.Sorted(maps.Keys(files))
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	next := make(chan string)
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Go(func() {
			for name := range next {
				if err := d.put(name, files[name]); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
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
	select {
	case err := <-errs:
		return err
	default:
		return ctx.Err()
	}
}
