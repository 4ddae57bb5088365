package generator

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// checkBase is the rest of a small site around the files of a check
// fixture: a front page, one theme, one principle and layouts that show
// the page's content. A fixture's own files replace these.
var checkBase = map[string]string{
	"content/_index.md":                              "---\ntitle: Forside\n---\nVelkommen.\n",
	"content/tema/faellesskaber.md":                  "---\ntitle: Fællesskaber\nsummary: Naboer og fællesskaber.\n---\nNaboer hjælper hinanden.\n",
	"content/principper/1-se-mig-som-et-menneske.md": "---\nnumber: 1\ntitle: Se mig som et menneske\nsummary: Mennesket før sagen.\n---\nMennesket før sagen.\n",
	"layouts/base.html":                              "<h1>{{.Page.Title}}</h1>{{with .Page.Image}}{{.HTML}}{{end}}{{.Page.Content}}",
}

// checkFixtureFS returns the site of a check fixture and its want section.
func checkFixtureFS(t *testing.T, file string) (fstest.MapFS, string) {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range checkBase {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for _, k := range kinds {
		fsys["layouts/"+k.name+".html"] = &fstest.MapFile{}
	}
	want := ""
	for _, f := range a.Files {
		if f.Name == "want" {
			want = string(f.Data)
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys, want
}

func findingLines(findings []Finding) string {
	var b strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&b, "%s %s\n", f.Severity, f)
	}
	return b.String()
}

// TestCheckFixtures runs Check on each fixture in testdata/check and
// compares the findings with its want section, line by line.
func TestCheckFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/check/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/check")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if name == "spelling" && !spellAvailable() {
				t.Skip("hunspell with the Danish dictionary is not installed")
			}
			fsys, want := checkFixtureFS(t, file)
			findings, err := Check(context.Background(), Config{FS: fsys, Now: fixtureDate})
			if err != nil {
				t.Fatal(err)
			}
			if got := findingLines(findings); got != want {
				t.Errorf("%s: findings differ:\ngot:\n%s\nwant:\n%s", file, got, want)
			}
		})
	}
}

// TestCheckLargeImage checks the warning about originals over 500 KB, with
// a photo of noise that no encoder can make small.
func TestCheckLargeImage(t *testing.T) {
	fsys, _ := checkFixtureFS(t, "testdata/check/clean.txtar")
	img := image.NewNRGBA(image.Rect(0, 0, 500, 400))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 255
	}
	img.Set(0, 0, color.NRGBA{0, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if buf.Len() <= MaxImageBytes {
		t.Fatalf("test image is only %d bytes", buf.Len())
	}
	fsys["content/cases/stort.png"] = &fstest.MapFile{Data: buf.Bytes()}
	src := string(fsys["content/cases/fodbold.md"].Data) + "\n![Banen set fra oven](stort.png)\n"
	fsys["content/cases/fodbold.md"] = &fstest.MapFile{Data: []byte(src)}
	findings, err := Check(context.Background(), Config{FS: fsys, Now: fixtureDate})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("warning content/cases/fodbold.md:22: billedet content/cases/stort.png fylder %d KB (gem det mindre end 500 KB, fx som JPEG højst 2000 px bred; kataloget laver selv de mindre udgaver)\n", (buf.Len()+1023)/1024)
	if got := findingLines(findings); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

func TestWordLine(t *testing.T) {
	src := []byte("title: Tirsdag\n---\nholdet tirsdga\nen tirsdga-træning\n")
	for _, tt := range []struct {
		word string
		want int
	}{
		{"tirsdga", 3},
		{"Tirsdag", 1},
		{"hold", 0}, // only inside "holdet"
		{"træning", 4},
	} {
		if got := wordLine(src, tt.word); got != tt.want {
			t.Errorf("wordLine(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}
