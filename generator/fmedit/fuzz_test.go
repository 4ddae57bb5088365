package fmedit

import (
	"bytes"
	"hash/fnv"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fuzzEdits are the edits FuzzApply makes with its string: one is chosen
// by a hash of the string and the file.
var fuzzEdits = []func(s string) (string, any){
	func(s string) (string, any) { return "title", s },
	func(s string) (string, any) { return "summary", s },
	func(s string) (string, any) { return "themes", []string{s, "Fællesskaber"} },
	func(s string) (string, any) {
		return "sources", []map[string]string{{"title": s, "url": "https://example.dk/"}}
	},
	func(s string) (string, any) { return "image", map[string]string{"src": "foto.jpg", "alt": s} },
	func(s string) (string, any) { return "date", s },
	func(s string) (string, any) { return "aliases", nil },
	func(s string) (string, any) { return "ny-" + string(rune('a'+len(s)%26)), s },
}

// FuzzApply patches arbitrary files with arbitrary text. It must never
// panic; when Apply succeeds, the result must parse, hold the new value
// and every other key as before, and keep the body; and each input must
// take less than a second.
func FuzzApply(f *testing.F) {
	files, _ := filepath.Glob("../../content/*.md")
	more, _ := filepath.Glob("../../content/*/*.md")
	for _, file := range append(files, more...) {
		src, err := os.ReadFile(file)
		if err == nil {
			f.Add(src, "Ny tekst: „æøå“ # 1")
		}
	}
	gold, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range gold {
		if src, err := os.ReadFile(file); err == nil {
			if i := bytes.Index(src, []byte("-- changes.json --")); i > 0 {
				f.Add(decodeMarks(src[len("-- in.md --\n"):i]), "- liste\nlinje to")
			}
		}
	}
	f.Add([]byte("+++\ntitle = 'x'\n[image]\nsrc = \"a\"\n+++\n"), "'")
	f.Add([]byte("{\"title\": \"x\"}\n"), "\"\\")
	f.Fuzz(func(t *testing.T, src []byte, value string) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
		}()
		d, err := Parse(src)
		if err != nil {
			return
		}
		h := fnv.New32a()
		h.Write(src)
		h.Write([]byte(value))
		key, v := fuzzEdits[h.Sum32()%uint32(len(fuzzEdits))](value)
		out, err := d.Apply(map[string]any{key: v}, nil)
		if err != nil {
			return
		}
		nd, err := Parse(out)
		if err != nil {
			t.Fatalf("result does not parse: %v\n%q", err, out)
		}
		got, ok := nd.Get(key)
		if v == nil {
			if ok {
				t.Fatalf("%s not deleted", key)
			}
		} else if want, _ := normalize(v); !ok || !equal(got, want) {
			t.Fatalf("%s = %#v, want %#v\n%q", key, got, want, out)
		}
		for _, k := range d.Keys() {
			if k == key {
				continue
			}
			a, _ := d.Get(k)
			b, ok := nd.Get(k)
			if !ok || !equal(a, b) {
				t.Fatalf("%s changed: %#v → %#v", k, a, b)
			}
		}
		if !bytes.Equal(nd.Body(), d.Body()) {
			t.Fatalf("body changed")
		}
		// Setting the same value again changes nothing.
		if again, err := nd.Apply(map[string]any{key: v}, nil); err != nil || !bytes.Equal(again, out) {
			t.Fatalf("second Apply: %v", err)
		}
	})
}
