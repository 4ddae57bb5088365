package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestKatalogSchema checks every katalog content file against the
// catalogue's front matter schema (unknown keys are errors there).
func TestKatalogSchema(t *testing.T) {
	repo := fakeRepo(t)
	for name, sh := range shapes {
		t.Run(name, func(t *testing.T) { checkSchema(t, buildShape(t, repo, 60, 3, sh), sh) })
	}
}

func checkSchema(t *testing.T, files map[string][]byte, sh Shape) {
	themeNames := map[string]bool{}
	principleNums := map[int]bool{}
	for name, data := range files {
		switch {
		case strings.HasPrefix(name, "katalog/content/tema/"):
			m, _ := frontMatterOf(t, name, data)
			checkKeys(t, name, m, "title", "summary")
			themeNames[m["title"].(string)] = true
		case strings.HasPrefix(name, "katalog/content/principper/"):
			m, _ := frontMatterOf(t, name, data)
			checkKeys(t, name, m, "number", "title", "summary")
			n := m["number"].(int)
			if !strings.HasPrefix(name, "katalog/content/principper/"+itoa(n)+"-") {
				t.Errorf("%s: number %d does not match the file name", name, n)
			}
			principleNums[n] = true
		}
	}
	if len(themeNames) != sh.Themes || len(principleNums) != 7 {
		t.Fatalf("got %d themes and %d principles, want %d and 7", len(themeNames), len(principleNums), sh.Themes)
	}
	cases := 0
	for name, data := range files {
		if strings.HasPrefix(name, "katalog/content/cases/") {
			checkCase(t, name, data, sh, themeNames, principleNums)
			checkLinks(t, name, data, files)
			cases++
		}
	}
	if cases != 60 {
		t.Errorf("got %d cases, want 60", cases)
	}
	if _, ok := files["katalog/layouts/base.html"]; !ok {
		t.Error("layouts/ was not copied into the katalog site")
	}
}

func checkCase(t *testing.T, name string, data []byte, sh Shape, themeNames map[string]bool, nums map[int]bool) {
	t.Helper()
	m, body := frontMatterOf(t, name, data)
	checkKeys(t, name, m, "title", "date", "summary", "themes", "municipality", "organisation", "principles")
	// YAML reads an unquoted YYYY-MM-DD as a timestamp.
	if d, ok := m["date"].(time.Time); !ok || !d.Equal(d.Truncate(24*time.Hour)) {
		t.Errorf("%s: date = %v, want a day YYYY-MM-DD", name, m["date"])
	}
	if s := m["summary"].(string); s == "" || utf8.RuneCountInString(s) > 200 {
		t.Errorf("%s: summary has %d characters, want 1–200", name, utf8.RuneCountInString(s))
	}
	ts := m["themes"].([]any)
	for _, th := range ts {
		if !themeNames[th.(string)] {
			t.Errorf("%s: theme %q has no file in content/tema/", name, th)
		}
	}
	if len(ts) < sh.MinThemes || len(ts) > sh.MaxThemes {
		t.Errorf("%s: %d themes, want %d–%d", name, len(ts), sh.MinThemes, sh.MaxThemes)
	}
	if !contains(municipalities, m["municipality"].(string)) {
		t.Errorf("%s: unknown municipality %v", name, m["municipality"])
	}
	ps := m["principles"].([]any)
	for _, p := range ps {
		if !nums[p.(int)] {
			t.Errorf("%s: principle %v has no file", name, p)
		}
	}
	if len(ps) < sh.MinPrinciples || len(ps) > sh.MaxPrinciples {
		t.Errorf("%s: %d principles, want %d–%d", name, len(ps), sh.MinPrinciples, sh.MaxPrinciples)
	}
	if n := len(strings.Fields(body)); n < 450 || n > 750 {
		t.Errorf("%s: body has %d words, want about 600", name, n)
	}
	if !strings.Contains(body, "\n## ") {
		t.Errorf("%s: body has no ## heading", name)
	}
}

var link = regexp.MustCompile(`\]\(/cases/([a-z0-9-]+)/\)`)

// checkLinks checks that a case links to one other case that exists.
func checkLinks(t *testing.T, name string, data []byte, files map[string][]byte) {
	t.Helper()
	links := link.FindAllSubmatch(data, -1)
	if len(links) != 1 {
		t.Errorf("%s: %d links to other cases, want 1", name, len(links))
	}
	for _, l := range links {
		target := "katalog/content/cases/" + string(l[1]) + ".md"
		if _, ok := files[target]; !ok || target == name {
			t.Errorf("%s: link to /cases/%s/ has no other case behind it", name, l[1])
		}
	}
}

func itoa(n int) string { return string(rune('0' + n)) }
