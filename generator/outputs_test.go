package generator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestOutputClashes checks that a static file or an old address that would
// land on another file's place is an error at the file and line that
// caused it, in a build and in the preview alike, instead of replacing a
// page silently.
func TestOutputClashes(t *testing.T) {
	alias := func(a string) (string, string) {
		return "content/cases/aalborg.md", "---\ntitle: Skurbyen i Aalborg\ndate: 2025-10-09\nsummary: Boliger.\nthemes: [faellesskaber]\nprinciples: [1]\naliases: [" + a + "]\n---\nTekst.\n"
	}
	tests := []struct {
		name       string
		file, data string
		want       string // file:line: and a part of the message
	}{
		{"static over a case", "content/cases/ombold/index.html", "<p>x", "content/cases/ombold/index.html: filen støder sammen med siden fra content/cases/ombold.md: begge skal skrives til /cases/ombold/index.html"},
		{"static robots", "content/robots.txt", "x", "content/robots.txt: filen støder sammen med en fil, sitet selv laver: begge skal skrives til /robots.txt"},
		{"static sitemap", "content/sitemap.xml", "x", "content/sitemap.xml: filen støder sammen"},
		{"static feed folder", "content/feed.xml/x.txt", "x", "content/feed.xml/x.txt: filen støder sammen med en fil, sitet selv laver: begge skal skrives til /feed.xml"},
		{"static redirects", "content/_redirects", "/x /y 301", "content/_redirects: filen støder sammen"},
		{"static home", "content/index.html", "x", "content/index.html: filen støder sammen med siden fra content/_index.md"},
		{"static 404", "content/404.html", "x", "content/404.html: filen støder sammen med en fil, sitet selv laver"},
		{"static in assets", "content/assets/site.css", "x", "content/assets/site.css: filen skal skrives til /assets/site.css, men /assets/ fylder sitet selv"},
		{"static in search data", "content/soeg/data/meta.json", "x", "content/soeg/data/meta.json: filen skal skrives til"},
	}
	for _, a := range []string{"/feed.xml", "/robots.txt", "/sitemap.xml", "/_redirects", "/index.html", "/404.html"} {
		f, d := alias(a)
		other := "en fil, sitet selv laver"
		if a == "/index.html" {
			other = "siden fra content/_index.md"
		}
		tests = append(tests, struct{ name, file, data, want string }{"alias " + a, f, d, f + ":7: den gamle adresse " + a + " støder sammen med " + other + ": begge skal skrives til " + a})
	}
	for _, a := range []string{"/assets/", "/assets/js/site.js", "/soeg/data/"} {
		f, d := alias(a)
		tests = append(tests, struct{ name, file, data, want string }{"alias " + a, f, d, f + ":7: den gamle adresse " + a + " skal skrives til"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fsys := loadFixture(t, "basic")
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := Render(context.Background(), Config{FS: fsys, Now: fixtureDate})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Render = %v\nwant an error with %q", err, tt.want)
			}
			if errs := SourceErrors(err); len(errs) != 1 {
				t.Errorf("Render gave %d source errors, want 1", len(errs))
			}
			_, err = NewBuilder(Config{FS: fsys, Now: fixtureDate}).Build(context.Background(), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("preview Build = %v\nwant an error with %q", err, tt.want)
			}
		})
	}
}

// TestOutputsNoClash checks that static files and old addresses that land
// nowhere else are accepted.
func TestOutputsNoClash(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	fsys["content/cases/ombold/bilag.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
	fsys["content/rapporter/index.html"] = &fstest.MapFile{Data: []byte("<p>x")}
	fsys["content/assetsx.txt"] = &fstest.MapFile{Data: []byte("x")}
	out, err := Render(context.Background(), Config{FS: fsys, Now: fixtureDate})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cases/ombold/bilag.pdf", "rapporter/index.html", "assetsx.txt", "cases/ombold/index.html"} {
		if _, ok := out[name]; !ok {
			t.Errorf("%s missing from the output", name)
		}
	}
}
