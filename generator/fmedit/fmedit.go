// Package fmedit edits the front matter of a content file in place, for the
// browser editor of the preview server: a changed field changes only its
// own lines, and every other byte of the file stays as it was.
//
// [Parse] splits a file the way the site does (YAML between --- lines, TOML
// between +++ lines, JSON as a { … } object or between ;;; lines; a byte
// order mark and CRLF or CR line ends are accepted) and reads the fields
// with the site's parsers (gopkg.in/yaml.v3 for YAML and JSON,
// github.com/BurntSushi/toml for TOML). [Doc.Apply] writes changed fields
// back:
//
//   - Setting a field to the value it has returns the file unchanged.
//   - A changed scalar keeps the style of the old one where it can (double
//     quoted, single quoted, plain, a | block) and is quoted when plain text
//     would read as something else. A list keeps flow ([a, b]) or block
//     (- a) style. In YAML block lists and mappings only the changed items
//     and keys are rewritten, so changing the url of one source changes one
//     line.
//   - A new key is written after the nearest key before it in the
//     catalogue's usual order (number, title, date, summary, themes,
//     municipality, organisation, principles, sources, milestones, charts,
//     image, draft, aliases), or before the first key after it when none
//     comes before; an unknown key goes after the last key. In TOML a new
//     key always goes before the first [table].
//   - A nil value deletes the key's lines and nothing else.
//   - In JSON a changed member's value is written again in place, on one
//     line if it was on one line, else indented like the object; deleting
//     or adding the last member also moves the comma on the line before.
//   - In TOML a key = value in the root changes in place; a key written as
//     [key] or [[key]] tables is written again as tables where the first
//     one stood.
//   - YAML front matter that is one { … } object is edited only when it is
//     JSON.
//   - New lines use the line end of the front matter's first line.
//   - Comments and blank lines between keys, at the end of the front matter
//     and after a value on its line survive; comments inside a value that is
//     rewritten as a whole may not.
//
// Every result is parsed again before it is returned: each edited key must
// read as its new value and every other key as its old one, or Apply
// returns an error and no bytes.
//
// Values are string, bool, int, float64, lists of those ([]string, []int,
// []any), maps (map[string]string, map[string]any) and lists of maps
// ([]map[string]string, []map[string]any). A date without a time is a
// string such as "2025-12-01"; it is written as a date (unquoted in YAML, a
// local date in TOML) where the key held a date before or the key is date.
package fmedit

import (
	"bytes"
	"errors"
	"fmt"
	"katalog/generator/frontmatter"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// A Doc is a parsed content file.
type Doc struct {
	// Format is "yaml", "toml" or "json".
	Format string

	src    []byte
	fm     region // the front matter text, without its delimiters
	body   int    // offset of the body in src
	eol    string // line end for new lines
	fields map[string]any
	keys   []string // top-level keys in file order
	ed     editor
}

// A region is a part of src as text with LF line ends, and the way back.
type region struct {
	start, end int    // in src
	text       string // src[start:end] with CRLF and CR as LF
	norm, orig []int  // line starts in text and in src
}

// An editor knows one syntax: it computes the edit that sets one top-level
// key, and where each key's lines are.
type editor interface {
	// set returns edits of d.fm.text that give key the value v (nil:
	// delete). safe asks for the plainest, most robust writing.
	set(key string, v any, safe bool) ([]edit, error)
	// span returns the first and last line (0-based, in d.fm.text) that
	// the key's value occupies, or ok false.
	span(key string) (first, last int, ok bool)
}

// An edit replaces text[start:end] with repl (LF line ends).
type edit struct {
	start, end int
	repl       string
}

// Errors are in Danish: the editor shows them to the person who pressed
// "Gem".
var (
	errNoFrontMatter = errors.New("filen har ingen front matter")
	errNotClosed     = errors.New("front matter slutter aldrig")
)

var openers = map[string]string{"---": "yaml", "---yaml": "yaml", "+++": "toml", "---toml": "toml", ";;;": "json", "---json": "json"}
var closers = map[string]string{"---": "---", "---yaml": "---", "+++": "+++", "---toml": "---", ";;;": ";;;", "---json": "---"}

// Parse splits src into front matter and body and reads the fields. It
// returns an error when the front matter is missing, never closed or not
// valid in its format.
func Parse(src []byte) (*Doc, error) {
	d := &Doc{src: src}
	start := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		start = 3
	}
	lines := splitLines(src, start)
	// The first line that is not blank opens the front matter.
	i := 0
	for i < len(lines) && len(bytes.TrimSpace(src[lines[i].start:lines[i].end])) == 0 {
		i++
	}
	if i == len(lines) {
		return nil, errNoFrontMatter
	}
	opener := string(bytes.TrimSpace(src[lines[i].start:lines[i].end]))
	d.eol = string(src[lines[i].end:lines[i].next])
	if d.eol == "" {
		d.eol = "\n"
	}
	if format, ok := openers[opener]; ok {
		d.Format = format
		end := closers[opener]
		j := i + 1
		for j < len(lines) && string(bytes.TrimSpace(src[lines[j].start:lines[j].end])) != end {
			j++
		}
		if j == len(lines) {
			return nil, errNotClosed
		}
		d.fm = makeRegion(src, lines[i].next, lines[j].start)
		d.body = lines[j].next
	} else if opener[0] == '{' {
		d.Format = "json"
		s := lines[i].start + bytes.IndexByte(src[lines[i].start:], '{')
		full := makeRegion(src, s, len(src))
		n, rest, ok := frontmatter.ObjectEnd(full.text)
		if !ok {
			return nil, errNotClosed
		}
		if rest < 0 {
			return nil, errors.New("der står mere på linjen efter den } der afslutter front matter")
		}
		d.fm = makeRegion(src, s, full.toSrc(n))
		d.body = full.toSrc(rest)
	} else {
		return nil, errNoFrontMatter
	}
	if err := checkChars(d.fm.text); err != nil {
		return nil, err
	}
	var err error
	switch d.Format {
	case "toml":
		d.ed, d.fields, d.keys, err = newTOML(d)
	default:
		d.ed, d.fields, d.keys, err = newYAML(d)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Get returns the value of a top-level key, decoded: string, bool, int,
// float64, []any, map[string]any, or a date as "2025-12-01".
func (d *Doc) Get(key string) (any, bool) {
	v, ok := d.fields[key]
	return v, ok
}

// Keys returns the top-level keys in the order of the file.
func (d *Doc) Keys() []string { return slices.Clone(d.keys) }

// Body returns the body exactly as it is in the file.
func (d *Doc) Body() []byte { return d.src[d.body:] }

// Apply returns the file with the given top-level keys set (a nil value
// deletes the key) and, if body is not nil, the body replaced. Every other
// byte stays as it was; see the package documentation for how values are
// written.
func (d *Doc) Apply(changes map[string]any, body []byte) ([]byte, error) {
	want := make(map[string]any, len(changes))
	var keys []string
	for k, v := range changes {
		if v == nil {
			if _, ok := d.fields[k]; ok {
				keys = append(keys, k)
			}
			want[k] = nil
			continue
		}
		nv, err := normalize(v)
		if err != nil {
			return nil, fmt.Errorf("feltet %q: %w", k, err)
		}
		if old, ok := d.fields[k]; ok && equal(old, nv) {
			continue
		}
		if !validKey(k) {
			return nil, fmt.Errorf("feltnavnet %q kan ikke bruges (brug små bogstaver, tal og bindestreg)", k)
		}
		want[k] = nv
		keys = append(keys, k)
	}
	sortKeys(keys)
	cur := d
	for _, k := range keys {
		next, err := cur.set(k, want[k])
		if err != nil {
			return nil, err
		}
		cur = next
	}
	out := cur.src
	if body != nil && !bytes.Equal(body, cur.Body()) {
		out = append(slices.Clip(out[:cur.body]), body...)
	}
	if len(keys) == 0 && body == nil {
		return slices.Clone(out), nil
	}
	return out, nil
}

// set returns the document with one key set, checked by parsing it again.
func (d *Doc) set(key string, v any) (*Doc, error) {
	var lastErr error
	for _, safe := range []bool{false, true} {
		edits, err := d.ed.set(key, v, safe)
		if err != nil {
			return nil, err
		}
		out := d.patch(edits)
		nd, err := Parse(out)
		if err == nil {
			err = d.check(nd, key, v)
		}
		if err == nil {
			return nd, nil
		}
		lastErr = err
	}
	return nil, fmt.Errorf("feltet %q kunne ikke skrives sikkert: %w", key, lastErr)
}

// check reports whether nd has key set to v and every other key as in d.
func (d *Doc) check(nd *Doc, key string, v any) error {
	if nd.Format != d.Format || !bytes.Equal(nd.Body(), d.Body()) {
		return errors.New("filens opdeling ændrede sig")
	}
	for k, old := range d.fields {
		if k == key {
			continue
		}
		if nv, ok := nd.fields[k]; !ok || !equal(old, nv) {
			return fmt.Errorf("feltet %q ændrede sig", k)
		}
	}
	got, ok := nd.fields[key]
	switch {
	case v == nil && ok:
		return errors.New("feltet blev ikke slettet")
	case v != nil && (!ok || !equal(got, v)):
		return errors.New("værdien kunne ikke læses tilbage")
	}
	for k := range nd.fields {
		if _, ok := d.fields[k]; !ok && k != key {
			return fmt.Errorf("feltet %q opstod", k)
		}
	}
	return nil
}

// patch applies edits of the front matter text and returns the new file.
func (d *Doc) patch(edits []edit) []byte {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	out := slices.Clone(d.src)
	for _, e := range edits {
		s, t := d.fm.toSrc(e.start), d.fm.toSrc(e.end)
		repl := e.repl
		if d.eol != "\n" {
			repl = strings.ReplaceAll(repl, "\n", d.eol)
		}
		out = slices.Concat(out[:s], []byte(repl), out[t:])
	}
	return out
}

// KeyLines returns the first and last line (1-based, in the file) of a
// top-level key: its key line and the lines of its value.
func (d *Doc) KeyLines(key string) (first, last int, ok bool) {
	f, l, ok := d.ed.span(key)
	if !ok {
		return 0, 0, false
	}
	base := 1
	for _, l := range splitLines(d.src[:d.fm.start], 0) {
		if l.next <= d.fm.start && l.next > l.end {
			base++
		}
	}
	return base + f, base + l, true
}

// A line is one line of src: its text src[start:end] and the start of the
// next line.
type line struct{ start, end, next int }

// splitLines splits src[from:] at LF, CRLF and lone CR.
func splitLines(src []byte, from int) []line {
	var ls []line
	for i := from; i < len(src); {
		j := i
		for j < len(src) && src[j] != '\n' && src[j] != '\r' {
			j++
		}
		next := j
		if j < len(src) {
			next++
			if src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n' {
				next++
			}
		}
		ls = append(ls, line{i, j, next})
		i = next
	}
	return ls
}

func makeRegion(src []byte, start, end int) region {
	r := region{start: start, end: end}
	var b strings.Builder
	for _, l := range splitLines(src[:end], start) {
		r.norm = append(r.norm, b.Len())
		r.orig = append(r.orig, l.start)
		b.Write(src[l.start:l.end])
		if l.next > l.end {
			b.WriteByte('\n')
		}
	}
	r.text = b.String()
	return r
}

// toSrc maps an offset in r.text to src.
func (r region) toSrc(off int) int {
	if off >= len(r.text) {
		return r.end + off - len(r.text)
	}
	i := sort.Search(len(r.norm), func(i int) bool { return r.norm[i] > off }) - 1
	if i < 0 {
		return r.start + off
	}
	return r.orig[i] + off - r.norm[i]
}

// checkChars refuses what the site refuses in front matter: bytes that are
// not UTF-8 and control characters other than tab and newline.
func checkChars(text string) error {
	for i, r := range text {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(text[i:], "\ufffd"):
			return errors.New("front matter har et tegn, der ikke er gyldig UTF-8")
		case r < 0x20 && r != '\t' && r != '\n', r >= 0x7f && r <= 0x9f, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return fmt.Errorf("front matter har et usynligt kontroltegn (U+%04X)", r)
		}
	}
	return nil
}

// order is the catalogue's usual order of keys; new keys are placed by it.
var order = []string{"number", "title", "date", "summary", "themes", "municipality", "organisation", "principles", "sources", "milestones", "charts", "image", "draft", "aliases",
	// keys inside sources, image, milestones and charts
	"id", "label", "area", "text", "unit", "description", "source", "publisher", "year", "url", "bars", "value", "src", "alt"}

func rank(k string) int {
	if i := slices.Index(order, k); i >= 0 {
		return i
	}
	return len(order)
}

// sortKeys sorts keys by the usual order, then by name.
func sortKeys(keys []string) {
	sort.Slice(keys, func(i, j int) bool {
		ri, rj := rank(keys[i]), rank(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
}

// neighbour returns where a new key goes among the existing keys (in file
// order): after the key at the index it returns, or before the first key
// when it returns -1.
func neighbour(existing []string, key string) (i int) {
	r := rank(key)
	if r == len(order) {
		return len(existing) - 1
	}
	best, bestRank := -1, -1
	for j, k := range existing {
		if rk := rank(k); rk < r && rk >= bestRank {
			best, bestRank = j, rk
		}
	}
	if best >= 0 {
		return best
	}
	// Nothing comes before it: it goes before the first key that comes
	// after it, that is, first.
	return -1
}

// validKey reports whether k can be written as a bare key in every format.
func validKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
