package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	stdpng "image/png"
	"io/fs"
	"katalog/generator/images"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// cancelFS cancels a context when a file is read for the nth time and
// counts the reads after that.
type cancelFS struct {
	fs.FS
	n      int32
	reads  atomic.Int32
	cancel context.CancelFunc
}

func (c *cancelFS) Open(name string) (fs.File, error) {
	if filepath.Ext(name) == ".md" && c.reads.Add(1) == c.n {
		c.cancel()
	}
	return c.FS.Open(name)
}

// manyCases adds n cases to fsys.
func manyCases(fsys fstest.MapFS, n int) {
	for i := range n {
		fsys[fmt.Sprintf("content/cases/c%04d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Case %d\ndate: 2025-06-12\nsummary: Om case %d.\nthemes: [Fællesskaber]\nprinciples: [1]\n---\nTekst om case %d.\n", i, i, i)}
	}
}

// TestBuildStopsWhenCancelled checks that a build stops reading pages once
// its context is cancelled, returns context.Canceled and leaves the
// output folder as it was.
func TestBuildStopsWhenCancelled(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	manyCases(fsys, 2000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfs := &cancelFS{FS: fsys, n: 10, cancel: cancel}
	out := filepath.Join(t.TempDir(), "public")
	_, err := Build(ctx, Config{FS: cfs, Out: out, Now: fixtureDate})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Build = %v, want context.Canceled", err)
	}
	if n := cfs.reads.Load(); n > 500 {
		t.Errorf("Build read %d page files of 2006 after it was cancelled at the 10th", n)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a cancelled build wrote %s", out)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("a cancelled build left %d entries beside the output", len(entries))
	}
}

// TestRenderStopsWhenCancelled checks that rendering stops handing out
// pages once the context is cancelled.
func TestRenderStopsWhenCancelled(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	manyCases(fsys, 2000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var pages atomic.Int32
	cfg := Config{FS: fsys, Now: fixtureDate}.withDefaults()
	_, err := (&Builder{cfg: cfg}).build(ctx, cfg, nil, func(string, []byte) error {
		if pages.Add(1) == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("build = %v, want context.Canceled", err)
	}
	if n := pages.Load(); n > 500 {
		t.Errorf("%d pages were rendered after a cancel at the 5th", n)
	}
}

// TestBuildStopsWhileImageProcesses checks that a cancelled build does not
// wait for an image that is still being decoded (a large photo takes
// seconds and cannot be interrupted): Build returns with the context's
// error while the image is still being processed.
func TestBuildStopsWhileImageProcesses(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	var png bytes.Buffer
	if err := stdpng.Encode(&png, image.NewRGBA(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	fsys["content/cases/foto.png"] = &fstest.MapFile{Data: png.Bytes()}
	fsys["content/cases/aalborg.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Skurbyen i Aalborg\ndate: 2025-10-09\nsummary: Boliger.\nthemes: [faellesskaber]\nprinciples: [1]\nimage: {src: foto.png, alt: Skure i en have}\n---\nTekst.\n")}
	started, release := make(chan struct{}), make(chan struct{})
	processImage = func(c *images.Cache, name string, data []byte) (*images.Image, error) {
		close(started)
		<-release // a decode that takes as long as it takes
		return c.Process(name, data)
	}
	defer func() { processImage = (*images.Cache).Process }()
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := Build(ctx, Config{FS: fsys, Out: filepath.Join(t.TempDir(), "public"), Now: fixtureDate})
		done <- err
	}()
	<-started
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Build = %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second): // a liveness guard, not a measurement
		t.Fatal("a cancelled Build waited for an image being processed")
	}
}
