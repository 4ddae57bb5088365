package generator

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
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
	imgAttr = regexp.MustCompile(`([a-z]+)=(?:"([^"]*)"|([^\s">]+))`)
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
			attrs[m[1]] = m[2] + m[3]
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

func TestImagePlaceIssueF13(t *testing.T) {
	const (
		caseAdvice = "(læg billedet i samme mappe som siden, content/cases/, eller i assets/img/ og skriv /assets/img/"
		rootAdvice = "(læg billedet i samme mappe som siden, content/, eller i assets/img/ og skriv /assets/img/"
	)
	for _, tt := range []struct {
		page, src, want string // want is "" for an image the page may show
	}{
		{"content/cases/fodbold.md", "hold.jpg", ""},
		{"content/cases/fodbold.md", "./hold.jpg?v=2", ""},
		{"content/cases/fodbold.md", "billeder/hold.jpg", ""},
		{"content/cases/fodbold.md", "/cases/hold.jpg", ""},
		{"content/cases/fodbold.md", "/assets/img/bane.png", ""},
		{"content/cases/fodbold.md", "/assets/billeder/bane.png", ""},
		{"content/cases/fodbold.md", "../../assets/img/bane.png", ""},
		{"content/om.md", "/foto.jpg", ""},
		{"content/om.md", "cases/hold.jpg", ""},

		{"content/cases/fodbold.md", "../../secret.png", `billedet "../../secret.png" ligger uden for content/ og assets/ ` + caseAdvice + `secret.png)`},
		{"content/cases/fodbold.md", "../../layouts/x.png", `billedet "../../layouts/x.png" ligger uden for content/ og assets/ ` + caseAdvice + `x.png)`},
		{"content/cases/fodbold.md", "../../../outside.png", `billedet "../../../outside.png" ligger uden for content/ og assets/ ` + caseAdvice + `outside.png)`},
		{"content/cases/fodbold.md", "../../content/../secret.png", `billedet "../../content/../secret.png" ligger uden for content/ og assets/ ` + caseAdvice + `secret.png)`},
		{"content/cases/fodbold.md", "/assets/../secret.png", `billedet "/assets/../secret.png" ligger uden for content/ og assets/ ` + caseAdvice + `secret.png)`},
		{"content/cases/fodbold.md", "/assets/img/../../secret.png", `billedet "/assets/img/../../secret.png" ligger uden for content/ og assets/ ` + caseAdvice + `secret.png)`},
		{"content/cases/fodbold.md", "/../secret.png", `billedet "/../secret.png" ligger uden for content/ og assets/ ` + caseAdvice + `secret.png)`},
		{"content/cases/fodbold.md", "/../layouts/x.png", `billedet "/../layouts/x.png" ligger uden for content/ og assets/ ` + caseAdvice + `x.png)`},
		{"content/cases/fodbold.md", "../tema/foto.jpg", `billedet "../tema/foto.jpg" ligger i content/tema/, ikke i sidens mappe ` + caseAdvice + `foto.jpg)`},
		{"content/cases/fodbold.md", "/foto.jpg", `billedet "/foto.jpg" ligger i content/, ikke i sidens mappe ` + caseAdvice + `foto.jpg)`},
		{"content/om.md", "../secret.png", `billedet "../secret.png" ligger uden for content/ og assets/ ` + rootAdvice + `secret.png)`},
	} {
		file, ok := imageFile(tt.page, tt.src)
		if !ok {
			t.Errorf("imageFile(%q, %q) is not a file of the site", tt.page, tt.src)
			continue
		}
		if got := imagePlace(tt.page, file, tt.src); got != tt.want {
			t.Errorf("imagePlace(%q, %q, %q) = %q, want %q", tt.page, file, tt.src, got, tt.want)
		}
	}
}

// TestImageOutsideIssueF13 checks that images outside content/ and assets/,
// though in the site root, are errors at their lines, in front matter and
// in the text, and not published.
func TestImageOutsideIssueF13(t *testing.T) {
	dir := imageSite(t, "\n![Et layout](../../layouts/x.png)\n\n![Fra roden](/assets/../secret.png)\n")
	writeTestFile(t, filepath.Join(dir, "secret.png"), testPhoto(t, 64, 64, "png"))
	writeTestFile(t, filepath.Join(dir, "layouts/x.png"), testPhoto(t, 64, 64, "png"))
	editFile(t, dir, "content/cases/fodbold.md", func(s string) string {
		return strings.Replace(s, "src: hold.jpg", `src: "../../secret.png"`, 1)
	})
	_, err := Build(context.Background(), Config{Root: dir, Out: filepath.Join(dir, "public"), Now: fixtureDate})
	const advice = "(læg billedet i samme mappe som siden, content/cases/, eller i assets/img/ og skriv /assets/img/"
	want := []string{
		`content/cases/fodbold.md:8: billedet "../../secret.png" ligger uden for content/ og assets/ ` + advice + `secret.png)`,
		`content/cases/fodbold.md:27: billedet "../../layouts/x.png" ligger uden for content/ og assets/ ` + advice + `x.png)`,
		`content/cases/fodbold.md:29: billedet "/assets/../secret.png" ligger uden for content/ og assets/ ` + advice + `secret.png)`,
	}
	checkErrors(t, err, want)
}

// TestImageTooLargeIssueF4 checks that an image whose header claims more
// than images.MaxPixels is an error at the line that shows it, in front
// matter and in the text, and that the build does not try to decode it.
func TestImageTooLargeIssueF4(t *testing.T) {
	dir := imageSite(t, "\n![Stort](stort.png)\n")
	writeTestFile(t, filepath.Join(dir, "content/cases/hold.jpg"), claimSize(t, testPhoto(t, 64, 48, "jpeg"), 60000, 60000))
	writeTestFile(t, filepath.Join(dir, "content/cases/stort.png"), claimSize(t, testPhoto(t, 64, 48, "png"), 7072, 7072))
	_, err := Build(context.Background(), Config{Root: dir, Out: filepath.Join(dir, "public"), Now: fixtureDate})
	want := []string{
		`content/cases/fodbold.md:8: billedet "hold.jpg": content/cases/hold.jpg er 60000 × 60000 punkter (3600 megapixel); det største, sitet kan tage, er 50 megapixel (gem billedet i en mindre størrelse, fx 4000 punkter bredt)`,
		`content/cases/fodbold.md:27: billedet "stort.png": content/cases/stort.png er 7072 × 7072 punkter (50,1 megapixel); det største, sitet kan tage, er 50 megapixel (gem billedet i en mindre størrelse, fx 4000 punkter bredt)`,
	}
	checkErrors(t, err, want)
}

func TestTooLarge(t *testing.T) {
	for _, tt := range []struct {
		w, h int
		want string
	}{
		{60000, 60000, "er 60000 × 60000 punkter (3600 megapixel); det største, sitet kan tage, er 50 megapixel (gem billedet i en mindre størrelse, fx 4000 punkter bredt)"},
		{7072, 7072, "er 7072 × 7072 punkter (50,1 megapixel); det største, sitet kan tage, er 50 megapixel (gem billedet i en mindre størrelse, fx 4000 punkter bredt)"},
		{10000, 6000, "er 10000 × 6000 punkter (60 megapixel); det største, sitet kan tage, er 50 megapixel (gem billedet i en mindre størrelse, fx 4000 punkter bredt)"},
		{2000, 30000, "er 2000 × 30000 punkter (60 megapixel); det største, sitet kan tage, er 50 megapixel (gem billedet i en mindre størrelse, fx 1800 punkter bredt)"},
		{50, 1_000_001, "er 50 × 1000001 punkter (50,1 megapixel); det største, sitet kan tage, er 50 megapixel (gem billedet i en mindre størrelse, fx 49 punkter bredt)"},
	} {
		if got := tooLarge("foto.png", tt.w, tt.h); got != "foto.png "+tt.want {
			t.Errorf("tooLarge(%d, %d) = %q, want %q", tt.w, tt.h, got, "foto.png "+tt.want)
		}
	}
}

// checkErrors checks that err holds exactly the source errors want, in order.
func checkErrors(t *testing.T, err error, want []string) {
	t.Helper()
	var got []string
	for _, e := range SourceErrors(err) {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// claimSize returns a copy of the PNG or JPEG data whose header claims
// w×h pixels, its pixel data unchanged: a decompression bomb of a few
// kilobytes, as in issue F4.
func claimSize(t *testing.T, data []byte, w, h int) []byte {
	t.Helper()
	b := bytes.Clone(data)
	if bytes.HasPrefix(b, []byte("\x89PNG")) {
		// IHDR follows the 8-byte signature: length, type, width, height,
		// 5 more bytes and a CRC of type and data.
		binary.BigEndian.PutUint32(b[16:], uint32(w))
		binary.BigEndian.PutUint32(b[20:], uint32(h))
		binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
		return b
	}
	// The JPEG segments after SOI up to SOF0: marker, length, precision,
	// height, width.
	for i := 2; i+9 <= len(b) && b[i] == 0xff; i += 2 + int(binary.BigEndian.Uint16(b[i+2:])) {
		if b[i+1] == 0xc0 {
			binary.BigEndian.PutUint16(b[i+5:], uint16(h))
			binary.BigEndian.PutUint16(b[i+7:], uint16(w))
			return b
		}
	}
	t.Fatal("the JPEG has no SOF0 segment")
	return nil
}
