package markdown

import (
	"bytes"
	"fmt"
)

// MaxNesting is how many lists and block quotes may lie inside one another
// at any line. Real documents stay under five; goldmark's list parser
// takes time cubic in the depth (2 000 levels, 4 MB, take 15 s), so a
// deeper document is refused before goldmark sees it.
//
// The limit counts every container open at a line, whether it was opened
// on an earlier line ("- a" then "  - b" then "    - c") or on the line
// itself ("- - - c", "> > > c", "> - > - c"). goldmark parses many markers
// on one line quickly, but the limit is the same for both forms so that
// an editor gets one rule. A line of spaced dashes or stars ("- - -") is a
// thematic break, not nesting, as in CommonMark.
const MaxNesting = 32

// nestingMsg is the Problem for a document nested deeper than MaxNesting.
var nestingMsg = fmt.Sprintf("punktlister og citater ligger mere end %d lag inden i hinanden (ryk linjen mindre ind, eller fjern nogle af tegnene -, *, +, 1. og > forrest i linjen)", MaxNesting)

// A container is an open list item or block quote.
type container struct {
	quote  bool
	indent int  // a list item's content column; lines indented this far stay inside
	empty  bool // a list item with nothing in it yet, which a blank line ends
}

// tooDeep returns the first line (1-based) at which more than MaxNesting
// lists and block quotes are open, or 0. It is a linear pre-scan that
// follows CommonMark's container rules closely enough to count depth: list
// items stay open for lines indented to their content, quotes for lines
// that repeat the >, a paragraph's lazy continuation lines keep both, and
// fenced code is skipped. It never parses inline content; HTML, tables
// and footnotes open no container.
//
// Where goldmark and CommonMark part (tabs after a list marker), it counts
// what goldmark would nest, so that the limit cannot be got round: fuzzing
// it against goldmark's tree found no input it counts more than one level
// short. It counts more than goldmark only for list markers inside
// indented code that begins on a list item's own line, and after a lazy
// line that CommonMark would have ended a list with (a heading, say).
func tooDeep(src []byte) int {
	line, _ := nesting(src, MaxNesting)
	return line
}

// nesting returns the first line at which more than limit containers are
// open, or 0, and the most that were open at any line up to there.
func nesting(src []byte, limit int) (line, deepest int) {
	var stack, opened []container
	var fence struct {
		open  bool
		depth int  // the containers the fence is inside
		char  byte // ` or ~
		n     int  // its length
	}
	paragraph := false // the last line was paragraph text, so the next may be lazy
	for n := 1; len(src) > 0; n++ {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		src = rest
		line = bytes.TrimSuffix(line, []byte("\r")) // CRLF ends a line for goldmark too; a lone CR does not
		blank := len(bytes.Trim(line, " \t\r")) == 0

		i, col, matched := follow(line, stack, blank)

		if fence.open {
			if matched >= fence.depth || blank {
				j, jcol := skipSpace(line, i, col)
				if jcol-col <= 3 && fenceRun(line[j:], fence.char) >= fence.n && len(bytes.Trim(line[j:], string(fence.char)+" \t\r")) == 0 {
					fence.open = false
				}
				continue
			}
			fence.open = false // its container ended, and so did it
		}
		if blank {
			// A blank line keeps list items open but ends quotes, and
			// items that have nothing in them.
			for k, c := range stack[:matched] {
				if c.empty {
					matched = k
					break
				}
			}
			stack, paragraph = stack[:matched], false
			continue
		}

		// Open new containers. A line inside all of them may continue the
		// last line's paragraph, which not every list item can interrupt.
		continues := paragraph && matched == len(stack)
		opened = opened[:0]
		textLeft, code := false, false
		for {
			j, jcol := skipSpace(line, i, col)
			if j >= len(line) || jcol-col >= 4 { // nothing, or indented code
				textLeft = j < len(line) && paragraph && len(opened) == 0 // or the paragraph goes on
				break
			}
			if line[j] == '>' {
				opened = append(opened, container{quote: true})
				i, col = afterQuote(line, j, jcol)
			} else if w := listMarker(line[j:]); w > 0 && !thematicBreak(line[j:]) &&
				(!continues || len(opened) > 0 || interrupts(line[j:], w)) {
				k, kcol := j+w, jcol+w
				l, lcol := skipSpace(line, k, kcol)
				i, col = l, lcol
				c := container{indent: lcol}
				switch {
				case l >= len(line): // an empty item
					c.indent, c.empty = kcol+1, true
				case lcol-kcol > 4:
					// CommonMark reads the content as indented code that
					// starts one column after the marker; goldmark, with
					// tabs, may find more markers there. Count them.
					c.indent, code = kcol+1, true
				}
				opened = append(opened, c)
			} else {
				if r := fenceRun(line[j:], line[j]); r >= 3 && (line[j] == '~' || bytes.IndexByte(line[j+r:], '`') < 0) {
					fence.open, fence.char, fence.n = true, line[j], r
				}
				textLeft = !code && !fence.open && !thematicBreak(line[j:]) && line[j] != '#' &&
					!(continues && len(opened) == 0 && setextLine(line[j:]))
				break
			}
			deepest = max(deepest, matched+len(opened))
			if matched+len(opened) > limit {
				return n, deepest
			}
		}
		for k := range stack[:matched] {
			stack[k].empty = false
		}
		lazy := len(opened) == 0 && paragraph && matched < len(stack)
		if !lazy {
			stack = append(stack[:matched], opened...)
		}
		if fence.open {
			fence.depth = len(stack)
		}
		paragraph = textLeft
	}
	return 0, deepest
}

// follow returns how many of the containers in stack line stays inside,
// and the byte and column where the line goes on after their markers and
// indentation.
func follow(line []byte, stack []container, blank bool) (i, col, matched int) {
	for _, c := range stack {
		j, jcol := skipSpace(line, i, col)
		if c.quote {
			if jcol-col > 3 || j >= len(line) || line[j] != '>' {
				break
			}
			i, col = afterQuote(line, j, jcol)
		} else {
			if !blank && jcol < c.indent {
				break
			}
			i, col = advanceTo(line, i, col, c.indent)
		}
		matched++
	}
	return i, col, matched
}

// skipSpace skips spaces and tabs from byte i at column col; a tab goes to
// the next multiple of 4.
func skipSpace(line []byte, i, col int) (int, int) {
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return i, col
		}
	}
	return i, col
}

// advanceTo skips spaces and tabs from byte i at column col up to column
// to. A tab that reaches past to is left where it is, as CommonMark leaves
// the rest of its columns to the content; skipSpace then counts from to to
// the same tab stop.
func advanceTo(line []byte, i, col, to int) (int, int) {
	for ; i < len(line) && col < to; i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			next := col + 4 - col%4
			if next > to {
				return i, to
			}
			col = next
		default:
			return i, col
		}
	}
	return i, col
}

// afterQuote steps over the > at byte j, column col, and the one space
// after it, which may be the first column of a tab.
func afterQuote(line []byte, j, col int) (int, int) {
	return advanceTo(line, j+1, col+1, col+2)
}

// listMarker returns the width of the list marker b starts with (-, *, +,
// or 1 to 9 digits and . or )), followed by a space, a tab or the end of
// the line, or 0.
func listMarker(b []byte) int {
	w := 0
	switch {
	case b[0] == '-' || b[0] == '*' || b[0] == '+':
		w = 1
	default:
		for w < len(b) && w < 9 && b[w] >= '0' && b[w] <= '9' {
			w++
		}
		if w == 0 || w >= len(b) || (b[w] != '.' && b[w] != ')') {
			return 0
		}
		w++
	}
	if w < len(b) && b[w] != ' ' && b[w] != '\t' {
		return 0
	}
	return w
}

// interrupts reports whether the list marker of width w that b starts with
// may end a paragraph: an ordered list must start at 1, and the item must
// not be empty.
func interrupts(b []byte, w int) bool {
	if len(bytes.Trim(b[w:], " \t\r")) == 0 {
		return false
	}
	return w == 1 || (w == 2 && b[0] == '1')
}

// thematicBreak reports whether b is a line of three or more -, * or _,
// the same character, with only spaces and tabs between them.
func thematicBreak(b []byte) bool {
	c, n := b[0], 0
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	for _, x := range b {
		switch x {
		case c:
			n++
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return n >= 3
}

// setextLine reports whether b, after a paragraph, underlines it as a
// heading: a run of = or - and nothing else.
func setextLine(b []byte) bool {
	b = bytes.TrimRight(b, " \t\r")
	return (b[0] == '=' || b[0] == '-') && len(bytes.Trim(b, string(b[0]))) == 0
}

// fenceRun returns how many times c repeats at the start of b, if c is a
// fence character.
func fenceRun(b []byte, c byte) int {
	if c != '`' && c != '~' {
		return 0
	}
	n := 0
	for n < len(b) && b[n] == c {
		n++
	}
	return n
}
