package search

import (
	"bytes"
	"maps"
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
