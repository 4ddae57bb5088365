package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func render(src string) Result {
	return New().Render([]byte(src), func(dest string, image bool) (string, string, bool) {
		if dest == "/findes/" || dest == "side.md" {
			return "/findes/", "", true
		}
		return "", fmt.Sprintf("linket %q fører ingen steder hen", dest), false
	})
}

func TestDangerousLinksAreNotLive(t *testing.T) {
	tests := []string{
		"[klik](javascript:alert(1))",
		"[klik](JavaScript:alert(1))",
		"[klik](jav&#x61;script:alert(1))",
		"[klik](&#106;avascript:alert(1))",
		"[klik](javascript&colon;alert(1))",
		"[klik](java%0ascript:alert(1))",
		"[klik](<java\tscript:alert(1)>)",
		"[klik](vbscript:msgbox(1))",
		"[klik](data:text/html;base64,PHNjcmlwdD4=)",
		"[klik](DATA:text/html,x)",
		"![billede](javascript:alert(1))",
		"<javascript:alert(1)>",
		"[klik][ref]\n\n[ref]: javascript:alert(1)",
		"[klik](file:///etc/passwd)",
	}
	for _, src := range tests {
		res := render(src)
		html := strings.ToLower(string(res.HTML))
		for _, bad := range []string{"href=\"javascript", "href=\"vbscript", "href=\"data:", "src=\"javascript", "href=\"file:", "<a "} {
			if strings.Contains(html, bad) && !strings.Contains(src, "%0a") {
				t.Errorf("Render(%q) = %q: contains %s", src, res.HTML, bad)
			}
		}
	}
}

func TestDangerousReportsLine(t *testing.T) {
	res := render("Første linje.\n\nEt [farligt link](javascript:alert(1)) her.\n")
	if len(res.Problems) != 1 || res.Problems[0].Line != 3 || !strings.Contains(res.Problems[0].Msg, "javascript:") {
		t.Fatalf("Problems = %+v, want one on line 3 about javascript:", res.Problems)
	}
	if !strings.Contains(string(res.HTML), "farligt link") {
		t.Errorf("the link text is lost: %s", res.HTML)
	}
}

func TestDangerous(t *testing.T) {
	tests := []struct{ in, want string }{
		{"javascript:x", "javascript:"},
		{" JAVASCRIPT:x", "javascript:"},
		{"java\nscript:x", "javascript:"},
		{"java\u00adscript:x", "javascript:"},
		{"vbscript:x", "vbscript:"},
		{"data:image/png;base64,xx", "data:"},
		{"javascript%3Aalert(1)", ""},
		{"https://example.org/javascript:", ""},
		{"/cases/", ""},
		{"mailto:a@b.dk", ""},
	}
	for _, tt := range tests {
		if got := Dangerous(tt.in); got != tt.want {
			t.Errorf("Dangerous(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInternalLinks(t *testing.T) {
	res := render("# Titel\n\nSe [her](/findes/) og [der](side.md).\n\nMen [ikke her](/mangler/).\n\n[ude](https://bl.dk) [post](mailto:x@bl.dk) [anker](#titel)\n")
	if got, want := len(res.Problems), 1; got != want {
		t.Fatalf("Problems = %+v, want %d", res.Problems, want)
	}
	if p := res.Problems[0]; p.Line != 5 || !strings.Contains(p.Msg, "/mangler/") {
		t.Errorf("Problem = %+v, want line 5 about /mangler/", p)
	}
	if !strings.Contains(string(res.HTML), `<a href="/findes/">der</a>`) {
		t.Errorf("relative .md link not rewritten: %s", res.HTML)
	}
	if len(res.Links) != 6 {
		t.Errorf("Links = %+v, want 6", res.Links)
	}
}

func TestRawHTMLIsNotPassedThrough(t *testing.T) {
	res := render("Hej <script>alert(1)</script>\n\n<div onclick=\"x()\">blok</div>\n")
	if s := string(res.HTML); strings.Contains(s, "<script") || strings.Contains(s, "<div") {
		t.Errorf("raw HTML passed through: %s", s)
	}
}

func TestHeadingsAndQuotes(t *testing.T) {
	res := render("## Skæve boliger i Aalborg\n\n## Skæve boliger i Aalborg\n\nHan sagde \"vi bygger oven på hinanden\" og 'hej' -- det er Peter's.\n")
	want := []Heading{{2, "skaeve-boliger-i-aalborg", "Skæve boliger i Aalborg"}, {2, "skaeve-boliger-i-aalborg-1", "Skæve boliger i Aalborg"}}
	if fmt.Sprint(res.Headings) != fmt.Sprint(want) {
		t.Errorf("Headings = %v, want %v", res.Headings, want)
	}
	html := string(res.HTML)
	for _, s := range []string{`id="skaeve-boliger-i-aalborg"`, "„vi bygger oven på hinanden“", "‚hej‘", "–", "Peter’s"} {
		if !strings.Contains(html, s) {
			t.Errorf("output lacks %q: %s", s, html)
		}
	}
}

func TestTableAlignmentWithoutStyle(t *testing.T) {
	res := render("| År | Antal |\n|:---|---:|\n| 2019 | 6.431 |\n")
	html := string(res.HTML)
	if strings.Contains(html, "style=") || strings.Contains(html, "align=") {
		t.Errorf("table uses style or align: %s", html)
	}
	if !strings.Contains(html, `<td class="align-right">6.431</td>`) {
		t.Errorf("table cell lacks the alignment class: %s", html)
	}
	if !strings.Contains(res.Text, "2019 6.431") {
		t.Errorf("Text = %q, want the table's rows", res.Text)
	}
}

func TestText(t *testing.T) {
	res := render("# Overskrift\n\nFørste *afsnit*\nfortsat.\n\n- punkt `kode`\n")
	if want := "Første afsnit fortsat.\n\npunkt kode"; res.Text != want {
		t.Errorf("Text = %q, want %q", res.Text, want)
	}
}

// TestNotUTF8 checks that bytes that are not UTF-8 are reported at their
// line and never reach the HTML.
func TestNotUTF8(t *testing.T) {
	tests := []struct {
		src  string
		want []Problem
	}{
		{"Æble og grød\n", nil},
		{"Første linje\nVi s\xe5 p\xe5 det\n", []Problem{{2, `teksten har et tegn, der ikke er gyldig UTF-8, efter "Vi s" (gem filen som UTF-8 i editoren, og skriv tegnet igen)`}}},
		{"\xff\xfe\n\nog \xc3\n\xed\xa0\x80", []Problem{{1, `teksten har et tegn, der ikke er gyldig UTF-8, i begyndelsen af linjen (gem filen som UTF-8 i editoren, og skriv tegnet igen; det samme gælder 2 linjer mere)`}}},
	}
	for _, tt := range tests {
		res := render(tt.src)
		if fmt.Sprint(res.Problems) != fmt.Sprint(tt.want) {
			t.Errorf("Render(%q).Problems = %v, want %v", tt.src, res.Problems, tt.want)
		}
		if !utf8.Valid(res.HTML) {
			t.Errorf("Render(%q).HTML = %q, not UTF-8", tt.src, res.HTML)
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# a\n\n[x](javascript:1)", "| a |\n|--:|\n| 1 |", "[^1]\n\n[^1]: fod", "<javascript:x>",
		steps(MaxNesting+1, "-"), strings.Repeat("> - ", 20) + "x", strings.Repeat("- ", 200),
		"Vi s\xe5 p\xe5 det\n", "a\x00b\n", strings.Repeat("a", 3000),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		start := time.Now()
		res := render(src)
		// A fuzz input is a few KB; anything near a second is a slow path
		// an editor's page could hit at a larger size.
		if d := time.Since(start); d > time.Second {
			t.Errorf("Render took %v for %d bytes: %q", d, len(src), src)
		}
		if !utf8.Valid(res.HTML) {
			t.Fatalf("HTML not UTF-8 from %q", src)
		}
		lines := strings.Count(src, "\n") + 1
		for _, p := range res.Problems {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem at line %d outside the document (%d lines): %q", p.Line, lines, src)
			}
		}
		if strings.Contains(strings.ToLower(string(res.HTML)), "href=\"javascript:") {
			t.Fatalf("live javascript: link from %q", src)
		}
	})
}

// TestInternalScheme checks which destinations count as internal: an
// address whose part before the colon is not a URL scheme is a relative
// path to a browser (%6Aavascript:…), so it is checked, and reported when
// it leads nowhere.
func TestInternalScheme(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://bl.dk": false, "mailto:x@bl.dk": false, "tel:+4533762000": false, "svn+ssh:x": false,
		"#top": false, "//cdn.example/x": false, "": false,
		"/cases/": true, "side.md": true, "%6Aavascript:alert(1)": true, "1abc:x": true,
		"a b:c": true, "æble:x": true, "bilag/x:y.pdf": true,
	} {
		if got := Internal(dest); got != want {
			t.Errorf("Internal(%q) = %v, want %v", dest, got, want)
		}
	}
	res := render("[k](%6Aavascript:alert(1))\n")
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Msg, "%6Aavascript") {
		t.Errorf("Problems = %+v, want one about the link", res.Problems)
	}
}
