package generator

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// testPhoto returns a JPEG or PNG of w×h pixels.
func testPhoto(t *testing.T, w, h int, format string) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := img.PixOffset(x, y)
			copy(img.Pix[i:i+4], []uint8{uint8(x), uint8(y), uint8(x + y), 255})
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

// imageSite writes a site with a case showing a photo in front matter
// (1800×1200 JPEG beside the case) and one in the text (700×300 PNG under
// assets/) to a new directory, and returns it.
func imageSite(t *testing.T, caseExtra string) string {
	t.Helper()
	fsys, _ := checkFixtureFS(t, "testdata/check/clean.txtar")
	dir := t.TempDir()
	for name, f := range fsys {
		writeTestFile(t, filepath.Join(dir, name), f.Data)
	}
	writeTestFile(t, filepath.Join(dir, "content/cases/hold.jpg"), testPhoto(t, 1800, 1200, "jpeg"))
	writeTestFile(t, filepath.Join(dir, "assets/billeder/bane.png"), testPhoto(t, 700, 300, "png"))
	src := strings.Replace(string(fsys["content/cases/fodbold.md"].Data), "principles: [1]\n",
		"principles: [1]\nimage:\n  src: hold.jpg\n  alt: \"Holdet samlet på banen\"\n", 1)
	src += "\n![Banen om aftenen](/assets/billeder/bane.png)\n" + caseExtra
	writeTestFile(t, filepath.Join(dir, "content/cases/fodbold.md"), []byte(src))
	return dir
}

func writeTestFile(t *testing.T, file string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	imgTag  = regexp.MustCompile(`<img [^>]*>`)
	imgAttr = regexp.MustCompile(`([a-z]+)="([^"]*)"`)
)

// TestImagesOutput builds a site with two photos and checks each <img>
// against the files the build wrote: srcset widths, width and height are
// those of the real files.
func TestImagesOutput(t *testing.T) {
	dir := imageSite(t, "")
	out := filepath.Join(dir, "public")
	if _, err := Build(context.Background(), Config{Root: dir, Out: out, Now: fixtureDate}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "cases/fodbold/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	tags := imgTag.FindAllString(string(page), -1)
	if len(tags) != 2 {
		t.Fatalf("page has %d <img> tags, want 2:\n%s", len(tags), page)
	}
	wantWidths := map[string]string{"Holdet samlet på banen": "480 960 1600", "Banen om aftenen": "480 700"}
	for _, tag := range tags {
		attrs := map[string]string{}
		for _, m := range imgAttr.FindAllStringSubmatch(tag, -1) {
			attrs[m[1]] = m[2]
		}
		alt := attrs["alt"]
		if attrs["loading"] != "lazy" || attrs["decoding"] != "async" || attrs["sizes"] == "" {
			t.Errorf("%s: loading, decoding or sizes missing: %s", alt, tag)
		}
		var widths []string
		for _, cand := range strings.Split(attrs["srcset"], ", ") {
			url, w, _ := strings.Cut(cand, " ")
			cfg := decodeOutput(t, out, url)
			widths = append(widths, strings.TrimSuffix(w, "w"))
			if strconv.Itoa(cfg.Width)+"w" != w {
				t.Errorf("%s: srcset says %s is %s, the file is %d px wide", alt, url, w, cfg.Width)
			}
		}
		if got := strings.Join(widths, " "); got != wantWidths[alt] {
			t.Errorf("%s: srcset widths %s, want %s", alt, got, wantWidths[alt])
		}
		cfg := decodeOutput(t, out, attrs["src"])
		if strconv.Itoa(cfg.Width) != attrs["width"] || strconv.Itoa(cfg.Height) != attrs["height"] {
			t.Errorf("%s: width=%s height=%s, but %s is %dx%d", alt, attrs["width"], attrs["height"], attrs["src"], cfg.Width, cfg.Height)
		}
	}
	orig, _ := os.ReadFile(filepath.Join(dir, "content/cases/hold.jpg"))
	if !bytes.Equal(orig, testPhoto(t, 1800, 1200, "jpeg")) {
		t.Error("the original photo was changed")
	}
}

func decodeOutput(t *testing.T, out, url string) image.Config {
	t.Helper()
	f, err := os.Open(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(url, "/"))))
	if err != nil {
		t.Fatalf("srcset names a file the build did not write: %v", err)
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return cfg
}

// TestImagesCached checks that a second build resizes nothing: the
// versions come from the cache in .cache/images/.
func TestImagesCached(t *testing.T) {
	dir := imageSite(t, "")
	cfg := Config{Root: dir, Now: fixtureDate}.withDefaults()
	first, err := Load(cfg.FS, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := first.Resizes(); got != 4 { // 480, 960, 1600 of the JPEG; 480 of the PNG
		t.Errorf("first build: %d resizes, want 4", got)
	}
	cached, _ := filepath.Glob(filepath.Join(dir, ImageCacheDir, "*"))
	if len(cached) != 4 {
		t.Errorf("cache holds %d files, want 4", len(cached))
	}
	second, err := Load(cfg.FS, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := second.Resizes(); got != 0 {
		t.Errorf("second build: %d resizes, want 0", got)
	}
}

// TestImageCorrupt checks that a photo cut off half-way is an error at the
// line that shows it, and that the build's other errors still come.
func TestImageCorrupt(t *testing.T) {
	dir := imageSite(t, "\n[Se alle cases](/cases/findes-ikke/)\n")
	photo := testPhoto(t, 1800, 1200, "jpeg")
	writeTestFile(t, filepath.Join(dir, "content/cases/hold.jpg"), photo[:len(photo)/3])
	_, err := Build(context.Background(), Config{Root: dir, Out: filepath.Join(dir, "public"), Now: fixtureDate})
	var got []string
	for _, e := range SourceErrors(err) {
		got = append(got, e.Error())
	}
	want := []string{
		`content/cases/fodbold.md:8: billedet "hold.jpg": content/cases/hold.jpg kan ikke læses som billede; filen er ødelagt eller kun delvist gemt (gem billedet igen fra billedprogrammet)`,
		`content/cases/fodbold.md:27: linket "/cases/findes-ikke/" fører ingen steder hen (tjek adressen; interne links skrives som /cases/navn/ eller som relativ sti til en .md-fil)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed build wrote public/: %v", err)
	}
}
