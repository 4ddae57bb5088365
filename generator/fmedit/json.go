package fmedit

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// jsonEd edits a JSON object: only the changed member's value is written
// again.
type jsonEd struct {
	t    text
	root *yaml.Node // the object, parsed as YAML like the site does
}

// valueEnd returns the offset after the JSON value that starts at s.
func (t text) valueEnd(s int) int {
	switch t.s[s] {
	case '"':
		return t.quotedEnd(s)
	case '[', '{':
		depth := 0
		for i := s; i < len(t.s); i++ {
			switch t.s[i] {
			case '"':
				i = t.quotedEnd(i) - 1
			case '[', '{':
				depth++
			case ']', '}':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(t.s)
	}
	i := s
	for i < len(t.s) && strings.IndexByte(",]} \t\n", t.s[i]) < 0 {
		i++
	}
	return i
}

func (e *jsonEd) member(key string) (i int, ok bool) {
	for i := 0; i < len(e.root.Content); i += 2 {
		if e.root.Content[i].Value == key {
			return i, true
		}
	}
	return 0, false
}

func (e *jsonEd) span(key string) (int, int, bool) {
	i, ok := e.member(key)
	if !ok {
		return 0, 0, false
	}
	t := e.t
	v := e.root.Content[i+1]
	return t.lineOf(t.pos(e.root.Content[i])), t.lineOf(t.valueEnd(t.pos(v)) - 1), true
}

// layout returns the indentation of the members and one level of
// indentation, or multi false for an object on one line.
func (e *jsonEd) layout() (indent, unit string, multi bool) {
	t := e.t
	open := t.pos(e.root)
	if len(e.root.Content) == 0 {
		return "  ", "  ", strings.Contains(t.s[open:t.valueEnd(open)], "\n")
	}
	first := t.pos(e.root.Content[0])
	if t.lineOf(first) == t.lineOf(open) {
		return "", "  ", false
	}
	l := t.lineOf(first)
	indent = t.s[t.start[l]:first]
	base := t.s[t.start[t.lineOf(open)]:]
	base = base[:len(base)-len(strings.TrimLeft(base, " \t"))]
	unit = strings.TrimPrefix(indent, base)
	if unit == "" || strings.TrimSpace(indent) != "" {
		unit = "  "
	}
	return indent, unit, true
}

func (e *jsonEd) set(key string, v any, safe bool) ([]edit, error) {
	t := e.t
	indent, unit, multi := e.layout()
	i, ok := e.member(key)
	if ok {
		k, val := e.root.Content[i], e.root.Content[i+1]
		ks, vs := t.pos(k), t.pos(val)
		ve := t.valueEnd(vs)
		if v != nil {
			old := t.s[vs:ve]
			pre := ""
			if strings.Contains(old, "\n") {
				l := t.lineOf(ks)
				pre = t.s[t.start[l]:ks]
				if strings.TrimSpace(pre) != "" {
					pre = indent
				}
			}
			return []edit{{vs, ve, jsonValue(v, pre, unit, strings.Contains(old, "\n"))}}, nil
		}
		n := len(e.root.Content)
		switch {
		case i+2 < n: // up to the next member
			return []edit{{ks, t.pos(e.root.Content[i+2]), ""}}, nil
		case i > 0: // from the end of the member before
			prev := t.valueEnd(t.pos(e.root.Content[i-1]))
			return []edit{{prev, ve, ""}}, nil
		}
		l, last := t.lineOf(ks), t.lineOf(ve-1)
		if multi && strings.TrimSpace(t.s[t.start[l]:ks]) == "" && strings.TrimSpace(t.s[ve:t.eol(last)]) == "" {
			return []edit{{t.start[l], t.next(last), ""}}, nil
		}
		return []edit{{ks, ve, ""}}, nil
	}
	member := jsonString(key) + ": " + jsonValue(v, indent, unit, multi)
	n := len(e.root.Content)
	if n == 0 {
		open := t.pos(e.root)
		close := t.valueEnd(open) - 1
		if multi {
			return []edit{{open + 1, close, "\n" + indent + member + "\n"}}, nil
		}
		return []edit{{open + 1, close, member}}, nil
	}
	var keys []string
	for j := 0; j < n; j += 2 {
		keys = append(keys, e.root.Content[j].Value)
	}
	sep := ", "
	if multi {
		sep = ",\n" + indent
	}
	if j := neighbour(keys, key); j >= 0 && 2*j+2 >= n {
		end := t.valueEnd(t.pos(e.root.Content[2*j+1]))
		return []edit{{end, end, sep + member}}, nil
	} else {
		next := t.pos(e.root.Content[2*j+2])
		return []edit{{next, next, member + sep}}, nil
	}
}

// jsonString writes s as a JSON string, with non-ASCII letters as they are.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonValue writes v as JSON: on one line (", " and ": " between parts),
// or, if multi, with lists of objects and objects over several lines
// indented from pre by unit.
func jsonValue(v any, pre, unit string, multi bool) string {
	switch x := v.(type) {
	case string:
		return jsonString(x)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		if len(x) == 0 {
			return "[]"
		}
		if !multi || scalarsOnly(x) {
			parts := make([]string, len(x))
			for i, item := range x {
				parts[i] = jsonValue(item, pre, unit, false)
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
		in := pre + unit
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = in + jsonValue(item, in, unit, true)
		}
		return "[\n" + strings.Join(parts, ",\n") + "\n" + pre + "]"
	case map[string]any:
		if len(x) == 0 {
			return "{}"
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sortKeys(keys)
		in := pre + unit
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = jsonString(k) + ": " + jsonValue(x[k], in, unit, multi)
		}
		if !multi {
			return "{" + strings.Join(parts, ", ") + "}"
		}
		return "{\n" + in + strings.Join(parts, ",\n"+in) + "\n" + pre + "}"
	}
	return "null"
}
