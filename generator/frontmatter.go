package generator

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// A document is a content file split into its front matter, parsed into a
// YAML node tree whose lines are lines of the file, and its markdown body.
type document struct {
	format   string     // "yaml", "toml" or "json"
	openLine int        // the line of the opening delimiter
	root     *yaml.Node // a mapping node
	head     []byte     // everything before the body: the front matter with its delimiters
	body     []byte
	bodyLine int // the file line the body starts on
}

var bom = []byte("\ufeff")

// openers maps the first line of a front matter block to its format. The
// closing delimiters are the library's: --- for YAML, +++ for TOML, and the
// JSON object's own closing brace.
var openers = map[string]string{"---": "yaml", "---yaml": "yaml", "+++": "toml", "---toml": "toml", ";;;": "json", "---json": "json", "{": "json"}

// splitDocument splits src, the content of file, with adrg/frontmatter and
// parses the front matter strictly. The library alone would read a file
// with a byte order mark as having no front matter, accept a block that is
// never closed, and count lines from the delimiter; those cases are caught
// here so that every error names the right line.
func splitDocument(file string, src []byte) (*document, errorList) {
	var errs errorList
	src = bytes.TrimPrefix(src, bom)
	// CRLF and a lone CR (old Mac files) end lines, as they do for YAML
	// and CommonMark; with LF only, every stage counts the same lines.
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}

	openLine, opener := firstLine(src)
	format, ok := openers[opener]
	if !ok {
		errs.add(file, max(openLine, 1), "filen mangler front matter (begynd filen med en linje med tre bindestreger ---, felterne og så en linje med --- igen)")
		return nil, errs
	}

	var raw []byte
	capture := func(data []byte, _ any) error { raw = bytes.Clone(data); return nil }
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("---yaml", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture),
		frontmatter.NewFormat("---toml", "---", capture),
		frontmatter.NewFormat(";;;", ";;;", capture),
		frontmatter.NewFormat("---json", "---", capture),
		{Start: "{", End: "}", Unmarshal: capture, UnmarshalDelims: true, RequiresNewLine: true},
	}
	rest, err := frontmatter.MustParse(bytes.NewReader(src), nil, formats...)
	if err != nil {
		end := map[string]string{"yaml": "---", "toml": "+++", "json": "}"}[format]
		if opener == ";;;" {
			end = ";;;"
		}
		errs.add(file, openLine, "front matter begynder i linje %d, men slutter aldrig (tilføj en linje med %s efter det sidste felt)", openLine, end)
		return nil, errs
	}
	doc := &document{format: format, head: src[:len(src)-len(rest)], body: rest, openLine: openLine}
	doc.bodyLine = 1 + bytes.Count(src[:len(src)-len(rest)], []byte("\n"))

	first := openLine + 1 // the line raw starts on
	if opener == "{" {
		first = openLine
	}
	switch format {
	case "toml":
		doc.root, err = parseTOML(raw, first)
	default:
		doc.root, err = parseYAML(raw, first)
	}
	if err != nil {
		var se *SourceError
		if errors.As(err, &se) {
			se.File = file
			errs = append(errs, se)
		} else {
			errs.add(file, first, "front matter kan ikke læses: %v", err)
		}
		return nil, errs
	}
	return doc, errs
}

// firstLine returns the 1-based number and the trimmed text of the first
// line of src that is not blank.
func firstLine(src []byte) (int, string) {
	n := 1
	for len(src) > 0 {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		if t := strings.TrimSpace(string(line)); t != "" {
			return n, t
		}
		src, n = rest, n+1
	}
	return 1, ""
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlHints translates the YAML parser's commonest complaints.
var yamlHints = map[string]string{
	"mapping values are not allowed in this context": "der står et kolon i en værdi; sæt værdien i anførselstegn",
	"could not find expected ':'":                    "der mangler et kolon efter feltnavnet",
	"found character that cannot start any token":    "linjen begynder med et tegn, YAML ikke tillader her (fx en tabulator); brug mellemrum",
	"did not find expected key":                      "indrykningen passer ikke; ret mellemrummene foran feltet",
	"found unexpected end of stream":                 "et anførselstegn eller en parentes lukkes aldrig",
	"did not find expected node content":             "en værdi mangler eller er skrevet forkert",
}

// parseYAML parses YAML (or JSON, a subset of YAML 1.2) front matter that
// starts on line first of its file.
func parseYAML(raw []byte, first int) (*yaml.Node, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(raw, &n); err != nil {
		msg, line := err.Error(), first
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			l, _ := strconv.Atoi(m[1])
			line, msg = first+l-1, m[2]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		hint := yamlHints[msg]
		if hint == "" {
			for k, v := range yamlHints {
				if strings.Contains(msg, k) {
					hint = v
				}
			}
		}
		if hint == "" {
			hint = "tjek indrykning, kolon og anførselstegn"
		}
		return nil, &SourceError{Line: line, Msg: fmt.Sprintf("front matter er ikke gyldig YAML: %s (%s)", msg, hint), Err: err}
	}
	if n.Kind == 0 { // empty front matter
		return &yaml.Node{Kind: yaml.MappingNode, Line: first}, nil
	}
	root := n.Content[0]
	shiftLines(root, first-1)
	if root.Kind != yaml.MappingNode {
		return nil, &SourceError{Line: root.Line, Msg: "front matter skal være felter på formen navn: værdi"}
	}
	return root, nil
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// parseTOML parses TOML front matter into the same node tree as YAML. The
// TOML library keeps no positions, so each key's line is found in the text.
func parseTOML(raw []byte, first int) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		line := first
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = first + pe.Position.Line - 1
		}
		return nil, &SourceError{Line: line, Msg: fmt.Sprintf("front matter er ikke gyldig TOML: %v", firstSentence(err)), Err: err}
	}
	lines := strings.Split(string(raw), "\n")
	return tomlNode(m, lines, first, first), nil
}

func firstSentence(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// tomlNode converts a decoded TOML value to a node; line is where the value
// was found, used when a nested key cannot be found by itself.
func tomlNode(v any, lines []string, first, line int) *yaml.Node {
	switch v := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Line: line}
		for _, k := range sortedKeys(v) {
			kl := keyLine(lines, k, first, line)
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: kl},
				tomlNode(v[k], lines, first, kl))
		}
		return n
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Line: line}
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, lines, first, line))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Line: line}
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, lines, first, line))
		}
		return n
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: line, Style: yaml.DoubleQuotedStyle}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v), Line: line}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v, 10), Line: line}
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v, 'f', -1, 64), Line: line}
	default: // dates and times: TOML's own date type
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v), Line: line}
	}
}

// keyLine finds the line of key at or after line from, or returns from.
func keyLine(lines []string, key string, first, from int) int {
	re := regexp.MustCompile(`^\s*(\[\[?\s*)?"?` + regexp.QuoteMeta(key) + `"?\s*(=|\]|\.)`)
	for i := from - first; i >= 0 && i < len(lines); i++ {
		if re.MatchString(lines[i]) {
			return first + i
		}
	}
	return from
}
