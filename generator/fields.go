package generator

import (
	"reflect"
	"strings"
)

// Fields returns the kind of page of a content file (slash-separated,
// relative to the site root: "content/cases/x.md") and the front matter
// keys that kind reads, in the order of its schema (schema.go). ok is false
// for a file that is not a page. The browser editor builds its form from
// them, so a key added to a schema reaches the form without a second list.
func Fields(file string) (kind string, keys []string, ok bool) {
	k, _ := kindOfFile(file)
	if k == nil {
		return "", nil, false
	}
	var m any
	switch k.name {
	case KindCase:
		m = caseMatter{}
	case KindTheme:
		m = themeMatter{}
	case KindPrinciple:
		m = principleMatter{}
	case KindTimeline:
		m = timelineMatter{}
	case KindPage:
		m = pageMatter{}
	case KindMaterial:
		m = materialMatter{}
	case KindHome:
		m = homeMatter{}
	default:
		return "", nil, false
	}
	t := reflect.TypeOf(m)
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("fm"), ","); tag != "" {
			keys = append(keys, tag)
		}
	}
	return k.name, keys, true
}

// PageFile returns the output file of the page a content file makes
// ("cases/x/index.html" for "content/cases/x.md"), or "" when the file is
// not a page.
func PageFile(file string) string {
	k, slug := kindOfFile(file)
	if k == nil {
		return ""
	}
	return outFile(k.pageURL(slug))
}
