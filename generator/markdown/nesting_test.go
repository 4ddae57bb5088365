package markdown

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// steps returns n lines, each a list item one level deeper than the last:
// the form that makes goldmark's list parser cubic.
func steps(n int, marker string) string {
	var b strings.Builder
	indent := len(marker) + 1
	for i := range n {
		fmt.Fprintf(&b, "%s%s punkt\n", strings.Repeat(" ", i*indent), marker)
	}
	return b.String()
}

// TestTooDeep pins the line each form of deep nesting is refused at: just
// under the limit nothing is refused, just over it the first line past it is.
func TestTooDeep(t *testing.T) {
	const m = MaxNesting
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"steps at the limit", steps(m, "-"), 0},
		{"steps over the limit", steps(m+1, "-"), m + 1},
		{"ordered steps at the limit", steps(m, "1."), 0},
		{"ordered steps over the limit", steps(m+1, "1."), m + 1},
		{"tab steps over the limit", strings.ReplaceAll(steps(m+1, "-"), "    ", "\t"), m + 1},
		{"markers on one line at the limit", strings.Repeat("* - ", m/2) + "x\n", 0},
		{"markers on one line over the limit", "Tekst.\n\n" + strings.Repeat("* - ", m/2) + "+ x\n", 3},
		{"quotes at the limit", strings.Repeat("> ", m) + "x\n", 0},
		{"quotes over the limit", strings.Repeat("> ", m+1) + "x\n", 1},
		{"quotes, one more a line", func() string {
			var b strings.Builder
			for i := 1; i <= m+1; i++ {
				b.WriteString(strings.Repeat(">", i) + " x\n")
			}
			return b.String()
		}(), m + 1},
		{"quotes and lists over the limit", strings.Repeat("> - ", m/2) + "> x\n", 1},
		{"deeper lines after a lazy line", steps(m, "-") + "doven linje\n" + strings.Repeat(" ", 2*m) + "- x\n", m + 2},
		{"ten thousand markers", strings.Repeat("> ", 10000) + "\n", 1},
		{"two thousand steps", steps(2000, "-"), m + 1},
		// "- - - …" is a thematic break, not a list: CommonMark and goldmark agree.
		{"a rule of ten thousand dashes", strings.Repeat("- ", 10000) + "\n", 0},
		{"a rule of stars", "Tekst\n\n* * *\n\nMere\n", 0},
		{"fenced code is not nesting", "```\n" + strings.Repeat("> ", m+1) + "\n```\n", 0},
		{"indented code is not nesting", "    " + strings.Repeat("- ", m/2) + "x\n", 0},
		{"a blank line ends the quotes", strings.Repeat("> ", m) + "x\n\n" + "> y\n", 0},
	}
	for _, tt := range tests {
		if got := tooDeep([]byte(tt.src)); got != tt.want {
			t.Errorf("%s: tooDeep = line %d, want %d", tt.name, got, tt.want)
		}
	}
}

// goldmarkDepth is the deepest a document's list items and block quotes
// lie inside one another, as goldmark parses it.
func goldmarkDepth(src string) int {
	doc := goldmark.New().Parser().Parse(text.NewReader([]byte(src)))
	deepest := 0
	var walk func(n ast.Node, d int)
	walk = func(n ast.Node, d int) {
		if n.Kind() == ast.KindListItem || n.Kind() == ast.KindBlockquote {
			d++
		}
		deepest = max(deepest, d)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, d)
		}
	}
	walk(doc, 0)
	return deepest
}

// TestNestingAgreesWithGoldmark compares the pre-scan's depth with the
// depth of goldmark's tree on ordinary documents and on the edge cases of
// CommonMark's container rules (lazy lines, setext headings, items that
// cannot interrupt a paragraph, empty items, fences, tabs), most of them
// found by fuzzing one against the other.
func TestNestingAgreesWithGoldmark(t *testing.T) {
	docs := []string{
		"# Overskrift\n\nTekst med *fremhævning*.\n\n- et\n- to\n  - to a\n  - to b\n    1. i\n    2. ii\n- tre\n",
		"> Citat\n> fortsat\ndovent\n\n> > indlejret\n> > - punkt\n",
		"1. a\n   2) b\n      - c\n",
		"- a\nlazy\n    - b\n",
		"0\n0) 0)\n",
		"0\n-\n*\n",
		"* 0*\n0)  *\n",
		"*\n\n    * *\n",
		"- a\n\n  - b\n\n\n    - c\n",
		"```\n- a\n  - b\n```\n- c\n",
		"- ```\n  > a\n  ```\n  > b\n",
		"| a | b |\n|---|---|\n| - | > |\n",
		"Tekst[^1].\n\n[^1]: En fodnote\n    - med en liste\n",
		steps(MaxNesting, "-"),
		strings.Repeat("> ", 10) + "x\n",
		"* * * \r\n",
		"\r \n*\n",
		"***\r \n*\n",
		"```0`\n* 0\n",
		"    0\n0)\n",
		"*     0\n  0) 0\n",
		strings.Repeat("* \t", 40) + "x\n",
		strings.Repeat("> \t", 40) + "x\n",
		strings.Repeat("1.\t", 40) + "x\n",
	}
	for _, src := range docs {
		_, got := nesting([]byte(src), 1000)
		if want := goldmarkDepth(src); got != want {
			t.Errorf("nesting(%q) = depth %d, goldmark %d", src, got, want)
		}
	}
}

// TestNestingNeverCountsLess checks inputs where goldmark reads tabs after
// a list marker differently from CommonMark: the pre-scan may count more
// than goldmark there, but never so much less that the limit could be got
// round. Before it counted goldmark's way, "* * \t" repeated 50 times was
// 2 levels to it and 100 to goldmark.
func TestNestingNeverCountsLess(t *testing.T) {
	docs := []string{
		strings.Repeat("* * \t", 50) + "x\n",
		"*\t\t* * * 0\n",
		"*\n\t*\t*\n\t\t*\n",
		">\t\t>>*\n",
		"* * \t* * 0\n",
	}
	for _, src := range docs {
		_, got := nesting([]byte(src), 1000)
		if want := goldmarkDepth(src); got < want-1 {
			t.Errorf("nesting(%q) = depth %d, goldmark %d", src, got, want)
		}
	}
}

// TestDeepNestingIsRefusedQuickly renders the form that took goldmark
// 15 s at 2 000 levels; the pre-scan refuses it without parsing.
func TestDeepNestingIsRefusedQuickly(t *testing.T) {
	src := []byte(steps(2000, "-"))
	start := time.Now()
	res := New().Render(src, nil)
	if d := time.Since(start); d > time.Second {
		t.Errorf("Render took %v", d)
	}
	want := []Problem{{Line: MaxNesting + 1, Msg: nestingMsg}}
	if fmt.Sprint(res.Problems) != fmt.Sprint(want) || len(res.HTML) != 0 {
		t.Errorf("Render = %q, %v; want no HTML and %v", res.HTML, res.Problems, want)
	}
}

// TestRealDocumentsAreShallow runs the pre-scan over the catalogue's
// content and every fixture: none may come near the limit, except the
// fixture that tests it.
func TestRealDocumentsAreShallow(t *testing.T) {
	for _, root := range []string{"../../content", "../testdata", "../../docs"} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Base(path) == "nesting.txtar" ||
				!strings.HasSuffix(path, ".md") && !strings.HasSuffix(path, ".txtar") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, deepest := nesting(src, MaxNesting); deepest > MaxNesting/4 {
				t.Errorf("%s: lists and quotes %d deep, more than a quarter of MaxNesting", path, deepest)
			}
			return nil
		})
	}
}
