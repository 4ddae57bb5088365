package editor

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"katalog/generator"
	"katalog/generator/fmedit"
)

// A field is one input of the editor's form: a front matter key, its
// Danish label, the kind of input, and the help under it.
type field struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	Type     string   `json:"type"` // text, date, textarea, checkboxes, list, sources, image, bool, number, select, url
	Help     string   `json:"help,omitempty"`
	Required bool     `json:"required,omitempty"`
	Options  []option `json:"options,omitempty"` // checkboxes and select: the choices; list: suggestions
	Single   bool     `json:"single,omitempty"`  // list: written as one text when it has one item (municipality: Aalborg)
}

// An option is one choice of a checkbox group, a select or a list's
// suggestions.
type option struct {
	Value any    `json:"value"`
	Label string `json:"label"`
}

// inputs are the form's inputs by front matter key, in Danish. Keys a kind
// reads (generator.Fields) that are not here, such as a timeline's
// milestones or a page's charts, are kept as they are and shown as "other
// fields" to edit in a text editor. help is used when the kind's template
// in skabeloner/ says nothing an editor of the form can use.
var inputs = map[string]struct {
	label, typ, help string
	required         bool
}{
	"title":        {"Titel", "text", "Overskriften på siden.", true},
	"date":         {"Dato", "date", "Udgivelsesdatoen. Casene vises med den nyeste først.", true},
	"summary":      {"Resumé", "textarea", "En til to sætninger (højst 200 tegn).", false},
	"themes":       {"Temaer", "checkboxes", "Vælg mindst ét tema.", false},
	"municipality": {"Kommune", "list", "Kommunen eller kommunerne, casen foregår i.", false},
	"organisation": {"Organisation", "list", "Boligorganisationen, kommunen eller foreningen bag.", false},
	"principles":   {"Principper", "checkboxes", "De principper for god støtte, siden viser.", false},
	"sources":      {"Kilder", "sources", "Hver kilde har en titel, en udgiver og helst en adresse og et årstal.", false},
	"image":        {"Billede", "image", "Et billede øverst på siden (valgfrit).", false},
	"draft":        {"Kladde", "bool", "En kladde vises kun i forhåndsvisningen, ikke på det udgivne site.", false},
	"aliases":      {"Gamle adresser", "list", "Adresser, der skal føre hit, fx /cases/gammelt-navn/.", false},
	"number":       {"Nummer", "number", "Principets nummer (1 til 7).", true},
	"type":         {"Type", "select", "Hvad slags materiale det er.", true},
	"publisher":    {"Udgiver", "text", "Hvem der har udgivet materialet.", false},
	"year":         {"Årstal", "number", "Det år, materialet udkom.", false},
	"url":          {"Adresse", "url", "Materialets adresse på nettet (https://…).", false},
	"contact":      {"Vis kontaktoplysninger", "bool", "Vis sitets kontaktoplysninger efter teksten.", false},
}

// formOf returns the form of content file p (slash-separated, under
// content/) and the keys the form does not edit, or ok false when the file
// is not a page.
func (e *Editor) formOf(p string, doc *fmedit.Doc) (kind string, fields []field, other []string, ok bool) {
	kind, keys, ok := generator.Fields(p)
	if !ok {
		return "", nil, nil, false
	}
	help := templateHelp(e.root, kind)
	for _, k := range keys {
		in, known := inputs[k]
		if known && k == "contact" && kind == generator.KindHome {
			known = false // the site's contact details: an object, edited in a text editor
		}
		if !known {
			if _, inFile := doc.Get(k); inFile {
				other = append(other, k)
			}
			continue
		}
		f := field{Key: k, Label: in.label, Type: in.typ, Help: in.help, Required: in.required}
		if h := help[k]; h != "" {
			f.Help = h
		}
		switch k {
		case "date":
			f.Required = kind == generator.KindCase
		case "themes":
			f.Options = e.titles("tema")
			f.Required = kind == generator.KindCase
		case "principles":
			f.Options = e.principles()
		case "municipality", "organisation":
			f.Single, f.Options = true, e.inUse(k)
		case "type":
			for _, t := range generator.MaterialTypes {
				f.Options = append(f.Options, option{t.Slug, t.Title})
			}
		}
		fields = append(fields, f)
	}
	// Keys in the file that no form input edits are kept as they are.
	for _, k := range doc.Keys() {
		if !slices.ContainsFunc(fields, func(f field) bool { return f.Key == k }) && !slices.Contains(other, k) {
			other = append(other, k)
		}
	}
	return kind, fields, other, true
}

// titles returns the titles of the pages in content/<dir>/, sorted, as
// options whose value is the title (how cases name their themes).
func (e *Editor) titles(dir string) []option {
	var opts []option
	e.eachPage(dir, func(doc *fmedit.Doc, _ string) {
		if t, ok := doc.Get("title"); ok {
			if s, ok := t.(string); ok && s != "" {
				opts = append(opts, option{s, s})
			}
		}
	})
	slices.SortFunc(opts, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	return opts
}

// principles returns the principles as options: the number, and the
// number and title as the label.
func (e *Editor) principles() []option {
	var opts []option
	e.eachPage("principper", func(doc *fmedit.Doc, _ string) {
		n, _ := doc.Get("number")
		t, _ := doc.Get("title")
		num, ok := n.(int)
		title, _ := t.(string)
		if ok {
			opts = append(opts, option{num, strings.TrimSpace(strings.Join([]string{strconv.Itoa(num) + ".", title}, " "))})
		}
	})
	slices.SortFunc(opts, func(a, b option) int { return a.Value.(int) - b.Value.(int) })
	return opts
}

// inUse returns the values of key (municipality or organisation) that the
// cases use, sorted, as suggestions.
func (e *Editor) inUse(key string) []option {
	seen := map[string]bool{}
	e.eachPage("cases", func(doc *fmedit.Doc, _ string) {
		v, _ := doc.Get(key)
		switch v := v.(type) {
		case string:
			seen[strings.TrimSpace(v)] = true
		case []any:
			for _, x := range v {
				if s, ok := x.(string); ok {
					seen[strings.TrimSpace(s)] = true
				}
			}
		}
	})
	delete(seen, "")
	var opts []option
	for s := range seen {
		opts = append(opts, option{s, s})
	}
	slices.SortFunc(opts, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	return opts
}

// eachPage calls fn with every readable page in content/<dir>/.
func (e *Editor) eachPage(dir string, fn func(doc *fmedit.Doc, name string)) {
	root, err := e.openContent()
	if err != nil {
		return
	}
	defer root.Close()
	entries, err := root.FS().(interface {
		ReadDir(string) ([]os.DirEntry, error)
	}).ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range entries {
		if !de.Type().IsRegular() || !strings.HasSuffix(de.Name(), ".md") || strings.HasPrefix(de.Name(), ".") {
			continue
		}
		b, err := root.ReadFile(dir + "/" + de.Name())
		if err != nil {
			continue
		}
		if doc, err := fmedit.Parse(b); err == nil {
			fn(doc, de.Name())
		}
	}
}

// templateHelp reads skabeloner/<kind>.md and returns, for each key, the
// sentences of the comment above it that make sense beside a form input:
// those that do not show the file's syntax (a colon, #, brackets, quotes,
// true or false).
func templateHelp(root, kind string) map[string]string {
	name := map[string]string{generator.KindCase: "case", generator.KindTheme: "tema", generator.KindPage: "side", generator.KindMaterial: "materiale"}[kind]
	help := map[string]string{}
	if name == "" {
		return help
	}
	b, err := os.ReadFile(filepath.Join(root, "skabeloner", name+".md"))
	if err != nil {
		return help
	}
	var comment []string
	for _, line := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		text, isComment := strings.CutPrefix(line, "#")
		text = strings.TrimPrefix(text, " ")
		if m := keyLine.FindStringSubmatch(text); m != nil {
			if _, ok := help[m[1]]; !ok {
				help[m[1]] = usableSentences(strings.Join(comment, " "))
			}
			comment = nil
			continue
		}
		switch {
		case isComment && strings.TrimSpace(text) != "":
			comment = append(comment, strings.TrimSpace(text))
		case !isComment:
			comment = nil
		}
	}
	return help
}

// keyLine matches a front matter line that sets a key at the top level,
// commented out or not: "title: …", "image:".
var keyLine = regexp.MustCompile(`^([a-z]+):(\s|$)`)

// usableSentences returns the sentences of text that do not show the
// file's syntax, or "" when the first does (what is left would not say
// what the field is).
func usableSentences(text string) string {
	var keep []string
	for i, s := range sentences(text) {
		if syntax := strings.ContainsAny(s, ":#[]\"{}") || strings.Contains(s, "true") || strings.Contains(s, "false") || strings.Contains(s, "anførselstegn"); syntax && i == 0 {
			return ""
		}
		if !strings.ContainsAny(s, ":#[]\"{}") && !strings.Contains(s, "true") && !strings.Contains(s, "false") && !strings.Contains(s, "anførselstegn") {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, " ")
}

// sentences splits text after ., ! or ? followed by a space and a capital
// letter or digit.
func sentences(text string) []string {
	var out []string
	rs := []rune(text)
	start := 0
	for i := 0; i+2 < len(rs); i++ {
		if strings.ContainsRune(".!?", rs[i]) && rs[i+1] == ' ' && (unicode.IsUpper(rs[i+2]) || unicode.IsDigit(rs[i+2])) {
			out = append(out, strings.TrimSpace(string(rs[start:i+1])))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(string(rs[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}
