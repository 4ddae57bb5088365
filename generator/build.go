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
}

// Build reads the site, renders every page and writes the result to
// cfg.Out. It writes into a fresh directory beside Out and swaps it in only
// when everything succeeded, so a failed build leaves the previous output
// untouched. Content errors come back as a joined list of *SourceError.
//
// Pages are written to disk as they are rendered, so a large site is never
// held in memory whole.
func Build(ctx context.Context, cfg Config) (Result, error) {
	cfg = cfg.withDefaults()
	out := filepath.Clean(cfg.Out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return Result{}, err
	}
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".new-"+randomSuffix())
	d := &dirWriter{dir: tmp, made: map[string]bool{}}
	files, err := (&Builder{cfg: cfg, stream: true}).renderWith(ctx, cfg, nil, d.put)
	if err == nil {
		err = d.putAll(ctx, files)
	}
	if err == nil {
		err = swap(tmp, out)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return Result{}, err
	}
	return d.res, nil
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
