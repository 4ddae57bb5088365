package search

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestBuildDeterministic(t *testing.T) {
	docs := loadDocs(t)
	a, entryA, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(docs) // input order must not matter
	b, entryB, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	if entryA != entryB {
		t.Errorf("entry = %s, then %s", entryA, entryB)
	}
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Errorf("two builds of the same documents differ")
	}
}

func TestBuildNamesChangeWithContent(t *testing.T) {
	docs := loadDocs(t)
	before, entry, _ := Build(docs)
	docs[0].Body += " Nyt afsnit om fodbold."
	after, entry2, _ := Build(docs)
	if entry == entry2 {
		t.Errorf("entry name %s did not change with the content", entry)
	}
	for name, b := range after {
		if old, ok := before[name]; ok && !bytes.Equal(old, b) {
			t.Errorf("%s kept its name but changed its content", name)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		docs []Document
		want string
	}{
		{[]Document{{Title: "Uden adresse"}}, "no URL"},
		{[]Document{{URL: "/a/", Title: "A"}, {URL: "/a/", Title: "B"}}, "two documents"},
	}
	for _, tt := range tests {
		if _, _, err := Build(tt.docs); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Build(%v) error = %v, want %q", tt.docs, err, tt.want)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	files, entry, err := Build(nil)
	if err != nil || files[entry] == nil {
		t.Fatalf("Build(nil) = %d files, %q, %v", len(files), entry, err)
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in      string
		n       int
		want    string
		wantCut bool
	}{
		{"kort tekst", 20, "kort tekst", false},
		{"skæve boliger til borgere", 16, "skæve boliger", true},
		{"æææææ", 5, "ææ", true}, // never inside a letter
		{"én, to", 5, "én", true},
	}
	for _, tt := range tests {
		got, cut := clip(tt.in, tt.n)
		if got != tt.want || cut != tt.wantCut {
			t.Errorf("clip(%q, %d) = %q, %v, want %q, %v", tt.in, tt.n, got, cut, tt.want, tt.wantCut)
		}
	}
}

func TestSeparator(t *testing.T) {
	tests := []struct{ prev, next, want string }{
		{"bol", "bolig", "boli"},
		{"aabning", "borg", "b"},
		{"indsat", "indsats", "indsats"},
		{"a", "aøb", "aø"},
		{"aeø", "aeøa", "aeøa"},
		{"aex", "aeø", "aeø"},
		{"", "ø", "ø"},
	}
	long := strings.Repeat("a", 1<<20) // issue F6: two long words that share a long start
	tests = append(tests, struct{ prev, next, want string }{long, long + "b", long + "b"},
		struct{ prev, next, want string }{long + "b", long + "cd", long + "c"})
	for _, tt := range tests {
		got := separator(tt.prev, tt.next)
		if got != tt.want || got <= tt.prev || got > tt.next {
			t.Errorf("separator(%.20q, %.20q) = %.20q, want %.20q", tt.prev, tt.next, got, tt.want)
		}
	}
}

// TestBuildCachedEqualsBuild edits documents in every way a site changes
// and checks that an index built with the cache of the build before is
// the index built from nothing, file for file.
func TestBuildCachedEqualsBuild(t *testing.T) {
	docs := synthetic(t, 400)
	c := NewCache()
	r := rand.New(rand.NewPCG(3, 4))
	edits := []func(){
		func() { i := r.IntN(len(docs)); docs[i].Body += " hjemløshedsindsatsen" },
		func() { i := r.IntN(len(docs)); docs[i].Body = docs[i].Body[:len(docs[i].Body)/2] },
		func() { i := r.IntN(len(docs)); docs[i].Title = "Ny titel " + docs[i].Title },
		func() { i := r.IntN(len(docs)); docs[i].Summary += " støtte" },
		func() { i := r.IntN(len(docs)); docs[i].Headings = append(docs[i].Headings, "Nyt afsnit") },
		func() { i := r.IntN(len(docs)); docs[i].Date = "2026-01-01" },
		func() {
			i := r.IntN(len(docs))
			docs[i].Facets = append(slices.Clone(docs[i].Facets), Facet{"tema", "ny", "Nyt tema"})
		},
		func() {
			d := docs[r.IntN(len(docs))]
			d.URL += "kopi/"
			d.Body = "helt nye ord: zebra xylofon " + d.Body
			docs = append(docs, d)
		},
		func() { i := r.IntN(len(docs)); docs = slices.Delete(docs, i, i+1) },
		func() {}, // nothing changed
	}
	if _, _, err := BuildCached(docs, c); err != nil {
		t.Fatal(err)
	}
	for step := range 20 {
		k := step % len(edits)
		edits[k]()
		got, gotEntry, err := BuildCached(docs, c)
		if err != nil {
			t.Fatal(err)
		}
		want, wantEntry, err := Build(docs)
		if err != nil {
			t.Fatal(err)
		}
		if gotEntry != wantEntry || !maps.EqualFunc(got, want, bytes.Equal) {
			t.Fatalf("step %d (edit %d): cached build differs (entry %s, want %s; %d files, want %d)", step, k, gotEntry, wantEntry, len(got), len(want))
		}
	}
	if c.Reused() < len(docs)-2 {
		t.Errorf("the last build reused %d of %d documents' counts", c.Reused(), len(docs))
	}
}

// FuzzBuild indexes a text beside the test documents, whose words give
// the compounds of the text their heads: the build must succeed within
// the fuzz budget (issue F6) and name its entry file.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{"Hjemløshedsindsatsen og boligorganisationerne", "indsats indsatsen indsatser", "\xff\xfe"} {
		f.Add(s)
	}
	for _, s := range hostile(f) {
		f.Add(s)
	}
	docs := loadDocs(f)
	f.Fuzz(func(t *testing.T, s string) {
		docs := append(slices.Clone(docs), Document{URL: "/fuzz/", Title: "Fuzz", Body: s})
		var files map[string][]byte
		var entry string
		var err error
		inBudget(t, fmt.Sprintf("Build with a body of %d bytes", len(s)), func() { files, entry, err = Build(docs) })
		if err != nil {
			t.Fatal(err)
		}
		if files[entry] == nil {
			t.Errorf("Build: no entry file %s", entry)
		}
	})
}
