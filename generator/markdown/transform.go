package markdown

import (
	"fmt"
	"html"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer checks and rewrites links, records headings and gives table
// cells an alignment class instead of a style attribute.
type transformer struct{}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	var dangerous []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			st.result.Headings = append(st.result.Headings, Heading{Level: n.Level, ID: string(idb), Text: nodeText(n, st.src)})
		case *ast.Link:
			if !st.link(n, n.Destination, false, func(d string) { n.Destination = []byte(d) }) {
				dangerous = append(dangerous, n)
			}
		case *ast.Image:
			if st.image(n) {
				return ast.WalkSkipChildren, nil
			}
			if !st.link(n, n.Destination, true, func(d string) { n.Destination = []byte(d) }) {
				dangerous = append(dangerous, n)
			}
		case *ast.AutoLink:
			if !st.link(n, n.URL(st.src), false, nil) {
				dangerous = append(dangerous, n)
			}
		case *east.TableCell:
			if a := align(n.Alignment); a != "" {
				n.SetAttributeString("class", []byte("align-"+a))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range dangerous {
		defuse(n, st.src)
	}
}

func align(a east.Alignment) string {
	switch a {
	case east.AlignLeft:
		return "left"
	case east.AlignRight:
		return "right"
	case east.AlignCenter:
		return "center"
	}
	return ""
}

// link checks one destination and reports false when it must not be live.
func (st *state) link(n ast.Node, dest []byte, image bool, set func(string)) bool {
	d := string(dest)
	line := st.line(offset(n, st.src))
	st.result.Links = append(st.result.Links, Link{Line: line, Dest: d, Image: image})
	if scheme := Dangerous(d); scheme != "" {
		st.result.Problems = append(st.result.Problems, Problem{Line: line,
			Msg: fmt.Sprintf("link med %q er ikke tilladt, fordi det kan køre kode i læserens browser (brug en almindelig https://-adresse)", scheme)})
		return false
	}
	if st.resolve == nil || set == nil || !Internal(d) {
		return true
	}
	u, msg, ok := st.resolve(d, image)
	if !ok {
		st.result.Problems = append(st.result.Problems, Problem{Line: line, Msg: msg})
		return true
	}
	set(u)
	return true
}

// Dangerous returns the scheme of dest if following it could run code or
// smuggle content into the page ("javascript:", "vbscript:", "data:",
// "file:"), after the normalisation browsers apply: control characters and
// whitespace removed, letters folded to lower case. It returns "" otherwise.
func Dangerous(dest string) string {
	dest = html.UnescapeString(dest)
	var b strings.Builder
	for _, r := range dest {
		if r == ':' {
			break
		}
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\u00ad' || r == '\u200b' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	scheme := b.String()
	if !strings.Contains(dest, ":") {
		return ""
	}
	switch scheme {
	case "javascript", "vbscript", "data", "file":
		return scheme + ":"
	}
	return ""
}

// Internal reports whether dest points into the site: a site path or a
// relative path, not an external URL, a mail address or a fragment.
func Internal(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' && isScheme(dest[:i]) {
		return false // has a scheme
	}
	return true
}

// isScheme reports whether s is a URL scheme (RFC 3986: a letter, then
// letters, digits, +, - and .). Before a colon, anything else (such as
// %6Aavascript) makes the address a relative path in a browser, so it is
// checked as one.
func isScheme(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// defuse replaces a link that must not be live with its text.
func defuse(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	var repl ast.Node
	switch n := n.(type) {
	case *ast.AutoLink:
		repl = ast.NewString(n.Label(src))
	case *ast.Image:
		repl = ast.NewString([]byte(nodeText(n, src)))
	default:
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
	}
	if repl != nil {
		parent.InsertBefore(parent, n, repl)
	}
	parent.RemoveChild(parent, n)
}

// offset returns the source offset of n: its own first line, or that of
// its first text, or that of the nearest block around it.
func offset(n ast.Node, src []byte) int {
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
		var found = -1
		ast.Walk(c, func(d ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := d.(*ast.Text); ok && entering {
				found = t.Segment.Start
				return ast.WalkStop, nil
			}
			return ast.WalkContinue, nil
		})
		if found >= 0 {
			return found
		}
	}
	return 0
}
