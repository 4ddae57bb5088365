package frontmatter

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

type matter struct {
	Title  string   `fm:"title"`
	Themes []string `fm:"themes"`
	Place  TextList `fm:"place"`
	Draft  bool     `fm:"draft"`
}

// TestSplitAndDecode reads the same fields from YAML, TOML and JSON, with
// the line of each key counted in the file, the body and its first line.
func TestSplitAndDecode(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: Hej\nthemes: [a, b]\nplace: Aalborg\ndraft: true\n---\nTekst.\n",
		"+++\ntitle = \"Hej\"\nthemes = [\"a\", \"b\"]\nplace = \"Aalborg\"\ndraft = true\n+++\nTekst.\n",
		"{\n\"title\": \"Hej\",\n\"themes\": [\"a\", \"b\"],\n\"place\": \"Aalborg\",\n\"draft\": true\n}\nTekst.\n",
		"\ufeff---\r\ntitle: Hej\r\nthemes: [a, b]\r\nplace: [Aalborg]\r\ndraft: true\r\n---\r\nTekst.\r\n",
	} {
		doc, errs := Split("content/x.md", []byte(src))
		if len(errs) > 0 {
			t.Fatalf("Split(%q) = %v", src, errs.Err())
		}
		var m matter
		d := &Decoder{File: "content/x.md"}
		d.Decode(doc, &m)
		if len(d.Errs) > 0 {
			t.Fatalf("Decode(%q) = %v", src, d.Errs.Err())
		}
		if m.Title != "Hej" || strings.Join(m.Themes, ",") != "a,b" || strings.Join(m.Place, ",") != "Aalborg" || !m.Draft {
			t.Errorf("Decode(%q) = %+v", src, m)
		}
		if d.Lines["title"] != 2 || d.Lines["draft"] != 5 || doc.BodyLine != 7 || strings.TrimSpace(string(doc.Body)) != "Tekst." {
			t.Errorf("%q: lines %v, body line %d, body %q", src, d.Lines, doc.BodyLine, doc.Body)
		}
	}
}

// TestDecodeErrors checks that mistakes are reported at their lines, in
// Danish, with the nearest known key.
func TestDecodeErrors(t *testing.T) {
	doc, errs := Split("content/x.md", []byte("---\ntitel: Hej\ndraft: ja\n---\n"))
	if len(errs) > 0 {
		t.Fatal(errs.Err())
	}
	d := &Decoder{File: "content/x.md"}
	d.Decode(doc, &matter{})
	got := d.Errs.Err().Error()
	for _, want := range []string{`content/x.md:2: ukendt felt "titel" (mente du "title"?)`, `content/x.md:3: feltet "draft" skal være true eller false`} {
		if !strings.Contains(got, want) {
			t.Errorf("errors = %q, want %q", got, want)
		}
	}
	if !d.FailedAt("draft") || d.FailedAt("title") {
		t.Errorf("FailedAt: draft %v, title %v", d.FailedAt("draft"), d.FailedAt("title"))
	}
}

// FuzzSplit splits and decodes arbitrary files: no panic, every error at a
// line inside the file, a Danish message in UTF-8, under a second each.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\n", "+++\ntitle = 1\n+++\n", "{\"title\": \"x\"}\nTekst", "---\na: &b [1]\nc: *b\n---\n", "---\n" + strings.Repeat("[", 200) + "\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		// Lines end as Split ends them: LF, CRLF or a lone CR.
		lines := strings.Count(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"), "\n") + 2
		doc, errs := Split("x.md", src)
		if doc != nil {
			d := &Decoder{File: "x.md"}
			d.Decode(doc, &matter{})
			errs = append(errs, d.Errs...)
		}
		for _, e := range errs {
			if e.Line < 0 || e.Line > lines || !utf8.ValidString(e.Msg) {
				t.Errorf("error %q at line %d of a %d-line file", e.Msg, e.Line, lines)
			}
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v", d)
		}
	})
}
