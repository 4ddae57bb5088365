package images

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// photo returns a JPEG or PNG of w×h pixels with a gradient, so that
// resizing has something to do.
func photo(t testing.TB, w, h int, format string) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPlan(t *testing.T) {
	for _, tt := range []struct {
		w    int
		want []int
	}{
		{300, []int{300}},
		{480, []int{480}},
		{481, []int{480, 481}},
		{1200, []int{480, 960, 1200}},
		{1600, []int{480, 960, 1600}},
		{4000, []int{480, 960, 1600}},
	} {
		if got := Plan(tt.w); !slices.Equal(got, tt.want) {
			t.Errorf("Plan(%d) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

// TestProcess checks that every version is a real image of the size it
// claims, and that the original is passed through unchanged.
func TestProcess(t *testing.T) {
	for _, format := range []string{"jpeg", "png"} {
		data := photo(t, 1200, 800, format)
		c := NewCache("")
		img, err := c.Process("Mit Foto.jpg", data)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if img.Width != 1200 || img.Height != 800 || img.Format != format {
			t.Errorf("%s: image %dx%d %s, want 1200x800", format, img.Width, img.Height, img.Format)
		}
		var widths []int
		for _, v := range img.Versions {
			widths = append(widths, v.Width)
			cfg, got, err := image.DecodeConfig(bytes.NewReader(v.Data))
			if err != nil {
				t.Fatalf("%s: version %s: %v", format, v.Name, err)
			}
			if cfg.Width != v.Width || cfg.Height != v.Height || got != format {
				t.Errorf("%s: version %s is %dx%d %s, claims %dx%d", format, v.Name, cfg.Width, cfg.Height, got, v.Width, v.Height)
			}
		}
		if !slices.Equal(widths, []int{480, 960, 1200}) {
			t.Errorf("%s: widths %v, want [480 960 1200]", format, widths)
		}
		if last := img.Versions[len(img.Versions)-1]; !bytes.Equal(last.Data, data) {
			t.Errorf("%s: the full-size version is not the original", format)
		}
		if got := c.Resizes(); got != 2 {
			t.Errorf("%s: Resizes() = %d, want 2", format, got)
		}
	}
}

func TestVersionNames(t *testing.T) {
	img, err := NewCache("").Process("content/cases/Æble Foto.JPG", photo(t, 500, 100, "jpeg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range img.Versions {
		if matched, _ := filepath.Match("ble-foto-??????????-*.jpg", v.Name); !matched {
			t.Errorf("version name %q, want ble-foto-<hash>-<width>.jpg", v.Name)
		}
	}
}

// TestCacheOnDisk checks that a second cache on the same directory, as in
// the next build, resizes nothing and returns the same files.
func TestCacheOnDisk(t *testing.T) {
	dir := t.TempDir()
	data := photo(t, 2000, 1000, "jpeg")
	first, err := NewCache(dir).Process("a.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("cache holds %d files, want 3", len(entries))
	}
	c := NewCache(dir)
	second, err := c.Process("a.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Resizes(); got != 0 {
		t.Errorf("second build: Resizes() = %d, want 0", got)
	}
	for i := range first.Versions {
		if !bytes.Equal(first.Versions[i].Data, second.Versions[i].Data) {
			t.Errorf("version %d differs between builds", i)
		}
	}
}

func TestProcessErrors(t *testing.T) {
	good := photo(t, 600, 400, "jpeg")
	for _, tt := range []struct {
		name string
		data []byte
		want func(error) bool
	}{
		{"text", []byte("not an image at all"), func(err error) bool { return errors.Is(err, ErrFormat) }},
		{"truncated", good[:len(good)/2], func(err error) bool { var de *DecodeError; return errors.As(err, &de) }},
		{"small truncated", photo(t, 300, 200, "png")[:200], func(err error) bool { var de *DecodeError; return errors.As(err, &de) }},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), func(err error) bool { return err != nil }},
	} {
		_, err := NewCache("").Process(tt.name+".jpg", tt.data)
		if err == nil || !tt.want(err) {
			t.Errorf("Process(%s) error = %v", tt.name, err)
		}
	}
}

func BenchmarkProcess(b *testing.B) {
	data := photo(b, 3000, 2000, "jpeg")
	for b.Loop() {
		if _, err := NewCache("").Process("a.jpg", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcessCached is a rebuild: every version comes from the cache
// on disk.
func BenchmarkProcessCached(b *testing.B) {
	data := photo(b, 3000, 2000, "jpeg")
	dir := b.TempDir()
	if _, err := NewCache(dir).Process("a.jpg", data); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := NewCache(dir).Process("a.jpg", data); err != nil {
			b.Fatal(err)
		}
	}
}
