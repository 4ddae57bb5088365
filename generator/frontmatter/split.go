package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"katalog/internal/diag"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	adrg "github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// A Document is a content file split into its front matter, parsed into a
// YAML node tree whose lines are lines of the file, and its markdown body.
type Document struct {
	Format   string     // "yaml", "toml" or "json"
	OpenLine int        // the line of the opening delimiter
	Root     *yaml.Node // a mapping node
	Head     []byte     // everything before the body: the front matter with its delimiters
	Body     []byte
	BodyLine int // the file line the body starts on
}

var bom = []byte("\ufeff")

// openers maps the first line of a front matter block to its format. The
// closing delimiters are the library's: --- for YAML and +++ for TOML. A
// line that begins with { opens JSON, which ends with the object's own
// closing brace (splitJSON).
var openers = map[string]string{"---": "yaml", "---yaml": "yaml", "+++": "toml", "---toml": "toml", ";;;": "json", "---json": "json"}

// Split splits src, the content of file, into front matter and
// body and parses the front matter strictly. Every error names the line it
// is about, counted in the file as the editor sees it.
func Split(file string, src []byte) (*Document, diag.List) {
	src = bytes.TrimPrefix(src, bom)
	// CRLF and a lone CR (old Mac files) end lines, as they do for YAML
	// and CommonMark; with LF only, every stage counts the same lines.
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	openLine, opener := firstLine(src)
	raw, rest, first, format, e := cut(src, openLine, opener)
	if e != nil {
		e.File = file
		return nil, diag.List{e}
	}
	head := src[:len(src)-len(rest)]
	root, errs := parseFrontMatter(raw, first, format)
	if len(errs) > 0 {
		for _, e := range errs {
			e.File = file
		}
		return nil, errs
	}
	return &Document{Format: format, OpenLine: openLine, Root: root, Head: head, Body: rest, BodyLine: 1 + bytes.Count(head, []byte("\n"))}, nil
}

// cut finds the front matter that opens with opener on line openLine of
// src: its text raw, the line raw starts on, its format, and the rest of
// src after it. adrg/frontmatter finds the delimited blocks; alone, it
// would read a file with a byte order mark as having no front matter,
// accept a block that is never closed, and need a blank line after a JSON
// object, so the byte order mark is gone by now and JSON is cut by
// splitJSON.
func cut(src []byte, openLine int, opener string) (raw, rest []byte, first int, format string, e *diag.Error) {
	format, ok := openers[opener]
	if strings.HasPrefix(opener, "{") {
		format, ok = "json", true
	}
	if !ok {
		return nil, nil, 0, "", &diag.Error{Line: max(openLine, 1), Msg: "filen mangler front matter (begynd filen med en linje med tre bindestreger ---, felterne og så en linje med --- igen)"}
	}
	first = openLine + 1
	if opener[0] == '{' {
		var closeLine int
		raw, rest, closeLine = splitJSON(src)
		if raw != nil && rest == nil {
			return nil, nil, 0, "", &diag.Error{Line: closeLine, Msg: "der står mere på linjen efter den } der afslutter front matter (flyt teksten ned på næste linje)"}
		}
		first = openLine
	} else {
		capture := func(data []byte, _ any) error { raw = bytes.Clone(data); return nil }
		formats := []*adrg.Format{
			adrg.NewFormat("---", "---", capture),
			adrg.NewFormat("---yaml", "---", capture),
			adrg.NewFormat("+++", "+++", capture),
			adrg.NewFormat("---toml", "---", capture),
			adrg.NewFormat(";;;", ";;;", capture),
			adrg.NewFormat("---json", "---", capture),
		}
		var err error
		if rest, err = adrg.MustParse(bytes.NewReader(src), nil, formats...); err != nil {
			raw = nil
		}
	}
	if raw == nil {
		end := map[string]string{"yaml": "---", "toml": "+++", "json": "}"}[format]
		if opener == ";;;" || opener == "---json" {
			end = opener[:3]
		}
		return nil, nil, 0, "", &diag.Error{Line: openLine, Msg: fmt.Sprintf("front matter begynder i linje %d, men slutter aldrig (tilføj en linje med %s efter det sidste felt)", openLine, end)}
	}
	return raw, rest, first, format, nil
}

// parseFrontMatter parses raw, front matter in format that starts on line
// first of its file, into a node tree. Before the parsers see it, it is
// checked for what they would skip or describe in English.
func parseFrontMatter(raw []byte, first int, format string) (*yaml.Node, diag.List) {
	if e := documentEnd(raw, first, format); e != nil {
		return nil, diag.List{e}
	}
	if e := checkChars(raw, first, "front matter"); e != nil {
		return nil, diag.List{e}
	}
	if format == "toml" {
		return parseTOML(raw, first)
	}
	return parseYAML(raw, first, format)
}

// splitJSON splits src, which begins (after blank lines) with a JSON
// object, at the brace that closes that object. It returns the object, the
// rest of src after the line of the closing brace, and that line's number.
// Braces inside strings do not count; a string ends at its closing quote
// or, as JSON strings never span lines, at the end of its line, so that a
// missing quote is reported by the parser rather than as a block that never
// ends. raw is nil when the object is never closed; rest is nil when text
// follows the closing brace on its line.
func splitJSON(src []byte) (raw, rest []byte, closeLine int) {
	start := bytes.IndexByte(src, '{')
	end, next, ok := ObjectEnd(src[start:])
	if !ok {
		return nil, nil, 0
	}
	closeLine = 1 + bytes.Count(src[:start+end], []byte("\n"))
	if next < 0 {
		return src[start : start+end], nil, closeLine
	}
	return src[start : start+end], src[start+next:], closeLine
}

// ObjectEnd finds the end of the JSON object that src starts with, as the
// site reads JSON front matter: braces inside strings do not count, and a
// string ends at the end of its line at the latest. It returns the offset
// after the closing brace and the offset of the line after it, or -1 when
// text follows the brace on its line; ok is false when the object is never
// closed.
func ObjectEnd[T string | []byte](src T) (end, next int, ok bool) {
	depth, inString := 0, false
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			inString = false
		case inString && c == '\\':
			if i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case c == '"':
			inString = !inString
		case inString:
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth > 0 {
				continue
			}
			lineEnd, next := len(src), len(src)
			for k := i + 1; k < len(src); k++ {
				if src[k] == '\n' {
					lineEnd, next = k, k+1
					break
				}
			}
			if strings.TrimSpace(string(src[i+1:lineEnd])) != "" {
				return i + 1, -1, true
			}
			return i + 1, next, true
		}
	}
	return 0, 0, false
}

// documentEnd reports a line ... in YAML front matter: YAML ends the
// document there and reads no further, so the fields after it would be
// left out without a word.
func documentEnd(raw []byte, first int, format string) *diag.Error {
	if format != "yaml" {
		return nil
	}
	for i, l := range strings.Split(string(raw), "\n") {
		if l == "..." || strings.HasPrefix(l, "... ") || strings.HasPrefix(l, "...\t") {
			return &diag.Error{Line: first + i, Msg: "linjen ... afslutter front matter, så felterne efter den bliver ikke læst (slet linjen)"}
		}
	}
	return nil
}

// checkChars finds the first bytes in text, which starts on line first of
// its file, that are not UTF-8 or are a control character other than tab
// and newline. The YAML and TOML parsers refuse these with an English
// message and the line at best; what they refuse is invisible in most
// editors, so the message says where on the line it is.
func checkChars(text []byte, first int, what string) *diag.Error {
	line, lineStart := first, 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case r == '\n':
			line, lineStart = line+1, i+1
		case r == utf8.RuneError && size == 1:
			return &diag.Error{Line: line, Msg: fmt.Sprintf("%s har et tegn, der ikke er gyldig UTF-8, %s (gem filen som UTF-8 i editoren, og skriv tegnet igen)", what, where(text[lineStart:i]))}
		case r < 0x20 && r != '\t', r >= 0x7f && r <= 0x9f, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return &diag.Error{Line: line, Msg: fmt.Sprintf("%s har et usynligt kontroltegn (U+%04X) %s (slet tegnet; det kommer tit med, når tekst kopieres fra et andet program)", what, r, where(text[lineStart:i]))}
		}
		i += size
	}
	return nil
}

// where says where on its line a character is, given the text before it.
func where(before []byte) string {
	s := strings.TrimSpace(strings.ToValidUTF8(string(before), "\ufffd"))
	if s == "" {
		return "i begyndelsen af linjen"
	}
	if r := []rune(s); len(r) > 30 {
		s = "…" + string(r[len(r)-30:])
	}
	return fmt.Sprintf("efter %q", s)
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

// A translation is the Danish for a parser's complaint, found by a part of
// its English text: what is wrong and what to do.
type translation struct{ en, what, todo string }

// yamlErrors translates the YAML parser's complaints, by a part of the
// English text. The first that matches wins.
var yamlErrors = []translation{
	{"mapping values are not allowed", "der står et kolon i en værdi", "sæt værdien i anførselstegn"},
	{"could not find expected ':'", "der mangler et kolon efter feltnavnet", "skriv navn: værdi"},
	{"tab character", "der står en tabulator i indrykningen", "ryk ind med mellemrum"},
	{"found character that cannot start any token", "en værdi begynder med et tegn, YAML ikke tillader der, fx en tabulator, @ eller `", "sæt værdien i anførselstegn, og ryk ind med mellemrum"},
	{"did not find expected key", "indrykningen passer ikke", "ret mellemrummene foran feltet, så det står under de andre felter"},
	{"did not find expected '-' indicator", "indrykningen i en liste passer ikke", "skriv hvert punkt med - foran og med samme indrykning"},
	{"block sequence entries are not allowed", "en liste med - står et sted, hvor den ikke må stå", "sæt punkterne på hver sin linje under feltnavnet, rykket ind"},
	{"mapping keys are not allowed", "et feltnavn står et sted, hvor det ikke må stå", "ret indrykningen, eller sæt værdien i anførselstegn"},
	{"did not find expected ',' or ']'", "en liste i [ ] lukkes ikke rigtigt", "adskil værdierne med komma, og slut listen med ]"},
	{"did not find expected ',' or '}'", "en gruppe i { } lukkes ikke rigtigt", "adskil felterne med komma, og slut gruppen med }"},
	{"found unexpected end of stream", "et anførselstegn eller en parentes lukkes aldrig", "luk det, før front matter slutter"},
	{"did not find expected node content", "en værdi mangler eller er skrevet forkert", "skriv værdien efter kolonet, og sæt den i anførselstegn, hvis den begynder med et tegn som [, {, * eller &"},
	{"did not find expected comment or line break", "der står mere efter en værdi, der allerede er slut", "sæt hele værdien i anførselstegn"},
	{"found unknown escape character", "en \\ i en tekst i dobbelte anførselstegn bruges forkert", "skriv \\\\ for en omvendt skråstreg, eller brug enkelte anførselstegn"},
	{"found invalid Unicode character escape code", "en \\u i en tekst i dobbelte anførselstegn er ikke et gyldigt tegn", "skriv tegnet selv, eller brug enkelte anførselstegn"},
	{"found unexpected document indicator", "der står --- eller ... midt i front matter", "slet linjen, eller sæt teksten i anførselstegn"},
	{"exceeded max depth", "der er for mange lag af [ ] og { } inden i hinanden", "skriv felterne med færre lag"},
	{"tag", "en værdi begynder med !, som YAML læser som en type", "sæt værdien i anførselstegn"},
	{"directive", "en linje begynder med %, som YAML læser som en instruks", "sæt værdien i anførselstegn"},
	{"alphabetic or numeric character", "en værdi begynder med * eller &, som YAML læser som en henvisning", "sæt hele værdien i anførselstegn"},
	{"document start", "felterne fortsætter efter en linje med ..., som YAML læser som slutningen", "slet linjen med ..."},
	{"UTF-8", "der står et tegn, der ikke er gyldig UTF-8", "gem filen som UTF-8 i editoren"},
	{"control characters", "der står et usynligt kontroltegn", "slet tegnet"},
}

// yamlParserErrors are the complaints of yaml.v3's parser, as opposed to
// its scanner. The parser gives 0-based lines, the scanner 1-based ones.
var yamlParserErrors = []string{"did not find expected ',' or", "did not find expected '-' indicator", "did not find expected <",
	"did not find expected key", "did not find expected node content", "found duplicate", "found incompatible", "found undefined tag"}

// yamlErrorLine returns the file line of err, what yaml.v3 said about raw,
// which starts on line first, and the message without its line. yaml.v3
// numbers lines inconsistently: it takes a line 0 (the first) to mean no
// line, and counts a parser error's lines from 0. A scanner error whose
// construct began on the first line (an unclosed quote, say) is parsed
// again one line down, so that the line given is where it began rather
// than where the text ran out.
func yamlErrorLine(raw []byte, first int, err error, json bool) (int, string) {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return first, strings.TrimPrefix(err.Error(), "yaml: ")
	}
	l, _ := strconv.Atoi(m[1])
	msg := m[2]
	parser := slices.ContainsFunc(yamlParserErrors, func(p string) bool { return strings.HasPrefix(msg, p) })
	last := first + bytes.Count(raw, []byte("\n"))
	// The parser's context for an unclosed [ or { is where it opened; for
	// other parser errors it is the whole mapping, which says less than
	// the line of the problem, and so is a JSON object's {.
	context := !parser || strings.Contains(msg, "',' or ']'") || !json && strings.Contains(msg, "',' or '}'")
	if context {
		var n yaml.Node
		if err2 := yaml.Unmarshal(append([]byte("\n"), raw...), &n); err2 != nil {
			if m2 := yamlLine.FindStringSubmatch(err2.Error()); m2 != nil && m2[2] == msg {
				l2, _ := strconv.Atoi(m2[1])
				if parser {
					return min(max(first+l2-1, first), last), msg
				}
				return min(max(first+l2-2, first), last), msg
			}
		}
	}
	if parser {
		return min(first+l, last), msg
	}
	return min(first+l-1, last), msg
}

// formatNames are the formats as an editor knows them.
var formatNames = map[string]string{"yaml": "YAML", "json": "JSON", "toml": "TOML"}

// parseYAML parses YAML (or JSON, a subset of YAML 1.2) front matter that
// starts on line first of its file. Anchors and aliases are refused: an
// editor never needs them, and expanding them lets a small file grow into
// an enormous page.
func parseYAML(raw []byte, first int, format string) (*yaml.Node, diag.List) {
	var n yaml.Node
	if err := yaml.Unmarshal(raw, &n); err != nil {
		line, msg := yamlErrorLine(raw, first, err, format == "json")
		if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
			name, _, _ = strings.Cut(name, "'")
			return nil, diag.List{aliasError(raw, first, name)}
		}
		return nil, diag.List{{Line: line, Msg: parseMessage(formatNames[format], msg, yamlErrors), Err: err}}
	}
	if n.Kind == 0 { // empty front matter
		return &yaml.Node{Kind: yaml.MappingNode, Line: first}, nil
	}
	root := n.Content[0]
	shiftLines(root, first-1)
	if errs := refuseAliases(root); len(errs) > 0 {
		return nil, errs
	}
	if root.Kind != yaml.MappingNode {
		return nil, diag.List{{Line: root.Line, Msg: "front matter skal være felter på formen navn: værdi"}}
	}
	return root, nil
}

// parseMessage is the Danish for a parser's complaint msg about front
// matter in format, from table; a complaint it cannot translate is shown as
// a short tail after general advice.
func parseMessage(format, msg string, table []translation) string {
	for _, t := range table {
		if strings.Contains(msg, t.en) {
			return fmt.Sprintf("front matter er ikke gyldig %s: %s (%s)", format, t.what, t.todo)
		}
	}
	if r := []rune(msg); len(r) > 80 {
		msg = string(r[:80]) + "…"
	}
	return fmt.Sprintf("front matter er ikke gyldig %s (tjek indrykning, kolon, anførselstegn og parenteser i linjen; læserens besked: %s)", format, msg)
}

// maxAliasErrors is how many anchors, aliases and tags are reported in one
// file; a file built to grow has thousands.
const maxAliasErrors = 10

// refuseAliases reports each anchor (&b), alias (*b) and tag (!b) under n.
// A tag is most often the start of a value that should have been quoted.
func refuseAliases(n *yaml.Node) diag.List {
	var errs diag.List
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if len(errs) >= maxAliasErrors {
			return
		}
		switch {
		case n.Style&yaml.TaggedStyle != 0:
			errs = append(errs, &diag.Error{Line: n.Line, Msg: fmt.Sprintf("værdien begynder med %s, som YAML læser som en type (sæt hele værdien i anførselstegn)", n.Tag)})
		case n.Kind == yaml.AliasNode:
			errs = append(errs, &diag.Error{Line: n.Line, Msg: fmt.Sprintf("front matter bruger en YAML-henvisning (*%s); skriv værdien ud i stedet", n.Value)})
			return // n.Alias is the anchored node, reported where it stands
		case n.Anchor != "":
			errs = append(errs, &diag.Error{Line: n.Line, Msg: fmt.Sprintf("front matter bruger et YAML-anker (&%s); slet &%s, og skriv værdien ud, hvor den skal bruges", n.Anchor, n.Anchor)})
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return errs
}

// aliasError reports an alias to an anchor that does not exist, at the
// first line that names it (the parser gives no line). Without an anchor,
// the * most likely began a value that should have been quoted.
func aliasError(raw []byte, first int, name string) *diag.Error {
	line := first
	for i, l := range strings.Split(string(raw), "\n") {
		if strings.Contains(l, "*"+name) {
			line = first + i
			break
		}
	}
	return &diag.Error{Line: line, Msg: fmt.Sprintf("værdien *%s begynder med *, som YAML læser som en henvisning (sæt hele værdien i anførselstegn)", name)}
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// tomlErrors translates the TOML parser's complaints, as yamlErrors does.
var tomlErrors = []translation{
	{"strings cannot contain newlines", "en tekst i anførselstegn slutter ikke på samme linje", "tilføj det afsluttende anførselstegn, eller skriv tekst over flere linjer mellem \"\"\" og \"\"\""},
	{"newlines not allowed within inline tables", "en gruppe i { } fortsætter på næste linje", "skriv gruppen på én linje"},
	{"expected value but found", "en værdi mangler eller er skrevet forkert", "sæt tekst i anførselstegn, fx title = \"Min side\""},
	{"has already been defined", "et felt står to gange", "slet det ene"},
	{"already created", "et felt står to gange", "slet det ene"},
	{"array terminator", "en liste i [ ] lukkes ikke rigtigt", "adskil værdierne med komma, og slut listen med ]"},
	{"inline table terminator", "en gruppe i { } lukkes ikke rigtigt", "adskil felterne med komma, og slut gruppen med }"},
	{"expected '.' or '='", "der mangler et = efter feltnavnet", "skriv navn = værdi"},
	{"key name appears blank", "der mangler et feltnavn før =", "skriv navn = værdi"},
	{"unexpected EOF", "felterne slutter midt i en værdi", "luk anførselstegn og parenteser"},
	{"invalid escape", "en \\ i en tekst i anførselstegn bruges forkert", "skriv \\\\ for en omvendt skråstreg, eller brug enkelte anførselstegn"},
	{"invalid datetime", "datoen kan ikke læses", "skriv den som ÅÅÅÅ-MM-DD, fx 2025-06-12"},
	{"to end with a newline", "der står mere efter en værdi på samme linje", "sæt hele værdien i anførselstegn"},
	{"out of range", "et tal er for stort", "skriv et mindre tal"},
	{"table name", "et [afsnit] er skrevet forkert", "skriv navnet mellem [ og ]"},
	{"control characters", "der står et usynligt kontroltegn", "slet tegnet"},
	{"UTF-8", "der står et tegn, der ikke er gyldig UTF-8", "gem filen som UTF-8 i editoren"},
}

// parseTOML parses TOML front matter into the same node tree as YAML. The
// TOML library keeps no positions, so each key's line is found in the text.
func parseTOML(raw []byte, first int) (*yaml.Node, diag.List) {
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		line, msg := first, firstSentence(err)
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, msg = first+pe.Position.Line-1, pe.Message
		}
		return nil, diag.List{{Line: line, Msg: parseMessage("TOML", msg, tomlErrors), Err: err}}
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
	case time.Time: // TOML's own dates and times, written as YAML would have them
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: tomlTime(v), Line: line}
	default:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v), Line: line}
	}
}

// tomlTime writes a TOML date, date-time or time as the editor wrote it,
// less any leading zeros the library has added: the library marks the local
// kinds by the name of their time zone.
func tomlTime(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return t.Format(time.DateOnly)
	case "datetime-local":
		return t.Format("2006-01-02T15:04:05.999999999")
	case "time-local":
		return t.Format("15:04:05.999999999")
	}
	return t.Format(time.RFC3339Nano)
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
