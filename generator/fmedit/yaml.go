package fmedit

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// text is front matter text with LF line ends and its line starts.
type text struct {
	s     string
	start []int
}

func newText(s string) text {
	t := text{s: s, start: []int{0}}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && i+1 < len(s) {
			t.start = append(t.start, i+1)
		}
	}
	return t
}

// lineOf returns the 0-based line of offset off.
func (t text) lineOf(off int) int {
	lo, hi := 0, len(t.start)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if t.start[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// eol returns the offset of the end of line l (its '\n' or the end).
func (t text) eol(l int) int {
	if i := strings.IndexByte(t.s[t.start[l]:], '\n'); i >= 0 {
		return t.start[l] + i
	}
	return len(t.s)
}

// next returns the start of the line after l (or the end of the text).
func (t text) next(l int) int {
	if e := t.eol(l); e < len(t.s) {
		return e + 1
	}
	return len(t.s)
}

func (t text) indent(l int) int {
	s := t.s[t.start[l]:t.eol(l)]
	return len(s) - len(strings.TrimLeft(s, " "))
}

func (t text) blank(l int) bool {
	return strings.TrimSpace(t.s[t.start[l]:t.eol(l)]) == ""
}

// pos returns the offset of a node's 1-based line and column (in runes).
func (t text) pos(n *yaml.Node) int {
	l := min(max(n.Line-1, 0), len(t.start)-1)
	off := t.start[l]
	for c := 1; c < n.Column && off < len(t.s) && t.s[off] != '\n'; c++ {
		_, size := utf8.DecodeRuneInString(t.s[off:])
		off += size
	}
	return off
}

// quotedEnd returns the offset after the quoted scalar that starts at s.
func (t text) quotedEnd(s int) int {
	q := t.s[s]
	for i := s + 1; i < len(t.s); i++ {
		switch c := t.s[i]; {
		case q == '"' && c == '\\':
			i++
		case c == q && q == '\'' && i+1 < len(t.s) && t.s[i+1] == '\'':
			i++
		case c == q:
			return i + 1
		}
	}
	return len(t.s)
}

// plainLineEnd returns the end of a plain scalar's text on the line of off:
// before a comment and trailing blanks. comment reports a comment.
func (t text) plainLineEnd(off int) (end int, comment bool) {
	e := t.eol(t.lineOf(off))
	line := t.s[off:e]
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			line, comment = line[:i], true
			break
		}
	}
	return off + len(strings.TrimRight(line, " \t")), comment
}

// plainEnd returns the end of a plain scalar in block context that starts
// at s, inside a node indented by parent.
func (t text) plainEnd(s, parent int) int {
	end, comment := t.plainLineEnd(s)
	for l := t.lineOf(s) + 1; !comment && l < len(t.start); l++ {
		if t.blank(l) {
			continue
		}
		in := t.indent(l)
		if in <= parent || t.s[t.start[l]+in] == '#' {
			break
		}
		end, comment = t.plainLineEnd(t.start[l] + in)
	}
	return end
}

// blockEnd returns the end of a | or > scalar whose header starts at s.
func (t text) blockEnd(s, parent int) int {
	i := s + 1
	explicit := 0
	for i < len(t.s) && strings.IndexByte("+-123456789", t.s[i]) >= 0 {
		if t.s[i] >= '1' && t.s[i] <= '9' {
			explicit = int(t.s[i] - '0')
		}
		i++
	}
	end := i
	content := -1
	if explicit > 0 {
		content = max(parent, 0) + explicit
	}
	for l := t.lineOf(s) + 1; l < len(t.start); l++ {
		if t.blank(l) {
			continue
		}
		in := t.indent(l)
		if content < 0 {
			if in <= parent {
				break
			}
			content = in
		}
		if in < content {
			break
		}
		end = t.eol(l)
	}
	return end
}

// flowEnd returns the offset after the flow collection that starts at s.
func (t text) flowEnd(s int) int {
	depth := 0
	var prev byte
	for i := s; i < len(t.s); i++ {
		switch c := t.s[i]; {
		case (c == '"' || c == '\'') && (prev == 0 || strings.IndexByte("[{,:", prev) >= 0):
			i = t.quotedEnd(i) - 1
			prev = 'x'
		case c == '#' && (i == 0 || strings.IndexByte(" \t\n", t.s[i-1]) >= 0):
			i = t.eol(t.lineOf(i)) - 1
		case c == '[' || c == '{':
			depth++
			prev = c
		case c == ']' || c == '}':
			depth--
			prev = c
			if depth == 0 {
				return i + 1
			}
		case c == ',' || c == ':':
			prev = c
		case c == ' ' || c == '\t' || c == '\n':
		default:
			prev = 'x'
		}
	}
	return len(t.s)
}

func isEmptyNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" && n.Style == 0
}

func isFlow(n *yaml.Node) bool { return n.Style&yaml.FlowStyle != 0 }

func isBlockColl(n *yaml.Node) bool {
	return (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) && !isFlow(n)
}

// end returns the offset after node n, which is indented under parent.
func (t text) end(n *yaml.Node, parent int) int {
	s := t.pos(n)
	switch {
	case isEmptyNull(n):
		return s
	case n.Kind == yaml.ScalarNode:
		switch {
		case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
			return t.quotedEnd(s)
		case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			return t.blockEnd(s, parent)
		}
		return t.plainEnd(s, parent)
	case isFlow(n):
		return t.flowEnd(s)
	case len(n.Content) == 0:
		return s
	case n.Kind == yaml.SequenceNode:
		return t.end(n.Content[len(n.Content)-1], n.Column-1)
	default:
		k := n.Content[len(n.Content)-2]
		return t.end(n.Content[len(n.Content)-1], k.Column-1)
	}
}

// afterColon returns the offset after the colon that follows key k.
func (t text) afterColon(k *yaml.Node) int {
	e := t.end(k, -1)
	if k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 {
		e = t.pos(k) + len(k.Value)
	}
	if i := strings.IndexByte(t.s[e:], ':'); i >= 0 {
		return e + i + 1
	}
	return e
}

// yamlEd edits YAML front matter with a block mapping at the top.
type yamlEd struct {
	t    text
	root *yaml.Node // nil when the front matter is empty
	safe bool
}

// newYAML parses YAML or JSON front matter.
func newYAML(d *Doc) (editor, map[string]any, []string, error) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(d.fm.text), &n); err != nil {
		return nil, nil, nil, fmt.Errorf("front matter er ikke gyldig %s: %w", strings.ToUpper(d.Format), err)
	}
	fields := map[string]any{}
	if n.Kind == 0 {
		if d.Format == "json" {
			return nil, nil, nil, errors.New("front matter er tom")
		}
		return &yamlEd{t: newText(d.fm.text)}, fields, nil, nil
	}
	root := n.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, nil, errors.New("front matter skal være felter på formen navn: værdi")
	}
	if err := checkNodes(root); err != nil {
		return nil, nil, nil, err
	}
	var keys []string
	for i := 0; i < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Kind != yaml.ScalarNode {
			return nil, nil, nil, errors.New("et feltnavn er ikke tekst")
		}
		if _, dup := fields[k.Value]; dup {
			return nil, nil, nil, fmt.Errorf("feltet %q står to gange", k.Value)
		}
		fields[k.Value] = nodeValue(root.Content[i+1])
		keys = append(keys, k.Value)
	}
	t := newText(d.fm.text)
	if isFlow(root) {
		if !json.Valid([]byte(d.fm.text)) {
			return nil, nil, nil, errors.New("front matter i { } skal være gyldig JSON for at kunne redigeres")
		}
		return &jsonEd{t: t, root: root}, fields, keys, nil
	}
	return &yamlEd{t: t, root: root}, fields, keys, nil
}

// checkNodes refuses what the editor cannot keep: anchors, aliases, tags
// and keys that are not text.
func checkNodes(n *yaml.Node) error {
	switch {
	case n.Kind == yaml.AliasNode || n.Anchor != "":
		return errors.New("front matter bruger en YAML-henvisning (& eller *)")
	case n.Style&yaml.TaggedStyle != 0:
		return errors.New("front matter bruger en YAML-type (!)")
	case n.Kind == yaml.MappingNode:
		seen := map[string]bool{}
		for i := 0; i < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				return errors.New("et feltnavn er ikke tekst")
			}
			if seen[k.Value] {
				return fmt.Errorf("feltet %q står to gange", k.Value)
			}
			seen[k.Value] = true
		}
	}
	for _, c := range n.Content {
		if err := checkNodes(c); err != nil {
			return err
		}
	}
	return nil
}

// nodeValue decodes a node: dates and times stay the text they are.
func nodeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		for i, c := range n.Content {
			l[i] = nodeValue(c)
		}
		return l
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool", "!!int", "!!float":
		var v any
		if n.Decode(&v) == nil {
			if v2, err := normalize(v); err == nil {
				if f, ok := v.(float64); ok {
					return f // a float stays a float, even 1.0
				}
				return v2
			}
		}
	}
	return n.Value
}

// A yctx is where a value stands: under a key or a dash.
type yctx struct {
	parent int  // the column of the key or dash (0-based)
	after  int  // the offset after its colon or dash
	inMap  bool // a mapping value (else a list item)
	key    string
}

func (e *yamlEd) span(key string) (int, int, bool) {
	k, v := e.find(key)
	if k == nil {
		return 0, 0, false
	}
	return e.t.lineOf(e.t.pos(k)), e.t.lineOf(max(e.t.end(v, k.Column-1)-1, e.t.pos(k))), true
}

func (e *yamlEd) find(key string) (k, v *yaml.Node) {
	if e.root == nil {
		return nil, nil
	}
	for i := 0; i < len(e.root.Content); i += 2 {
		if e.root.Content[i].Value == key {
			return e.root.Content[i], e.root.Content[i+1]
		}
	}
	return nil, nil
}

func (e *yamlEd) set(key string, v any, safe bool) ([]edit, error) {
	e.safe = safe
	t := e.t
	k, val := e.find(key)
	if k != nil {
		col := k.Column - 1
		if v == nil {
			return []edit{e.deleteLines(t.pos(k), t.end(val, col))}, nil
		}
		return e.patch(val, v, yctx{parent: col, after: t.afterColon(k), inMap: true, key: key}, val), nil
	}
	col := 0
	var keys []string
	if e.root != nil && len(e.root.Content) > 0 {
		col = e.root.Content[0].Column - 1
		for i := 0; i < len(e.root.Content); i += 2 {
			keys = append(keys, e.root.Content[i].Value)
		}
	}
	lines := e.entry(key, v, col, nil)
	at := len(t.s)
	if len(keys) > 0 {
		if i := neighbour(keys, key); i >= 0 {
			at = t.next(t.lineOf(t.end(e.root.Content[2*i+1], col)))
		} else {
			at = t.start[t.lineOf(t.pos(e.root.Content[0]))]
		}
	}
	repl := strings.Join(lines, "\n") + "\n"
	if at > 0 && t.s[at-1] != '\n' {
		repl = "\n" + repl
	}
	return []edit{{at, at, repl}}, nil
}

// deleteLines removes the whole lines from the one of offset s to the one
// of offset end.
func (e *yamlEd) deleteLines(s, end int) edit {
	t := e.t
	last := t.lineOf(max(end-1, s))
	return edit{t.start[t.lineOf(s)], t.next(last), ""}
}

// patch returns the edits that give node n the value v.
func (e *yamlEd) patch(n *yaml.Node, v any, c yctx, hint *yaml.Node) []edit {
	if equal(nodeValue(n), v) {
		return nil
	}
	if !e.safe && isBlockColl(n) {
		switch v := v.(type) {
		case map[string]any:
			if n.Kind == yaml.MappingNode && len(v) > 0 {
				if edits, ok := e.patchMap(n, v, nil); ok {
					return edits
				}
			}
		case []any:
			if n.Kind == yaml.SequenceNode && len(v) > 0 {
				if edits, ok := e.patchSeq(n, v); ok {
					return edits
				}
			}
		}
	}
	return e.replace(n, v, c)
}

// patchMap sets the keys of block mapping n to those of v.
func (e *yamlEd) patchMap(n *yaml.Node, v map[string]any, hint *yaml.Node) ([]edit, bool) {
	t := e.t
	var edits []edit
	var keys []string
	col := n.Content[0].Column - 1
	for i := 0; i < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		keys = append(keys, k.Value)
		nv, ok := v[k.Value]
		if !ok {
			// Only a key that begins its line can go with its lines.
			if strings.TrimSpace(t.s[t.start[t.lineOf(t.pos(k))]:t.pos(k)]) != "" || len(v) == 0 {
				return nil, false
			}
			edits = append(edits, e.deleteLines(t.pos(k), t.end(val, col)))
			continue
		}
		edits = append(edits, e.patch(val, nv, yctx{parent: col, after: t.afterColon(k), inMap: true, key: k.Value}, val)...)
	}
	var added []string
	for k := range v {
		if !containsStr(keys, k) {
			added = append(added, k)
		}
	}
	if len(added) > 0 {
		sortKeys(added)
		at := t.next(t.lineOf(t.end(n, col)))
		var lines []string
		for _, k := range added {
			lines = append(lines, e.entry(k, v[k], col, findValue(hint, k))...)
		}
		repl := strings.Join(lines, "\n") + "\n"
		if at > 0 && t.s[at-1] != '\n' {
			repl = "\n" + repl
		}
		edits = append(edits, edit{at, at, repl})
	}
	return edits, true
}

// patchSeq sets the items of block sequence n to those of v.
func (e *yamlEd) patchSeq(n *yaml.Node, v []any) ([]edit, bool) {
	t := e.t
	col := n.Column - 1
	dash := func(item *yaml.Node) (int, bool) {
		i := t.pos(item) - 1
		for i >= 0 && strings.IndexByte(" \t\n", t.s[i]) >= 0 {
			i--
		}
		if i < 0 || t.s[i] != '-' || strings.TrimSpace(t.s[t.start[t.lineOf(i)]:i]) != "" {
			return 0, false
		}
		return i, true
	}
	var edits []edit
	for i, item := range n.Content {
		if i >= len(v) {
			d, ok := dash(item)
			if !ok {
				return nil, false
			}
			edits = append(edits, e.deleteLines(d, t.end(n, col)))
			break
		}
		d, ok := dash(item)
		if !ok {
			return nil, false
		}
		edits = append(edits, e.patch(item, v[i], yctx{parent: col, after: d + 1}, item)...)
	}
	if len(v) > len(n.Content) {
		last := n.Content[len(n.Content)-1]
		at := t.next(t.lineOf(t.end(n, col)))
		lines := e.block(v[len(n.Content):], col, &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{last}})
		repl := strings.Join(lines, "\n") + "\n"
		if at > 0 && t.s[at-1] != '\n' {
			repl = "\n" + repl
		}
		edits = append(edits, edit{at, at, repl})
	}
	return edits, true
}

func containsStr(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// findValue returns the value of key k in mapping hint, or nil.
func findValue(hint *yaml.Node, k string) *yaml.Node {
	if hint == nil || hint.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(hint.Content); i += 2 {
		if hint.Content[i].Value == k {
			return hint.Content[i+1]
		}
	}
	return nil
}

// itemHint returns the item of sequence hint that new item i is styled
// after.
func itemHint(hint *yaml.Node, i int) *yaml.Node {
	if hint == nil || hint.Kind != yaml.SequenceNode || len(hint.Content) == 0 {
		return nil
	}
	return hint.Content[min(i, len(hint.Content)-1)]
}

// replace writes v in place of node n.
func (e *yamlEd) replace(n *yaml.Node, v any, c yctx) []edit {
	t := e.t
	s, end := t.pos(n), t.end(n, c.parent)
	sameLine := t.lineOf(s) == t.lineOf(c.after)
	_, isList := v.([]any)
	_, isMap := v.(map[string]any)
	block := (isList || isMap) && !e.safe && !isFlow(n) && c.inMap &&
		(isBlockColl(n) || !scalarsOnly(v)) && !isEmptyColl(v)
	if block {
		col := c.parent + 2
		if isBlockColl(n) {
			col = n.Column - 1
		} else if isList && n.Kind == yaml.SequenceNode {
			col = n.Column - 1
		}
		lines := e.block(v, col, n)
		if isBlockColl(n) && sameLine {
			// "- title: x": the mapping begins on the dash's line.
			lines[0] = strings.TrimLeft(lines[0], " ")
			return []edit{{s, end, strings.Join(lines, "\n")}}
		}
		if isBlockColl(n) {
			return []edit{{t.eol(t.lineOf(c.after)), end, "\n" + strings.Join(lines, "\n")}}
		}
		return []edit{{c.after, end, e.keepComment(end) + "\n" + strings.Join(lines, "\n")}}
	}
	if str, ok := v.(string); ok && !e.safe && hintStyle(n)&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		if lit, ok := literal(str, c.parent+2); ok {
			start := s
			if !sameLine || isBlockColl(n) || isEmptyNull(n) {
				start = c.after
				lit = " " + lit
			}
			return []edit{{start, max(end, start), lit}}
		}
	}
	inline := e.inline(v, n, false, c.key)
	if isBlockColl(n) || isEmptyNull(n) || !sameLine {
		return []edit{{c.after, max(end, c.after), " " + inline}}
	}
	return []edit{{s, end, inline}}
}

// keepComment returns the comment that follows offset end on its line, to
// keep on the key's line, with a space before it.
func (e *yamlEd) keepComment(end int) string {
	rest := strings.TrimSpace(e.t.s[end:e.t.eol(e.t.lineOf(end))])
	if strings.HasPrefix(rest, "#") {
		return " " + rest
	}
	return ""
}

func isEmptyColl(v any) bool {
	switch v := v.(type) {
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// scalarsOnly reports whether v is a list of scalars.
func scalarsOnly(v any) bool {
	l, ok := v.([]any)
	if !ok {
		return false
	}
	for _, x := range l {
		switch x.(type) {
		case []any, map[string]any:
			return false
		}
	}
	return true
}

func hintStyle(n *yaml.Node) yaml.Style {
	if n == nil || n.Kind != yaml.ScalarNode {
		return 0
	}
	return n.Style
}

// entry returns the lines of a new key k with value v at column col.
func (e *yamlEd) entry(k string, v any, col int, hint *yaml.Node) []string {
	pre := strings.Repeat(" ", col) + k + ":"
	switch x := v.(type) {
	case []any, map[string]any:
		flow := e.safe || isEmptyColl(v) || (hint != nil && isFlow(hint)) || (hint == nil && scalarsOnly(v)) ||
			(hint != nil && hint.Kind == yaml.ScalarNode && scalarsOnly(v))
		if flow {
			return []string{pre + " " + e.inline(v, hint, false, k)}
		}
		in := col + 2
		if hint != nil && isBlockColl(hint) {
			if _, ok := v.([]any); ok && hint.Kind == yaml.SequenceNode {
				in = hint.Column - 1
			}
		}
		return append([]string{pre}, e.block(v, in, hint)...)
	case string:
		if !e.safe && hintStyle(hint)&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			if lit, ok := literal(x, col+2); ok {
				return strings.Split(pre+" "+lit, "\n")
			}
		}
	}
	return []string{pre + " " + e.inline(v, hint, false, k)}
}

// block returns the lines of a list or mapping in block style at col.
func (e *yamlEd) block(v any, col int, hint *yaml.Node) []string {
	var lines []string
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sortKeys(keys)
		if hint != nil && hint.Kind == yaml.MappingNode {
			keys = hintOrder(keys, hint)
		}
		for _, k := range keys {
			lines = append(lines, e.entry(k, x[k], col, findValue(hint, k))...)
		}
	case []any:
		pre := strings.Repeat(" ", col) + "- "
		for i, item := range x {
			h := itemHint(hint, i)
			switch item.(type) {
			case map[string]any:
				if len(item.(map[string]any)) > 0 && (h == nil || !isFlow(h)) {
					sub := e.block(item, col+2, h)
					sub[0] = pre + sub[0][col+2:]
					lines = append(lines, sub...)
					continue
				}
			}
			lines = append(lines, pre+e.inline(item, h, false, ""))
		}
	}
	return lines
}

// hintOrder orders keys as in mapping hint, then the others as given.
func hintOrder(keys []string, hint *yaml.Node) []string {
	var out []string
	for i := 0; i+1 < len(hint.Content); i += 2 {
		if containsStr(keys, hint.Content[i].Value) {
			out = append(out, hint.Content[i].Value)
		}
	}
	for _, k := range keys {
		if !containsStr(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// inline writes v on one line: a scalar, or a list or mapping in flow
// style.
func (e *yamlEd) inline(v any, hint *yaml.Node, flow bool, key string) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = e.inline(item, itemHint(hint, i), true, "")
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sortKeys(keys)
		if hint != nil && hint.Kind == yaml.MappingNode {
			keys = hintOrder(keys, hint)
		}
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + e.inline(x[k], findValue(hint, k), true, k)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case string:
		return e.str(x, hint, flow, key)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	return "null"
}

// str writes a string in the style of hint where that reads back as s.
func (e *yamlEd) str(s string, hint *yaml.Node, flow bool, key string) string {
	style := yaml.Style(0)
	ts := false
	switch {
	case hint != nil && hint.Kind == yaml.ScalarNode && !isEmptyNull(hint):
		style = hint.Style
		ts = hint.Tag == "!!timestamp"
	case key == "date" && isDate(s):
		ts = true
	case !flow:
		style = yaml.DoubleQuotedStyle
	}
	if e.safe {
		style = yaml.DoubleQuotedStyle
	}
	switch {
	case style&yaml.SingleQuotedStyle != 0:
		if !strings.ContainsAny(s, "\n\t") && printable(s) {
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
	case style&(yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0:
		if plainOK(s, ts, flow) {
			return s
		}
	}
	return doubleQuoted(s)
}

// printable reports whether s has only characters YAML may hold as they
// are.
func printable(s string) bool {
	for _, r := range s {
		if needsEscape(r) {
			return false
		}
	}
	return true
}

func needsEscape(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || r == 0xfeff || r == 0xfffe || r == 0xffff ||
		r == 0x2028 || r == 0x2029 || r == utf8.RuneError
}

var plainWords = map[string]bool{"yes": true, "no": true, "on": true, "off": true, "y": true, "n": true, "true": true, "false": true, "null": true, "~": true}

// plainOK reports whether s reads back as the text s when written plain.
func plainOK(s string, timestamp, flow bool) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, "\n\t\r") || !printable(s) || plainWords[strings.ToLower(s)] {
		return false
	}
	src := "k: " + s
	if flow {
		src = "k: [" + s + "]"
	}
	var n yaml.Node
	if yaml.Unmarshal([]byte(src), &n) != nil || n.Kind == 0 {
		return false
	}
	v := n.Content[0].Content[1]
	if flow {
		if v.Kind != yaml.SequenceNode || len(v.Content) != 1 {
			return false
		}
		v = v.Content[0]
	}
	return v.Kind == yaml.ScalarNode && v.Style == 0 && v.Value == s &&
		(v.Tag == "!!str" || timestamp && v.Tag == "!!timestamp" && isDate(s))
}

// doubleQuoted writes s as a YAML double-quoted scalar on one line.
func doubleQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case needsEscape(r) || r < 0x20:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// literal writes s as a | block scalar with its lines at column col, if s
// can be written so.
func literal(s string, col int) (string, bool) {
	if !strings.Contains(s, "\n") || strings.HasSuffix(s, "\n\n") || !printable(s) || strings.Contains(s, "\r") {
		return "", false
	}
	body := strings.TrimSuffix(s, "\n")
	lines := strings.Split(body, "\n")
	first := true
	for _, l := range lines {
		if l != "" && strings.TrimSpace(l) == "" {
			return "", false
		}
		if l != "" && first {
			if l[0] == ' ' || l[0] == '\t' {
				return "", false
			}
			first = false
		}
	}
	if first {
		return "", false
	}
	header := "|-"
	if strings.HasSuffix(s, "\n") {
		header = "|"
	}
	pre := strings.Repeat(" ", col)
	var b strings.Builder
	b.WriteString(header)
	for _, l := range lines {
		b.WriteByte('\n')
		if l != "" {
			b.WriteString(pre + l)
		}
	}
	return b.String(), true
}
