package frontmatter

import (
	"fmt"
	"katalog/internal/diag"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"katalog/internal/suggest"
)

// A Decoder fills a typed front matter struct from a node tree under the
// YAML 1.2 core schema and nothing looser: only true and false are
// booleans, a number never silently loses its leading zero, a quoted value
// stays text, and unknown or repeated keys are errors. Struct fields name
// their key with a `fm:"key"` tag.
type Decoder struct {
	File   string
	Errs   diag.List
	Lines  map[string]int  // key path ("sources[1].url") → line; filled by Decode
	failed map[string]bool // key paths with an error, so that checks can leave them be
}

// Decode fills v, a pointer to a struct, from doc's front matter, and
// records the line of every key path in d.Lines. A missing key is at the
// line that opens the front matter.
func (d *Decoder) Decode(doc *Document, v any) {
	if d.Lines == nil {
		d.Lines = map[string]int{}
	}
	d.decode(doc.Root, reflect.ValueOf(v).Elem(), "")
	d.Lines[""] = doc.OpenLine
}

func (d *Decoder) errorf(path string, line int, format string, args ...any) {
	d.Errs.Add(d.File, line, format, args...)
	if d.failed == nil {
		d.failed = map[string]bool{}
	}
	d.failed[path] = true
}

// FailedAt reports whether the decoder found something wrong at path or
// inside it.
func (d *Decoder) FailedAt(path string) bool {
	for p := range d.failed {
		if p == path || strings.HasPrefix(p, path+".") || strings.HasPrefix(p, path+"[") {
			return true
		}
	}
	return false
}

// isNull reports whether n is YAML's null written as nothing, ~ or null: a
// key with no value.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0
}

// A TextList is a key that takes one text or a list of texts.
type TextList []string

var textListType = reflect.TypeOf(TextList{})

var (
	intRe   = regexp.MustCompile(`^[-+]?(0|[1-9][0-9]*)$`)
	floatRe = regexp.MustCompile(`^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?$`)
)

// danishKeys are keys editors are likely to write in Danish.
var danishKeys = map[string]string{
	"titel": "title", "dato": "date", "resume": "summary", "resumé": "summary", "opsummering": "summary",
	"tema": "themes", "temaer": "themes", "kommune": "municipality", "kommuner": "municipality",
	"organisationer": "organisation", "organization": "organisation", "principper": "principles",
	"princip": "principles", "kilder": "sources", "kilde": "sources", "billede": "image",
	"kladde": "draft", "nummer": "number", "milepæle": "milestones", "udgiver": "publisher",
	"år": "year", "tekst": "text", "dato-tekst": "label", "område": "area", "omraade": "area",
}

// decode fills v from n. The node tree has no aliases (parseYAML refuses
// them), so its size is the size of the file.
func (d *Decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	d.Lines[path] = n.Line
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if isNull(n) {
			return // "themes:" with nothing after it is an empty list; the checks say if one is required
		}
		if v.Type() == textListType && n.Kind == yaml.ScalarNode {
			var one string
			d.decodeScalar(n, reflect.ValueOf(&one).Elem(), path)
			v.Set(reflect.ValueOf(TextList{one}))
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.errorf(path, n.Line, "%s skal være en liste (skriv [a, b] eller én værdi pr. linje med - foran)", name(path))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Pointer:
		if isNull(n) {
			return // "image:" with nothing after it: no image
		}
		v.Set(reflect.New(v.Type().Elem()))
		d.decode(n, v.Elem(), path)
	default:
		d.decodeScalar(n, v, path)
	}
}

func (d *Decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(path, n.Line, "%s skal bestå af felter på formen navn: værdi", name(path))
		return
	}
	fields := map[string]int{}
	var known []string
	for i := 0; i < v.NumField(); i++ {
		if k := v.Type().Field(i).Tag.Get("fm"); k != "" {
			fields[k] = i
			known = append(known, k)
		}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		p := key
		if path != "" {
			p = path + "." + key
		}
		if prev, dup := seen[key]; dup {
			d.errorf(p, k.Line, "feltet %q står to gange (også i linje %d); slet det ene", key, prev)
			continue
		}
		seen[key] = k.Line
		fi, ok := fields[key]
		if !ok {
			d.errorf(p, k.Line, "ukendt felt %q%s", key, hint(key, known))
			continue
		}
		d.decode(val, v.Field(fi), p)
		d.Lines[p] = k.Line
	}
}

// hint returns a hint naming the known key nearest to key.
func hint(key string, known []string) string {
	if k, ok := danishKeys[strings.ToLower(key)]; ok && slices.Contains(known, k) {
		return fmt.Sprintf(" (mente du %q?)", k)
	}
	if k := suggest.Nearest(key, known); k != "" {
		return fmt.Sprintf(" (mente du %q?)", k)
	}
	return fmt.Sprintf(" (gyldige felter her: %s)", strings.Join(known, ", "))
}

func (d *Decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(path, n.Line, "%s skal være en enkelt værdi, ikke en liste eller en gruppe af felter", name(path))
		return
	}
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	val := n.Value
	switch v.Kind() {
	case reflect.String:
		if n.Tag == "!!null" && !quoted {
			val = ""
		}
		v.SetString(val)
	case reflect.Bool:
		switch {
		case !quoted && (val == "true" || val == "True" || val == "TRUE"):
			v.SetBool(true)
		case !quoted && (val == "false" || val == "False" || val == "FALSE"):
			v.SetBool(false)
		default:
			d.errorf(path, n.Line, "%s skal være true eller false, ikke %q", name(path), val)
		}
	case reflect.Int:
		if quoted || !intRe.MatchString(val) {
			d.errorf(path, n.Line, "%s skal være et helt tal%s, ikke %q", name(path), leadingZero(val), val)
			return
		}
		i, err := strconv.Atoi(val)
		if err != nil {
			d.errorf(path, n.Line, "%s er et for stort tal: %s", name(path), val)
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		if quoted || !floatRe.MatchString(val) {
			d.errorf(path, n.Line, "%s skal være et tal med punktum som decimaltegn (fx 12.5)%s, ikke %q", name(path), leadingZero(val), val)
			return
		}
		f, _ := strconv.ParseFloat(val, 64)
		v.SetFloat(f)
	default:
		panic("decode: unsupported field type " + v.Type().String())
	}
}

func leadingZero(val string) string {
	if len(val) > 1 && val[0] == '0' && val[1] >= '0' && val[1] <= '9' {
		return " uden foranstillet nul"
	}
	return ""
}

// name is how a key path is shown to an editor: `feltet "sources[2].url"`.
func name(path string) string {
	if path == "" {
		return "front matter"
	}
	return fmt.Sprintf("feltet %q", path)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
