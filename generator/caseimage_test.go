package generator

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCaseImageInLayout checks that the shipped case layout shows a case's
// front matter image as a responsive, lazily loaded <img> with its alt text.
func TestCaseImageInLayout(t *testing.T) {
	fsys := syntheticSite(t, 0)
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 1200, 800)), nil); err != nil {
		t.Fatal(err)
	}
	fsys["content/cases/foto.jpg"] = &fstest.MapFile{Data: jpg.Bytes()}
	src := string(fsys["content/cases/ombold-fodbold.md"].Data)
	src = strings.Replace(src, "\nprinciples:", "\nimage: {src: foto.jpg, alt: \"Peter på banen\"}\nprinciples:", 1)
	fsys["content/cases/ombold-fodbold.md"] = &fstest.MapFile{Data: []byte(src)}
	out, err := Render(context.Background(), Config{FS: fsys, Root: t.TempDir(), Now: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out["cases/ombold-fodbold/index.html"])
	img := regexp.MustCompile(`<figure class=case-image><img [^>]*>`).FindString(page)
	for _, want := range []string{`alt="Peter på banen"`, `srcset="`, `width=960`, `height=640`, `loading=lazy`, `decoding=async`} {
		if !strings.Contains(img, want) {
			t.Errorf("case image %q lacks %s", img, want)
		}
	}
}
