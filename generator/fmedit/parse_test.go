package fmedit

import (
	"bytes"
	"testing"
)

// TestRefuse checks that Parse refuses files whose front matter cannot be
// read, as the site does.
func TestRefuse(t *testing.T) {
	for name, src := range map[string]string{
		"no front matter": "# Overskrift\n",
		"never closed":    "---\ntitle: x\n",
		"yaml syntax":     "---\ntitle: Om: at høre til\n---\n",
		"yaml list":       "---\n- a\n---\n",
		"duplicate key":   "---\ntitle: a\ntitle: b\n---\n",
		"alias":           "---\na: &x 1\nb: *x\n---\n",
		"toml syntax":     "+++\ntitle = \"x\n+++\n",
		"json syntax":     "{\n  \"title\": \"x\",\n}\n",
		"json trailing":   "{\"title\": \"x\"} tekst\n",
		"control char":    "---\ntitle: \"a\x01\"\n---\n",
		"not utf-8":       "---\ntitle: \"\xff\"\n---\n",
	} {
		if _, err := Parse([]byte(src)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestGetAndBody checks the decoded values and the body in each format.
func TestGetAndBody(t *testing.T) {
	for _, src := range []string{
		"\ufeff---\r\ntitle: \"Fællesskaber\"\r\ndate: 2025-12-01\r\nprinciples: [1, 2]\r\nimage: {src: a.jpg, alt: b}\r\n---\r\nTekst.\r\n",
		"+++\ntitle = \"Fællesskaber\"\ndate = 2025-12-01\nprinciples = [1, 2]\n[image]\nsrc = \"a.jpg\"\nalt = \"b\"\n+++\nTekst.\r\n",
		"{\n\"title\": \"Fællesskaber\", \"date\": \"2025-12-01\", \"principles\": [1, 2], \"image\": {\"src\": \"a.jpg\", \"alt\": \"b\"}\n}\nTekst.\r\n",
	} {
		d, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for k, want := range map[string]any{"title": "Fællesskaber", "date": "2025-12-01", "principles": []any{1, 2}, "image": map[string]any{"src": "a.jpg", "alt": "b"}} {
			if got, ok := d.Get(k); !ok || !equal(got, want) {
				t.Errorf("%s: %s = %#v, want %#v", d.Format, k, got, want)
			}
		}
		if got := string(d.Body()); got != "Tekst.\r\n" {
			t.Errorf("%s: body %q", d.Format, got)
		}
		out, err := d.Apply(nil, []byte("Ny tekst.\n"))
		if err != nil || !bytes.HasSuffix(out, []byte("\nNy tekst.\n")) || !bytes.Equal(out[:len(out)-len("Ny tekst.\n")], []byte(src[:len(src)-len("Tekst.\r\n")])) {
			t.Errorf("%s: new body: %v %q", d.Format, err, out)
		}
		if out, err := d.Apply(map[string]any{}, nil); err != nil || !bytes.Equal(out, []byte(src)) {
			t.Errorf("%s: no changes changed the file: %v %q", d.Format, err, out)
		}
	}
}
