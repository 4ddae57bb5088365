package generator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"katalog/internal/slug"
)

// MaxSlug is the longest file name, in letters, that a new page gets from
// its title: a long title makes a short address, and every file system
// takes it.
const MaxSlug = 80

// NewSlug returns the file name (without .md) a new page titled title
// gets: its slug, cut to at most MaxSlug letters at a word's end when it
// can.
func NewSlug(title string) string {
	s := slug.Make(title)
	if len(s) <= MaxSlug {
		return s
	}
	s = s[:MaxSlug]
	if i := strings.LastIndexByte(s, '-'); i > MaxSlug/2 {
		s = s[:i]
	}
	return strings.Trim(s, "-")
}

// NewPageText fills the template skabeloner/<kind>.md of the site at root
// for a page titled title, made on day now: {{.Title}} is the title as a
// YAML double-quoted scalar, {{.Date}} the day as YYYY-MM-DD. katalog new
// and the editor's "Ny case" both start a page from it.
func NewPageText(root, kind, title string, now time.Time) ([]byte, error) {
	text, err := os.ReadFile(filepath.Join(root, "skabeloner", kind+".md"))
	if err != nil {
		return nil, fmt.Errorf("skabelonen skabeloner/%s.md kan ikke læses (kør kommandoen fra sitets rod eller angiv -src)", kind)
	}
	t, err := template.New(kind).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, fmt.Errorf("fejl i skabelonen skabeloner/%s.md: %w", kind, err)
	}
	var buf bytes.Buffer
	data := struct{ Title, Date string }{Title: YAMLQuote(title), Date: now.Format(time.DateOnly)}
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("fejl i skabelonen skabeloner/%s.md: %w", kind, err)
	}
	return buf.Bytes(), nil
}

// YAMLQuote writes s as a YAML double-quoted scalar. Go's quoting is a
// subset of YAML's: it keeps printable letters such as æ, ø and å as they
// are and escapes quotes, backslashes and control characters.
func YAMLQuote(s string) string { return strconv.Quote(s) }
