package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"katalog/generator/markdown"
	"katalog/generator/spell"
	"katalog/internal/diag"
)

// Limits behind the editor's warnings.
const (
	MaxSummaryRunes = 200        // longer summaries are cut on the cards
	MaxImageBytes   = 500 * 1024 // larger originals make the repository heavy
)

// WordListFile is the project word list for the spell check, at the site root.
const WordListFile = "ordliste.txt"

// A warner collects the warnings for a set of pages.
type warner struct {
	fsys     fs.FS
	md       *markdown.Renderer
	texts    map[*Page]string // visible text, for the spell check
	findings []Finding
}

func (w *warner) warn(p *Page, line int, format string, args ...any) {
	w.findings = append(w.findings, Finding{Error: diag.Error{File: p.File, Line: line, Msg: fmt.Sprintf(format, args...)}, Severity: SeverityWarning})
}

// page checks one page.
func (w *warner) page(p *Page) {
	if w.md == nil {
		w.md, w.texts = markdown.New(), map[*Page]string{}
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(p.Summary)); n > MaxSummaryRunes {
		w.warn(p, p.line("summary"), "resuméet er %d tegn og bliver klippet på kortet (skriv det om til højst %d tegn)", n, MaxSummaryRunes)
	}
	if p.Kind == KindCase && len(p.pendingPrinciples) == 0 {
		w.warn(p, p.line("principles"), "casen nævner ingen principper (skriv numrene på de principper, casen viser, fx principles: [2, 6])")
	}
	w.sources(p)
	w.headings(p)
	res := w.md.Render(p.body, nil)
	for _, l := range res.Links {
		line := p.bodyLine + l.Line - 1
		if strings.HasPrefix(strings.ToLower(l.Dest), "http://") {
			w.warn(p, line, "linket %q bruger http:// (skriv https://, så forbindelsen er krypteret; de fleste sider findes med https)", l.Dest)
		}
		if l.Image {
			w.imageSize(p, line, l.Dest)
		}
	}
	if p.Image != nil {
		w.imageSize(p, p.line("image.src"), p.Image.Src)
	}
	var text strings.Builder
	fmt.Fprintln(&text, p.Title)
	fmt.Fprintln(&text, p.Summary)
	for _, h := range res.Headings {
		fmt.Fprintln(&text, h.Text)
	}
	text.WriteString(res.Text)
	w.texts[p] = text.String()
}

func (w *warner) sources(p *Page) {
	for i, s := range p.Sources {
		key := fmt.Sprintf("sources[%d]", i)
		switch u := strings.TrimSpace(s.URL); {
		case u == "":
			w.warn(p, p.line(key), "kilden %q har ingen adresse (tilføj url: med en https://-adresse, så læseren kan finde kilden)", s.Title)
		case strings.HasPrefix(strings.ToLower(u), "http://"):
			w.warn(p, p.line(key+".url"), "kilden %q har en http://-adresse (skriv https://, så forbindelsen er krypteret)", s.Title)
		}
		if strings.TrimSpace(s.Publisher) == "" {
			w.warn(p, p.line(key), "kilden %q har ingen udgiver (tilføj publisher: med navnet på den, der har udgivet kilden)", s.Title)
		}
	}
}

// imageSize warns about an original image over MaxImageBytes. Missing
// images are the build's errors.
func (w *warner) imageSize(p *Page, line int, src string) {
	file, ok := imageFile(p.File, src)
	if !ok {
		return
	}
	info, err := fs.Stat(w.fsys, file)
	if err != nil || info.Size() <= MaxImageBytes {
		return
	}
	w.warn(p, line, "billedet %s fylder %d KB (gem det mindre end %d KB, fx som JPEG højst 2000 px bred; kataloget laver selv de mindre udgaver)",
		file, (info.Size()+1023)/1024, MaxImageBytes/1024)
}

var (
	atxHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	fence      = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	noAlt      = regexp.MustCompile(`!\[\s*\]\(\s*<?([^)\s>]+)`)
)

// headings warns about headings that skip a level, and images in the text
// with no alt text. The page title is the only level 1 heading, so the
// body starts at level 2.
func (w *warner) headings(p *Page) {
	prev := 1
	var inFence string
	for i, line := range strings.Split(string(p.body), "\n") {
		if m := fence.FindStringSubmatch(line); m != nil {
			switch {
			case inFence == "":
				inFence = m[1]
			case strings.HasPrefix(m[1], inFence[:3]) && len(m[1]) >= len(inFence):
				inFence = ""
			}
			continue
		}
		if inFence != "" {
			continue
		}
		for _, img := range noAlt.FindAllStringSubmatch(line, -1) {
			w.warn(p, p.bodyLine+i, "billedet %s har ingen alt-tekst (skriv mellem de firkantede parenteser, hvad billedet viser, fx ![Beboere i fælleshaven](%s))", img[1], img[1])
		}
		m := atxHeading.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		level, title, at := len(m[1]), strings.TrimSpace(m[2]), p.bodyLine+i
		switch {
		case level == 1:
			w.warn(p, at, "overskriften %q er en hovedoverskrift (#), men sidens titel er allerede hovedoverskriften (brug ## til mellemrubrikker)", title)
		case level > prev+1:
			w.warn(p, at, "overskriften %q springer fra niveau %d til %d (brug %s, eller indsæt en overskrift med %s før den)",
				title, prev, level, strings.Repeat("#", prev+1), strings.Repeat("#", prev+1))
		}
		prev = level
	}
}

// spelling warns about words the Danish dictionary and the word list do not
// know, at the first line each appears on. It does nothing when hunspell
// or its Danish dictionary is not installed.
func (w *warner) spelling(pages []*Page) {
	if len(pages) == 0 || !spellAvailable() {
		return
	}
	var extra []string
	if data, err := fs.ReadFile(w.fsys, WordListFile); err == nil {
		extra, _ = spell.ReadWordList(bytes.NewReader(data))
	}
	var all []string
	words := map[*Page][]string{}
	for _, p := range pages {
		words[p] = spell.Words(fileNames.ReplaceAllString(w.texts[p], " "))
		all = append(all, words[p]...)
	}
	unknown, err := spell.Check(all, extra)
	if err != nil || len(unknown) == 0 {
		return
	}
	for _, p := range pages {
		src, _ := fs.ReadFile(w.fsys, p.File)
		seen := map[string]bool{}
		for _, word := range words[p] {
			if seen[word] || !slices.Contains(unknown, word) {
				continue
			}
			seen[word] = true
			w.warn(p, wordLine(src, word), "ordbogen kender ikke ordet %q (ret stavningen, eller skriv navne og fagord i %s)", word, WordListFile)
		}
	}
}

// fileNames matches file names in running text (foto.jpg, rapport.pdf),
// which are not words to spell-check.
var fileNames = regexp.MustCompile(`[\p{L}\p{N}_./-]+\.(?i:jpe?g|png|gif|svg|webp|pdf|docx?|xlsx?|md|txt)\b`)

// spellAvailable asks once per process whether hunspell and its Danish
// dictionary are installed; each asking starts hunspell.
var spellAvailable = sync.OnceValue(spell.Available)

// SpellCheckAvailable reports whether Check checks spelling: hunspell and
// its Danish dictionary are installed.
func SpellCheckAvailable() bool { return spellAvailable() }

// wordLine returns the first line of src where word stands as a whole word,
// or 0.
func wordLine(src []byte, word string) int {
	for i, line := range strings.Split(string(src), "\n") {
		for off := 0; ; {
			j := strings.Index(line[off:], word)
			if j < 0 {
				break
			}
			start, end := off+j, off+j+len(word)
			before, _ := utf8.DecodeLastRuneInString(line[:start])
			after, _ := utf8.DecodeRuneInString(line[end:])
			if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
				return i + 1
			}
			off = end
		}
	}
	return 0
}
