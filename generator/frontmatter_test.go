package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"katalog/generator/markdown"
)

const themeFile = "content/tema/x.md"

func parse(file, src string) (*Page, string) {
	cf, _ := classify(file)
	p, errs := parsePage(cf, []byte(src))
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return p, strings.Join(msgs, "\n")
}

// TestFrontMatter pins what the strict front matter reader says about each
// kind of mistake, line numbers included.
func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"ok", "---\ntitle: Fællesskaber\nsummary: Om at høre til.\n---\nTekst.\n", ""},
		{"bom", "\ufeff---\ntitle: Fællesskaber\nsummary: Om at høre til.\n---\nTekst.\n", ""},
		{"crlf", "---\r\ntitle: Fællesskaber\r\nsummary: Om at høre til.\r\n---\r\nTekst.\r\n", ""},
		{"no front matter", "# Fællesskaber\n", "content/tema/x.md:1: filen mangler front matter (begynd filen med en linje med tre bindestreger ---, felterne og så en linje med --- igen)"},
		{"never closed", "---\ntitle: Fællesskaber\nsummary: Om at høre til.\n\nTekst.\n", "content/tema/x.md:1: front matter begynder i linje 1, men slutter aldrig (tilføj en linje med --- efter det sidste felt)"},
		{"unknown key", "---\ntitel: Fællesskaber\nsummary: Om at høre til.\n---\n", "content/tema/x.md:2: ukendt felt \"titel\" (mente du \"title\"?)\ncontent/tema/x.md:1: feltet \"title\" mangler eller er tomt (skriv sidens titel, fx title: \"Fodbold som fast holdepunkt\")"},
		{"typo key", "---\ntitle: Fællesskaber\nsumary: Om at høre til.\n---\n", "content/tema/x.md:3: ukendt felt \"sumary\" (mente du \"summary\"?)\ncontent/tema/x.md:1: feltet \"summary\" mangler eller er tomt (skriv et resumé på en til to sætninger)"},
		{"duplicate key", "---\ntitle: Fællesskaber\nsummary: Om at høre til.\ntitle: Igen\n---\n", "content/tema/x.md:4: feltet \"title\" står to gange (også i linje 2); slet det ene"},
		{"no is not false", "---\ntitle: Fællesskaber\nsummary: Om at høre til.\ndraft: no\n---\n", "content/tema/x.md:4: feltet \"draft\" skal være true eller false, ikke \"no\""},
		{"quoted bool", "---\ntitle: Fællesskaber\nsummary: Om at høre til.\ndraft: \"true\"\n---\n", "content/tema/x.md:4: feltet \"draft\" skal være true eller false, ikke \"true\""},
		{"yaml syntax", "---\ntitle: Fællesskaber\nsummary: Om: at høre til\n---\n", "content/tema/x.md:3: front matter er ikke gyldig YAML: der står et kolon i en værdi (sæt værdien i anførselstegn)"},
		{"lines after blank lines", "\n\n---\ntitle: Fællesskaber\nsumary: x\n---\n", "content/tema/x.md:5: ukendt felt \"sumary\" (mente du \"summary\"?)\ncontent/tema/x.md:3: feltet \"summary\" mangler eller er tomt (skriv et resumé på en til to sætninger)"},
		{"list for text", "---\ntitle: [a, b]\nsummary: x\n---\n", "content/tema/x.md:2: feltet \"title\" skal være en enkelt værdi, ikke en liste eller en gruppe af felter"},
		{"toml", "+++\ntitle = \"Fællesskaber\"\nsummary = \"Om at høre til.\"\ntitel = \"x\"\n+++\n", "content/tema/x.md:4: ukendt felt \"titel\" (mente du \"title\"?)"},
		{"toml syntax", "+++\ntitle = \"Fællesskaber\nsummary = \"x\"\n+++\n", "content/tema/x.md:2: front matter er ikke gyldig TOML: en tekst i anførselstegn slutter ikke på samme linje (tilføj det afsluttende anførselstegn, eller skriv tekst over flere linjer mellem \"\"\" og \"\"\")"},
		{"json", "{\n  \"title\": \"Fællesskaber\",\n  \"summary\": \"Om at høre til.\",\n  \"draft\": \"no\"\n}\n\nTekst.\n", "content/tema/x.md:4: feltet \"draft\" skal være true eller false, ikke \"no\""},
		{"json duplicate", "{\n  \"title\": \"Fællesskaber\",\n  \"summary\": \"x\",\n  \"title\": \"y\"\n}\n", "content/tema/x.md:4: feltet \"title\" står to gange (også i linje 2); slet det ene"},
	}
	for _, tt := range tests {
		_, got := parse(themeFile, tt.src)
		if got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

// loadErrors reads one content file as a build does, on its own: its front
// matter is split, decoded and checked, and its body rendered with the
// markdown package's own checks (nesting, UTF-8). It returns the errors,
// sorted, one a line.
func loadErrors(file string, src []byte) string {
	cf, _ := classify(file)
	p, errs := parsePage(cf, src)
	if p != nil && p.body != nil {
		for _, pr := range markdown.New().Render(p.body, nil).Problems {
			errs.Add(file, p.bodyLine+pr.Line-1, "%s", pr.Msg)
		}
	}
	var b strings.Builder
	for _, e := range SourceErrors(errs.Err()) {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// TestFrontMatterFixtures reads each content file of each fixture in
// testdata/frontmatter and compares the errors with its want-error
// section; -update rewrites the sections.
func TestFrontMatterFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/frontmatter/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/frontmatter")
	}
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		want := -1
		for i, f := range a.Files {
			if f.Name == "want-error" {
				want = i
				continue
			}
			got.WriteString(loadErrors(f.Name, f.Data))
		}
		if want < 0 {
			t.Fatalf("%s: no want-error section", file)
		}
		if *update {
			a.Files[want].Data = []byte(got.String())
			os.WriteFile(file, txtar.Format(a), 0o644)
			continue
		}
		if g, w := got.String(), string(a.Files[want].Data); g != w {
			t.Errorf("%s: errors differ:\ngot:\n%s\nwant:\n%s", file, g, w)
		}
	}
}

// TestDates checks the dates a case accepts in each format, and what it
// says about a date with a time of day.
func TestDates(t *testing.T) {
	tests := []struct{ head, date, want string }{
		{"---", "date: 2026-02-03", ""},
		{"---", "date: \"2026-02-03\"", ""},
		{"---", "date: 2026-02-03T00:00:00Z", ""},
		{"---", "date: 2026-02-03 00:00", ""},
		{"---", "date: 2026-02-03T10:00:00Z", "datoen 2026-02-03T10:00:00Z har et klokkeslæt (skriv kun dagen: 2026-02-03)"},
		{"---", "date: 2026-02-03T10:00:00.5+01:00", "datoen 2026-02-03T10:00:00.5+01:00 har et klokkeslæt (skriv kun dagen: 2026-02-03)"},
		{"---", "date: 2026-02-30T00:00:00Z", `datoen "2026-02-30" findes ikke: februar 2026 har 28 dage (mente du 2026-02-28?)`},
		{"+++", "date = 2026-02-03", ""},
		{"+++", "date = \"2026-02-03\"", ""},
		{"+++", "date = 2026-02-03T00:00:00Z", ""},
		{"+++", "date = 2026-02-03T00:00:00+01:00", ""},
		{"+++", "date = 2026-02-03T10:00:00Z", "datoen 2026-02-03T10:00:00Z har et klokkeslæt (skriv kun dagen: 2026-02-03)"},
		{"+++", "date = 2026-02-03T10:00:00+01:00", "datoen 2026-02-03T10:00:00+01:00 har et klokkeslæt (skriv kun dagen: 2026-02-03)"},
		{"+++", "date = 2026-02-03T10:00:00", "datoen 2026-02-03T10:00:00 har et klokkeslæt (skriv kun dagen: 2026-02-03)"},
		{"+++", "date = 10:00:00", "datoen 10:00:00 er kun et klokkeslæt (skriv dagen som ÅÅÅÅ-MM-DD, fx 2025-06-12)"},
	}
	for _, tt := range tests {
		rest := "title: a\nsummary: b\nthemes: [c]"
		if tt.head == "+++" {
			rest = "title = \"a\"\nsummary = \"b\"\nthemes = [\"c\"]"
		}
		src := tt.head + "\n" + tt.date + "\n" + rest + "\n" + tt.head + "\n"
		p, got := parse("content/cases/x.md", src)
		want := ""
		if tt.want != "" {
			want = "content/cases/x.md:2: " + tt.want
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", tt.date, got, want)
		}
		if want == "" && (p == nil || !p.Date.Equal(time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC))) {
			t.Errorf("%q: date %v, want 2026-02-03", tt.date, p.Date)
		}
	}
}

// TestTextStaysText checks the YAML 1.1 traps: text that looks like a
// boolean or a number keeps its exact spelling.
func TestTextStaysText(t *testing.T) {
	p, errs := parse("content/cases/x.md", "---\ntitle: no\ndate: 2025-06-12\nsummary: 0800\nthemes: [yes]\norganisation: 0800\nmunicipality: on\n---\n")
	if p.Title != "no" || p.Summary != "0800" || p.pendingThemes[0] != "yes" || p.Organisations[0] != "0800" || p.pendingMunicipalities[0] != "on" {
		t.Errorf("got title %q, summary %q, themes %q, organisation %q, municipality %q; errors %s", p.Title, p.Summary, p.pendingThemes, p.Organisations, p.pendingMunicipalities, errs)
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct{ src, want string }{
		{"number: 3", ""},
		{"number: 03", "content/principper/3-x.md:2: feltet \"number\" skal være et helt tal uden foranstillet nul, ikke \"03\""},
		{"number: \"3\"", "content/principper/3-x.md:2: feltet \"number\" skal være et helt tal, ikke \"3\""},
		{"number: 3.0", "content/principper/3-x.md:2: feltet \"number\" skal være et helt tal, ikke \"3.0\""},
		{"number: 4", "content/principper/3-x.md:2: nummeret 4 passer ikke med filnavnet (kald filen 4-x.md, eller ret nummeret)"},
		{"number: 9", "content/principper/3-x.md:2: princippets nummer skal være fra 1 til 7, ikke 9"},
	}
	for _, tt := range tests {
		_, got := parse("content/principper/3-x.md", "---\n"+tt.src+"\ntitle: Lyt til mig\nsummary: x\n---\n")
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-06-12", ""},
		{"2024-02-29", ""},
		{"2025-02-29", `datoen "2025-02-29" findes ikke: februar 2025 har 28 dage (mente du 2025-02-28?)`},
		{"2025-04-31", `datoen "2025-04-31" findes ikke: april 2025 har 30 dage (mente du 2025-04-30?)`},
		{"2025-13-01", `datoen "2025-13-01" findes ikke: måneden skal være fra 01 til 12`},
		{"12-06-2025", `datoen "12-06-2025" skal skrives som ÅÅÅÅ-MM-DD (mente du 2025-06-12?)`},
		{"12.6.2025", `datoen "12.6.2025" skal skrives som ÅÅÅÅ-MM-DD (mente du 2025-06-12?)`},
		{"2025/6/12", `datoen "2025/6/12" skal skrives som ÅÅÅÅ-MM-DD (mente du 2025-06-12?)`},
		{"12. juni 2025", `datoen "12. juni 2025" skal skrives som ÅÅÅÅ-MM-DD, fx 2025-06-12`},
	}
	for _, tt := range tests {
		if _, got := parseDate(tt.in); got != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseSpan(t *testing.T) {
	tests := []struct{ in, start, end, msg string }{
		{"2025-05-16", "2025-05-16", "2025-05-16", ""},
		{"2025-10", "2025-10-01", "2025-10-31", ""},
		{"2025-08/2025-09", "2025-08-01", "2025-09-30", ""},
		{"2026-02", "2026-02-01", "2026-02-28", ""},
		{"2025-09/2025-08", "", "", `perioden "2025-09/2025-08" slutter, før den begynder (skriv den tidligste dato først)`},
		{"2025-14", "", "", `måneden "2025-14" findes ikke (skriv ÅÅÅÅ-MM, fx 2025-10)`},
	}
	for _, tt := range tests {
		s, e, msg := parseSpan(tt.in)
		if msg != tt.msg || (msg == "" && (isoDate(s) != tt.start || isoDate(e) != tt.end)) {
			t.Errorf("parseSpan(%q) = %s, %s, %q; want %s, %s, %q", tt.in, isoDate(s), isoDate(e), msg, tt.start, tt.end, tt.msg)
		}
	}
}

// fuzzFiles are the page files FuzzLoadPage reads its input as, one of
// each kind; a file argument that is not a page file picks one of them.
var fuzzFiles = []string{"content/cases/x.md", "content/tidsplan.md", "content/tal.md", "content/principper/1-x.md", "content/_index.md", "content/tema/x.md", "content/materialer/x.md"}

// FuzzLoadPage feeds arbitrary files to the page reader and renders their
// body: it must not panic, every line it reports must lie inside the file,
// the HTML must be UTF-8, and no input may take a second. The seeds include
// every content file of the fixtures in testdata/frontmatter, which hold
// the hostile inputs of the robustness review.
func FuzzLoadPage(f *testing.F) {
	for _, file := range fuzzFiles {
		if cf, msg := classify(file); cf.kind == "" || msg != "" {
			f.Fatalf("fuzzFiles: %s is not a page file: %s", file, msg)
		}
	}
	for _, tt := range []string{
		"---\ntitle: a\nsummary: b\n---\nTekst [x](/y/)\n",
		"\ufeff---\r\ntitle: a\r\n---\r\n",
		"+++\ntitle = \"a\"\n+++\n",
		"{\n\"title\": \"a\"\n}\n\nx",
		"---\ntitle: &a x\nsummary: *a\nthemes: [*a]\n---\n",
		"---\nmilestones:\n  - date: 2025-13\n---\n",
	} {
		for _, file := range fuzzFiles {
			f.Add(file, tt)
		}
	}
	fixtures, _ := filepath.Glob("testdata/frontmatter/*.txtar")
	for _, file := range fixtures {
		a, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range a.Files {
			if strings.HasPrefix(af.Name, "content/") {
				f.Add(af.Name, string(af.Data))
			}
		}
	}
	md := markdown.New()
	f.Fuzz(func(t *testing.T, file, src string) {
		cf, msg := classify(file)
		if cf.kind == "" || msg != "" {
			cf, _ = classify(fuzzFiles[len(file)%len(fuzzFiles)])
		}
		start := time.Now()
		p, errs := parsePage(cf, []byte(src))
		var html []byte
		if p != nil && p.body != nil {
			res := md.Render(p.body, nil)
			for _, pr := range res.Problems {
				errs.Add(cf.file, p.bodyLine+pr.Line-1, "%s", pr.Msg)
			}
			html = res.HTML
		}
		// A fuzz input is a few KB; a second is a slow path that an
		// editor's page of a few MB would turn into minutes.
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: %v for %d bytes:\n%q", cf.file, d, len(src), src)
		}
		// Lines end with LF, CRLF or a lone CR.
		lines := strings.Count(strings.ReplaceAll(strings.TrimPrefix(src, "\ufeff"), "\r\n", "\n"), "\n") +
			strings.Count(strings.ReplaceAll(src, "\r\n", ""), "\r") + 1
		for _, e := range errs {
			if e.Line < 0 || e.Line > lines {
				t.Fatalf("%s: line %d outside the file (%d lines): %v\n%q", cf.file, e.Line, lines, e, src)
			}
		}
		if !utf8.Valid(html) {
			t.Fatalf("%s: HTML is not UTF-8:\n%q", cf.file, src)
		}
	})
}
