// Package markdown renders the catalogue's markdown with goldmark: CommonMark
// and GFM, footnotes, heading IDs from Danish-safe slugs, Danish quotes, and
// no raw HTML. Every link is checked as it is rendered: links to
// javascript:, vbscript:, data: and file: never become live links, and
// internal links (site paths and relative .md files) are resolved through a
// function the caller gives, which reports the ones that lead nowhere.
package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"katalog/internal/slug"
)

// A Heading is a section heading of a document.
type Heading struct {
	Level    int
	ID, Text string
}

// A Problem is something wrong in a document, at a 1-based line of it.
type Problem struct {
	Line int
	Msg  string
}

// A Link is a link or image in a document.
type Link struct {
	Line  int
	Dest  string // as written
	Image bool
}

// A Result is a rendered document.
type Result struct {
	HTML     []byte
	Text     string // the visible text without headings, paragraphs separated by blank lines
	Headings []Heading
	Links    []Link
	Problems []Problem
}

// A Resolver maps an internal link destination, as written in the document,
// to the URL it should have in the output. It returns ok == false with a
// message saying what to do when the destination does not exist.
type Resolver func(dest string, image bool) (url string, msg string, ok bool)

// A Renderer renders documents. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough, extension.Linkify, extension.TaskList,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(danishQuotes)),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(&transformer{}, 100)),
		),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)
	return &Renderer{md: md}
}

// danishQuotes are „double“ and ‚single‘ quotes as Danish typesetting has them.
var danishQuotes = map[extension.TypographicPunctuation]string{
	extension.LeftDoubleQuote:  "„",
	extension.RightDoubleQuote: "“",
	extension.LeftSingleQuote:  "‚",
	extension.RightSingleQuote: "‘",
	extension.Apostrophe:       "’",
	extension.LeftAngleQuote:   "»",
	extension.RightAngleQuote:  "«",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
}

var stateKey = parser.NewContextKey()

// state is what the transformer shares with Render through the parser context.
type state struct {
	resolve  Resolver
	images   ImageResolver // nil: images are checked as links
	src      []byte
	lines    []int // offsets where lines start
	result   *Result
	headings []Heading
}

// Render renders src. resolve may be nil, in which case internal links are
// left as written. A document whose lists and quotes lie more than
// MaxNesting deep is not rendered: the Result holds only the Problem. Bytes
// that are not UTF-8 are a Problem and are rendered as U+FFFD, so the HTML
// is always UTF-8.
func (r *Renderer) Render(src []byte, resolve Resolver, opts ...Option) Result {
	var res Result
	if line := tooDeep(src); line > 0 {
		res.Problems = []Problem{{Line: line, Msg: nestingMsg}}
		return res
	}
	if p, ok := notUTF8(src); ok {
		res.Problems = append(res.Problems, p)
		src = bytes.ToValidUTF8(src, []byte("\ufffd"))
	}
	st := &state{resolve: resolve, src: src, lines: lineStarts(src), result: &res}
	for _, o := range opts {
		o(st)
	}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		// The HTML renderer only fails when its writer does; a bytes.Buffer never does.
		panic("markdown: " + err.Error())
	}
	res.HTML = buf.Bytes()
	res.Text = plainText(doc, src)
	return res
}

// notUTF8 reports the first line of src that is not UTF-8, and how many more
// there are: a file saved as Latin-1 has one in every line with æ, ø or å.
func notUTF8(src []byte) (Problem, bool) {
	if utf8.Valid(src) {
		return Problem{}, false
	}
	var p Problem
	more := 0
	for n, rest := 1, src; len(rest) > 0; n++ {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		switch {
		case utf8.Valid(line):
		case p.Line == 0:
			p = Problem{Line: n, Msg: invalidAt(line)}
		default:
			more++
		}
	}
	if more > 0 {
		p.Msg = strings.TrimSuffix(p.Msg, ")") + fmt.Sprintf("; det samme gælder %d linjer mere)", more)
	}
	return p, true
}

// invalidAt describes where the first byte that is not UTF-8 is in line.
func invalidAt(line []byte) string {
	i := 0
	for i < len(line) {
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	before := []rune(strings.TrimSpace(string(line[:i])))
	where := "i begyndelsen af linjen"
	if len(before) > 30 {
		before = append([]rune("…"), before[len(before)-30:]...)
	}
	if len(before) > 0 {
		where = fmt.Sprintf("efter %q", string(before))
	}
	return fmt.Sprintf("teksten har et tegn, der ikke er gyldig UTF-8, %s (gem filen som UTF-8 i editoren, og skriv tegnet igen)", where)
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// line returns the 1-based line of byte offset off.
func (st *state) line(off int) int {
	lo, hi := 0, len(st.lines)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if st.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// ids generates heading IDs from Danish-safe slugs, unique in the document.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "afsnit"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
