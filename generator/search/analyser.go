package search

// An analyser memoises the analysis of the words of one build: a catalogue
// repeats the same few thousand words many times.
type analyser struct {
	folded  map[string]string // raw word → folded
	stems   map[string]string
	seen    map[string]int // scratch space of count
	scratch []string       // scratch space of terms
}

func newAnalyser() *analyser {
	return &analyser{folded: map[string]string{}, stems: map[string]string{}, seen: map[string]int{}}
}

// terms is Terms with memoised folding. The result is good until the
// next call.
func (a *analyser) terms(text string) []string {
	out := a.scratch[:0]
	words(text, a.fold, func(start, end int, w string) {
		if Indexable(w) {
			out = append(out, w)
		}
	})
	a.scratch = out
	return out
}

func (a *analyser) fold(w string) string {
	f, ok := a.folded[w]
	if !ok {
		f = Fold(w)
		a.folded[w] = f
	}
	return f
}

func (a *analyser) stem(w string) string {
	s, ok := a.stems[w]
	if !ok {
		s = Stem(w)
		a.stems[w] = s
	}
	return s
}
