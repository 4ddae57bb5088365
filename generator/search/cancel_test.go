package search

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"testing"
)

// TestBuildContextCancelled checks that a cancelled build stops with the
// context's error and leaves its cache as it was: the next build with the
// cache gives the same files as a build without one.
func TestBuildContextCancelled(t *testing.T) {
	var docs []Document
	for i := range 500 {
		docs = append(docs, Document{URL: fmt.Sprintf("/cases/c%d/", i), Title: fmt.Sprintf("Case %d om boliger", i), Kind: "case", KindLabel: "Case",
			Body: "Fællesskab og støtte i hverdagen, boligsocialt arbejde og naboskab."})
	}
	cache := NewCache()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := BuildContext(ctx, docs, cache); !errors.Is(err, context.Canceled) {
		t.Fatalf("BuildContext with a cancelled context = %v, want context.Canceled", err)
	}
	got, gotEntry, err := BuildCached(docs, cache)
	if err != nil {
		t.Fatal(err)
	}
	want, wantEntry, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	if gotEntry != wantEntry || !maps.EqualFunc(got, want, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Error("a build after a cancelled one differs from a fresh build")
	}
}
