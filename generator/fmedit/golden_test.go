package fmedit

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want.md sections of testdata/*.txtar")

// readChanges reads changes.json: an object of keys to new values, null
// to delete a key.
func readChanges(t *testing.T, data []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("changes.json: %v", err)
	}
	return m
}

// TestGolden applies each testdata/*.txtar's changes.json to its in.md and
// compares the result with want.md byte for byte. Files may spell CR as
// <CR> and a byte order mark as <BOM>, so that they show in the archive.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sec := map[string][]byte{}
			for _, f := range ar.Files {
				sec[f.Name] = f.Data
			}
			in := decodeMarks(sec["in.md"])
			d, err := Parse(in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			changes := readChanges(t, sec["changes.json"])
			got, err := d.Apply(changes, nil)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if *update {
				for i, f := range ar.Files {
					if f.Name == "want.md" {
						ar.Files[i].Data = encodeMarks(got)
					}
				}
				os.WriteFile(file, txtar.Format(ar), 0o644)
				return
			}
			want := decodeMarks(sec["want.md"])
			if !bytes.Equal(got, want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			// The result reads back as the new values.
			nd, err := Parse(got)
			if err != nil {
				t.Fatalf("result does not parse: %v", err)
			}
			for k, v := range changes {
				gv, ok := nd.Get(k)
				if v == nil {
					if ok {
						t.Errorf("%s not deleted", k)
					}
					continue
				}
				nv, _ := normalize(v)
				if !ok || !equal(gv, nv) {
					t.Errorf("%s = %#v, want %#v", k, gv, nv)
				}
			}
			if !bytes.Equal(nd.Body(), d.Body()) {
				t.Errorf("body changed")
			}
		})
	}
}

func decodeMarks(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("<CR>\n"), []byte("\r\n"))
	return bytes.ReplaceAll(b, []byte("<BOM>"), []byte("\ufeff"))
}

func encodeMarks(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("<CR>\n"))
	return bytes.ReplaceAll(b, []byte("\ufeff"), []byte("<BOM>"))
}
