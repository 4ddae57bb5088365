package search

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "update golden files")

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Støtte", "stotte"},
		{"skæve", "skaeve"},
		{"Viceværterne", "vicevaerterne"},
		{"Århus", "aarhus"},
		{"A\u030arhus", "aarhus"}, // å written as a + combining ring
		{"Aarhus", "aarhus"},
		{"Forløbsprogram", "forlobsprogram"},
		{"café", "cafe"},
		{"Hjemløshedsindsatsen", "hjemloshedsindsatsen"},
		{"ÆØÅ", "aeoaa"},
		{"2025", "2025"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStemIssue6(t *testing.T) {
	tests := []struct{ a, b string }{ // words that must share a stem
		{"boliger", "boligen"},
		{"bolig", "boligerne"},
		{"indsats", "indsatsen"},
		{"indsats", "indsatser"},
		{"flytte", "flyttede"},
		{"flytte", "flyttet"},
		{"støtte", "stotte"},
		{"skæve", "skaeve"},
		{"viceværterne", "vicevaerterne"},
		{"forløbsprogrammet", "forlobsprogram"},
		{"organisationer", "organisation"},
	}
	for _, tt := range tests {
		a, b := Stem(Fold(tt.a)), Stem(Fold(tt.b))
		if a != b {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q, want equal", tt.a, a, tt.b, b)
		}
	}
	differ := []struct{ a, b string }{{"bolig", "bold"}, {"hjem", "hjemløs"}, {"sats", "indsats"}}
	for _, tt := range differ {
		if a, b := Stem(Fold(tt.a)), Stem(Fold(tt.b)); a == b {
			t.Errorf("Stem(%q) = Stem(%q) = %q, want different", tt.a, tt.b, a)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Fra bolig til hjem", []string{"bolig", "hjem"}},
		{"i og vi", nil},
		{"§ 110 og 3.500 kr.", []string{"110", "3", "500", "kr"}},
		{"Skæve boliger – på Ærø", []string{"skaeve", "boliger", "aero"}},
		{"<img src=x onerror=alert(1)>", []string{"img", "src", "onerror", "alert", "1"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAnalysisGolden writes every word of the test documents and of the
// benchmark vocabulary with its fold, stem and whether it is indexed to
// testdata/analysis.golden. The browser test runs search.js over the same
// file, so the two analysers cannot drift apart.
func TestAnalysisGolden(t *testing.T) {
	var words []string
	for _, d := range loadDocs(t) {
		for _, s := range append([]string{d.Title, d.Summary, d.Body}, d.Headings...) {
			for _, tok := range Tokenize(s) {
				words = append(words, s[tok.Start:tok.End])
			}
		}
	}
	vocab, err := os.ReadFile("../../bench/search/site/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(vocab), "\n") {
		if f := strings.Fields(line); len(f) == 2 && !strings.HasPrefix(line, "#") {
			words = append(words, f[0])
		}
	}
	words = append(words, strings.Fields(StopList)...)
	words = append(words, "Århus", "ÅRHUS", "Ærø", "naïve", "São", "straße", "İstanbul", "ﬁre", "x", "7")
	slices.Sort(words)
	var b strings.Builder
	for _, w := range slices.Compact(words) {
		f := Fold(w)
		fmt.Fprintf(&b, "%s\t%s\t%s\t%v\n", w, f, Stem(f), Indexable(f))
	}
	got := b.String()
	const file = "testdata/analysis.golden"
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s is out of date; run go test -update and check the diff", file)
	}
}

// hostile are fuzz seeds of text that once took minutes (issue F6): one
// long word, and 10 000 letters of prose pasted from a PDF without its
// spaces and punctuation.
func hostile(tb testing.TB) []string {
	var prose strings.Builder
	for _, d := range loadDocs(tb) {
		prose.WriteString(d.Summary + d.Body)
	}
	pdf := []rune(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, prose.String()))
	for len(pdf) < 10_000 {
		pdf = append(pdf, pdf...)
	}
	return []string{strings.Repeat("a", 10_000), string(pdf[:10_000]), strings.Repeat("indsats", 1000)}
}

// fuzzing reports whether go test runs with -fuzz.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// inBudget runs fn and, while fuzzing, fails if it took over a second: far
// more than an input of some kilobytes needs, and far less than the time
// of issue F6. A plain go test does not look at the clock, so a slow or
// busy machine cannot fail it.
func inBudget(t *testing.T, what string, fn func()) {
	t.Helper()
	start := time.Now()
	fn()
	if d := time.Since(start); d > time.Second && fuzzing() {
		t.Errorf("%s took %v, over the budget of 1s", what, d)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Skæve boliger i Århus", "A\u030arhus", "§ 110-tilbud", "ﬁre İ ß", "\xff\xfe"} {
		f.Add(s)
	}
	for _, s := range hostile(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		inBudget(t, fmt.Sprintf("analysing %d bytes", len(s)), func() { checkTokens(t, s) })
	})
}

// checkTokens checks the tokens of s and their folds and stems.
func checkTokens(t *testing.T, s string) {
	for _, tok := range Tokenize(s) {
		if tok.Start < 0 || tok.End <= tok.Start || tok.Word == "" {
			t.Fatalf("Tokenize(%q): bad token %+v", s, tok)
		}
		if Fold(tok.Word) != tok.Word {
			t.Errorf("Fold(%q) = %q, not idempotent", tok.Word, Fold(tok.Word))
		}
		st := Stem(tok.Word)
		if !strings.HasPrefix(tok.Word, st) || !utf8.ValidString(st) {
			t.Errorf("Stem(%q) = %q, want a valid prefix", tok.Word, st)
		}
	}
}
