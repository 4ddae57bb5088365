package fmedit

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// A piece is where a top-level TOML key is written: a line key = value in
// the root (bare), a dotted key image.alt = … in the root, or a [key] or
// [[key]] table.
type piece struct {
	kind       string // "bare", "dotted", "table", "array"
	start, end int    // the piece's text, whole lines
	vs, ve     int    // the value of a bare key
}

// tomlEd edits TOML front matter.
type tomlEd struct {
	t       text
	pieces  map[string][]piece
	rootEnd int      // where the root table ends: the first header line
	rootKey []string // keys written in the root, in order
	safe    bool
}

func newTOML(d *Doc) (editor, map[string]any, []string, error) {
	var m map[string]any
	md, err := toml.Decode(d.fm.text, &m)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("front matter er ikke gyldig TOML: %w", err)
	}
	fields := map[string]any{}
	for k, v := range m {
		fields[k] = tomlValue(v)
	}
	e := &tomlEd{t: newText(d.fm.text), pieces: map[string][]piece{}}
	if err := e.scan(); err != nil {
		return nil, nil, nil, err
	}
	var keys []string
	for _, k := range md.Keys() {
		if len(k) == 1 && !containsStr(keys, k[0]) {
			keys = append(keys, k[0])
		}
	}
	for k := range fields {
		if len(e.pieces[k]) == 0 {
			return nil, nil, nil, fmt.Errorf("feltet %q kunne ikke findes i teksten", k)
		}
	}
	return e, fields, keys, nil
}

// tomlValue turns a decoded TOML value into the form Get returns.
func tomlValue(v any) any {
	switch x := v.(type) {
	case int64:
		return int(x)
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return x.Format(time.DateOnly)
		case "datetime-local":
			return x.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			return x.Format("15:04:05.999999999")
		}
		return x.Format(time.RFC3339Nano)
	case []map[string]any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = tomlValue(e)
		}
		return l
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = tomlValue(e)
		}
		return l
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = tomlValue(e)
		}
		return m
	}
	return v
}

// scan finds the pieces of each top-level key.
func (e *tomlEd) scan() error {
	t := e.t
	e.rootEnd = len(t.s)
	var cur *piece // the open table
	curKey := ""
	closeTable := func(upto int) {
		if cur != nil {
			cur.end = upto
			e.pieces[curKey] = append(e.pieces[curKey], *cur)
			cur = nil
		}
	}
	lastContent := 0 // the start of the line after the last line with content
	for l := 0; l < len(t.start); {
		s := t.start[l] + t.indent(l)
		for s < len(t.s) && t.s[s] == '\t' {
			s++
		}
		if t.blank(l) || t.s[s] == '#' {
			l++
			continue
		}
		if t.s[s] == '[' {
			closeTable(lastContent)
			if e.rootEnd == len(t.s) {
				e.rootEnd = t.start[l]
			}
			kind := "table"
			p := s + 1
			if p < len(t.s) && t.s[p] == '[' {
				kind, p = "array", p+1
			}
			key, _, err := tomlKey(t.s, p)
			if err != nil {
				return err
			}
			cur, curKey = &piece{kind: kind, start: t.start[l]}, key
			l++
			lastContent = t.start[min(l, len(t.start)-1)]
			if l == len(t.start) {
				lastContent = len(t.s)
			}
			continue
		}
		key, p, err := tomlKey(t.s, s)
		if err != nil {
			return err
		}
		dotted := p < len(t.s) && t.s[p] == '.'
		eq := strings.IndexByte(t.s[p:], '=')
		if eq < 0 {
			return errors.New("der mangler et = efter feltnavnet")
		}
		vs := p + eq + 1
		for vs < len(t.s) && (t.s[vs] == ' ' || t.s[vs] == '\t') {
			vs++
		}
		ve := tomlValueEnd(t.s, vs)
		last := t.lineOf(max(ve-1, vs))
		next := t.next(last)
		if cur == nil {
			kind := "bare"
			if dotted {
				kind = "dotted"
			}
			e.pieces[key] = append(e.pieces[key], piece{kind: kind, start: t.start[l], end: next, vs: vs, ve: ve})
			if !containsStr(e.rootKey, key) {
				e.rootKey = append(e.rootKey, key)
			}
		}
		lastContent = next
		l = last + 1
	}
	closeTable(lastContent)
	return nil
}

// tomlKey reads the first part of a key at s (bare or quoted) and returns
// it and the offset after it and the blanks that follow.
func tomlKey(s string, p int) (string, int, error) {
	for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
		p++
	}
	var key string
	switch {
	case p < len(s) && s[p] == '"':
		e := quotedEndIn(s, p)
		k, err := strconv.Unquote(s[p:e])
		if err != nil {
			return "", 0, errors.New("et feltnavn i anførselstegn kan ikke læses")
		}
		key, p = k, e
	case p < len(s) && s[p] == '\'':
		e := strings.IndexByte(s[p+1:], '\'')
		if e < 0 {
			return "", 0, errors.New("et feltnavn i anførselstegn slutter ikke")
		}
		key, p = s[p+1:p+1+e], p+2+e
	default:
		q := p
		for q < len(s) && (validKey(s[q : q+1])) {
			q++
		}
		key, p = s[p:q], q
	}
	for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
		p++
	}
	return key, p, nil
}

func quotedEndIn(s string, p int) int { return text{s: s}.quotedEnd(p) }

// tomlValueEnd returns the offset after the TOML value that starts at s.
func tomlValueEnd(s string, p int) int {
	if p >= len(s) {
		return p
	}
	switch {
	case strings.HasPrefix(s[p:], `"""`), strings.HasPrefix(s[p:], `'''`):
		q := s[p : p+3]
		for i := p + 3; i < len(s); i++ {
			if q[0] == '"' && s[i] == '\\' {
				i++
				continue
			}
			if strings.HasPrefix(s[i:], q) {
				e := i + 3
				for k := 0; k < 2 && e < len(s) && s[e] == q[0]; k++ {
					e++
				}
				return e
			}
		}
		return len(s)
	case s[p] == '"':
		return quotedEndIn(s, p)
	case s[p] == '\'':
		if e := strings.IndexByte(s[p+1:], '\''); e >= 0 {
			return p + 2 + e
		}
		return len(s)
	case s[p] == '[' || s[p] == '{':
		depth := 0
		for i := p; i < len(s); i++ {
			switch s[i] {
			case '"', '\'':
				i = tomlValueEnd(s, i) - 1
			case '#':
				for i < len(s) && s[i] != '\n' {
					i++
				}
			case '[', '{':
				depth++
			case ']', '}':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(s)
	}
	e := p
	for e < len(s) && s[e] != '\n' && s[e] != '#' && s[e] != ',' && s[e] != ']' && s[e] != '}' {
		e++
	}
	return p + len(strings.TrimRight(s[p:e], " \t"))
}

func (e *tomlEd) span(key string) (int, int, bool) {
	ps := e.pieces[key]
	if len(ps) == 0 {
		return 0, 0, false
	}
	return e.t.lineOf(ps[0].start), e.t.lineOf(max(ps[len(ps)-1].end-1, ps[0].start)), true
}

func (e *tomlEd) set(key string, v any, safe bool) ([]edit, error) {
	e.safe = safe
	t := e.t
	ps := e.pieces[key]
	if v != nil && len(ps) == 1 && ps[0].kind == "bare" {
		p := ps[0]
		return []edit{{p.vs, p.ve, e.value(v, t.s[p.vs:p.ve], key, p.start)}}, nil
	}
	var edits []edit
	for _, p := range ps {
		edits = append(edits, edit{p.start, p.end, ""})
	}
	if v == nil {
		return edits, nil
	}
	// A table stays a table where it was.
	if len(ps) > 0 && ps[0].kind != "bare" && ps[0].kind != "dotted" && !safe {
		if sec, ok := e.tables(key, v); ok {
			if e.together(ps) {
				// One after another: the tables are written again as one.
				return []edit{{ps[0].start, ps[len(ps)-1].end, sec}}, nil
			}
			edits[0].repl = sec
			return edits, nil
		}
	}
	line := tomlKeyName(key) + " = " + e.value(v, "", key, 0) + "\n"
	if len(ps) > 0 && (ps[0].kind == "bare" || ps[0].kind == "dotted") {
		edits[0].repl = line
		return edits, nil
	}
	// A new key goes into the root, after its neighbour.
	at := e.rootEnd
	if len(e.rootKey) > 0 {
		if i := neighbour(e.rootKey, key); i >= 0 {
			rp := e.pieces[e.rootKey[i]]
			at = rp[len(rp)-1].end
		} else {
			at = e.pieces[e.rootKey[0]][0].start
		}
	}
	if at > 0 && t.s[at-1] != '\n' {
		line = "\n" + line
	}
	if at == e.rootEnd && at < len(t.s) && len(e.rootKey) == 0 {
		line += "\n"
	}
	return append(edits, edit{at, at, line}), nil
}

// tables writes v as [key] or [[key]] tables, if it is a table or a list
// of tables.
func (e *tomlEd) tables(key string, v any) (string, bool) {
	var b strings.Builder
	kv := func(m map[string]any) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sortKeys(keys)
		for _, k := range keys {
			b.WriteString(tomlKeyName(k) + " = " + e.value(m[k], "", k, 0) + "\n")
		}
	}
	switch x := v.(type) {
	case map[string]any:
		b.WriteString("[" + tomlKeyName(key) + "]\n")
		kv(x)
	case []any:
		for i, item := range x {
			m, ok := item.(map[string]any)
			if !ok {
				return "", false
			}
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString("[[" + tomlKeyName(key) + "]]\n")
			kv(m)
		}
		if len(x) == 0 {
			return "", false
		}
	default:
		return "", false
	}
	return b.String(), true
}

func tomlKeyName(k string) string {
	if validKey(k) {
		return k
	}
	return strconv.Quote(k)
}

// value writes v as a TOML value in the style of old, the text of the
// value it replaces ("" for a new one); line is where old's line starts.
func (e *tomlEd) value(v any, old, key string, line int) string {
	switch x := v.(type) {
	case string:
		switch {
		case e.safe:
		case isDate(x) && (old == "" && key == "date" || old != "" && isDate(old)):
			return x
		case strings.HasPrefix(old, "'''") || strings.HasPrefix(old, `"""`):
			if strings.Contains(x, "\n") {
				return tomlMultiline(x)
			}
		case strings.HasPrefix(old, "'"):
			if !strings.ContainsAny(x, "'\n\r\t") && printable(x) {
				return "'" + x + "'"
			}
		}
		return tomlString(x)
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
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = e.value(item, "", "", 0)
		}
		if strings.HasPrefix(old, "[") && strings.Contains(old, "\n") && len(x) > 0 && !e.safe {
			in := "  "
			if nl := strings.IndexByte(old, '\n'); nl >= 0 {
				rest := old[nl+1:]
				if w := len(rest) - len(strings.TrimLeft(rest, " \t")); w > 0 {
					in = rest[:w]
				}
			}
			return "[\n" + in + strings.Join(parts, ",\n"+in) + ",\n]"
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sortKeys(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = tomlKeyName(k) + " = " + e.value(x[k], "", k, 0)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return `""`
}

// tomlString writes s as a TOML basic string on one line.
func tomlString(s string) string {
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

// tomlMultiline writes s as a TOML multi-line basic string.
func tomlMultiline(s string) string {
	var b strings.Builder
	b.WriteString("\"\"\"\n")
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n', r == '\t':
			b.WriteRune(r)
		case needsEscape(r) || r < 0x20:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(`"""`)
	return b.String()
}

// together reports whether only blank lines and comments stand between
// the pieces.
func (e *tomlEd) together(ps []piece) bool {
	for i := 1; i < len(ps); i++ {
		for _, l := range strings.Split(e.t.s[ps[i-1].end:ps[i].start], "\n") {
			if l = strings.TrimSpace(l); l != "" && l[0] != '#' {
				return false
			}
		}
	}
	return true
}
