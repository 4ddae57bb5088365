package main

import (
	"fmt"
	"sort"
	"strings"
)

// A Shape is the taxonomy of a corpus: how many themes there are and how
// many themes and principles each case names. The municipalities (20, one
// a case) and the bodies (about 600 words) are the same in every shape.
type Shape struct {
	Name                         string
	Themes                       int // the first Themes of themes
	MinThemes, MaxThemes         int // themes a case names
	MinPrinciples, MaxPrinciples int // principles a case names
}

// shapes are the corpus shapes bench/run.sh measures, by name.
var shapes = map[string]Shape{
	// 3 of 30 themes and 1–3 of the 7 principles a case: the original corpus.
	"default": {Name: "default", Themes: 30, MinThemes: 3, MaxThemes: 3, MinPrinciples: 1, MaxPrinciples: 3},
	// The real catalogue's taxonomy: its 6 themes, 1–3 themes and 1–3
	// principles a case.
	"real": {Name: "real", Themes: 6, MinThemes: 1, MaxThemes: 3, MinPrinciples: 1, MaxPrinciples: 3},
	// Long term lists: 4 of 30 themes and all 7 principles a case.
	"long": {Name: "long", Themes: 30, MinThemes: 4, MaxThemes: 4, MinPrinciples: 7, MaxPrinciples: 7},
}

// shapeNames returns the names of the shapes, sorted.
func shapeNames() string {
	var names []string
	for n := range shapes {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// lookupShape returns the shape called name.
func lookupShape(name string) (Shape, error) {
	s, ok := shapes[name]
	if !ok {
		return Shape{}, fmt.Errorf("unknown shape %q (want one of %s)", name, shapeNames())
	}
	return s, nil
}

// pickThemes returns the themes of a case. The default shape's draw is
// r.pick(3, 30) exactly, so that its corpus stays what it was before shapes.
func (s Shape) pickThemes(r *rng) []int {
	k := s.MinThemes
	if s.MaxThemes > s.MinThemes {
		k = r.between(s.MinThemes, s.MaxThemes)
	}
	return r.pick(k, s.Themes)
}

// pickPrinciples returns the principle numbers (1–7) of a case.
func (s Shape) pickPrinciples(r *rng) []int {
	var ps []int
	for _, p := range r.pick(r.between(s.MinPrinciples, s.MaxPrinciples), len(principles)) {
		ps = append(ps, p+1)
	}
	return ps
}
