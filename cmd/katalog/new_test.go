package main

import (
	"bytes"
	"context"
	"katalog/generator"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// freshSite writes testdata/site.txtar and the repository's templates
// (skabeloner/) to a new directory and returns it.
func freshSite(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	tmpls, _ := filepath.Glob("../../skabeloner/*.md")
	if want := len(generator.NewKinds()); len(tmpls) != want {
		t.Fatalf("found %d templates in skabeloner/, want one for each of the %d kinds new starts", len(tmpls), want)
	}
	for _, f := range tmpls {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "skabeloner", filepath.Base(f)), b)
	}
	return dir
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runKatalog runs one subcommand and returns its exit code and output.
func runKatalog(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestNewBuildsAsDraft checks the walk-through: new writes a file
// from the template that builds, as a draft: it is on the site with
// -drafts and not without.
func TestNewBuildsAsDraft(t *testing.T) {
	for _, tt := range []struct {
		kind, title, file, url string
	}{
		{"case", "Æbler og øl på Ærø", "content/cases/aebler-og-oel-paa-aeroe.md", "/cases/aebler-og-oel-paa-aeroe/"},
		{"tema", "Boligløsninger: de første skridt", "content/tema/boligloesninger-de-foerste-skridt.md", "/tema/boligloesninger-de-foerste-skridt/"},
		{"side", "Om „Fra bolig til hjem“", "content/om-fra-bolig-til-hjem.md", "/om-fra-bolig-til-hjem/"},
	} {
		dir := freshSite(t, "testdata/site.txtar")
		code, stdout, stderr := runKatalog("new", "-src", dir, tt.kind, tt.title)
		if code != 0 {
			t.Fatalf("new %s %q: exit %d: %s", tt.kind, tt.title, code, stderr)
		}
		want := "Oprettede " + tt.file + "\nSe den med \"katalog serve -drafts\" på http://127.0.0.1:1313" + tt.url + "\n"
		if stdout != want {
			t.Errorf("new %s: printed %q, want %q", tt.kind, stdout, want)
		}
		src, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range []string{"draft: true", time.Now().Format(time.DateOnly)} {
			if !strings.Contains(string(src), line) {
				t.Errorf("%s lacks %q", tt.file, line)
			}
		}
		page := filepath.Join(dir, "public", filepath.FromSlash(tt.url), "index.html")
		if code, _, stderr := runKatalog("build", "-src", dir, "-drafts"); code != 0 {
			t.Fatalf("build -drafts after new %s: exit %d:\n%s", tt.kind, code, stderr)
		}
		html, err := os.ReadFile(page)
		if err != nil {
			t.Fatalf("new %s: page not built with -drafts: %v", tt.kind, err)
		}
		if !strings.Contains(string(html), "Kladde") || !strings.Contains(string(html), tt.title) {
			t.Errorf("new %s: page lacks its title or draft mark:\n%s", tt.kind, html)
		}
		if code, _, stderr := runKatalog("build", "-src", dir); code != 0 {
			t.Fatalf("build after new %s: exit %d:\n%s", tt.kind, code, stderr)
		}
		if _, err := os.Stat(page); err == nil {
			t.Errorf("new %s: the draft is on the site without -drafts", tt.kind)
		}
	}
}

// TestNewRefusesToOverwrite checks that a second new with the same title
// leaves the first file as it is.
func TestNewRefusesToOverwrite(t *testing.T) {
	dir := freshSite(t, "testdata/site.txtar")
	if code, _, stderr := runKatalog("new", "-src", dir, "case", "Fodbold som fast holdepunkt"); code != 0 {
		t.Fatalf("first new: exit %d: %s", code, stderr)
	}
	file := filepath.Join(dir, "content/cases/fodbold-som-fast-holdepunkt.md")
	writeFile(t, file, []byte("redigeret"))
	code, stdout, stderr := runKatalog("new", "-src", dir, "case", "Fodbold som fast holdepunkt")
	if code != 1 || stdout != "" {
		t.Errorf("second new: exit %d, printed %q; want exit 1 and nothing", code, stdout)
	}
	want := "katalog new: content/cases/fodbold-som-fast-holdepunkt.md findes allerede og bliver ikke overskrevet (ret den fil, eller vælg en anden titel)\n"
	if stderr != want {
		t.Errorf("second new said %q, want %q", stderr, want)
	}
	if b, _ := os.ReadFile(file); string(b) != "redigeret" {
		t.Errorf("second new changed the file to %q", b)
	}
}

func TestNewUsage(t *testing.T) {
	dir := freshSite(t, "testdata/site.txtar")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "-src", dir, "reportage", "Titel"}, "katalog new: ukendt slags \"reportage\" (vælg case, tema, side eller materiale)\n"},
		{[]string{"new", "-src", dir, "case", "!!!"}, "katalog new: titlen \"!!!\" giver ingen adresse (brug bogstaver og tal)\n"},
		{[]string{"new", "-src", dir, "side", "Søg"}, "katalog new: adressen /soeg/ bruges allerede af sitet (vælg en anden titel)\n"},
	} {
		code, _, stderr := runKatalog(tt.args...)
		if code != 2 || stderr != tt.want {
			t.Errorf("%q: exit %d, %q; want exit 2, %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestYAMLQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Aalborg: Skurbyen", `"Aalborg: Skurbyen"`},
		{`Om „Fra bolig til hjem“`, `"Om „Fra bolig til hjem“"`},
		{`Sagt "højt"`, `"Sagt \"højt\""`},
	} {
		if got := generator.YAMLQuote(tt.in); got != tt.want {
			t.Errorf("YAMLQuote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestNewWithShippedLayouts runs new on a copy of the shipped site, with
// its own layouts and assets, and builds it with -drafts: what an editor
// does first.
func TestNewWithShippedLayouts(t *testing.T) {
	if testing.Short() {
		t.Skip("copies and builds the shipped site")
	}
	dir := t.TempDir()
	for _, d := range []string{"content", "layouts", "assets", "skabeloner"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			t.Fatal(err)
		}
	}
	var pages []string
	for name, k := range generator.NewKinds() {
		if code, _, stderr := runKatalog("new", "-src", dir, name, "Prøve på en ny "+name); code != 0 {
			t.Fatalf("new %s: exit %d: %s", name, code, stderr)
		}
		pages = append(pages, strings.TrimPrefix(k.Prefix, "/")+"proeve-paa-en-ny-"+name+"/index.html")
	}
	if code, _, stderr := runKatalog("build", "-src", dir, "-drafts"); code != 0 {
		t.Fatalf("build -drafts: exit %d:\n%s", code, stderr)
	}
	for _, page := range pages {
		if _, err := os.Stat(filepath.Join(dir, "public", page)); err != nil {
			t.Errorf("not built: %v", err)
		}
	}
}

// TestNewLongTitle checks that a very long title gives a short file name
// that every file system takes, cut at a word's end.
func TestNewLongTitle(t *testing.T) {
	dir := freshSite(t, "testdata/site.txtar")
	title := strings.Repeat("a", 300)
	if code, _, stderr := runKatalog("new", "-src", dir, "case", title); code != 0 {
		t.Fatalf("new with a 300-letter title: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/cases", strings.Repeat("a", generator.MaxSlug)+".md")); err != nil {
		t.Error(err)
	}
	for _, tt := range []struct{ in, want string }{
		{"kort-titel", "kort-titel"},
		{strings.Repeat("ord-", 30), strings.TrimSuffix(strings.Repeat("ord-", 20), "-")},
		{strings.Repeat("a", 100), strings.Repeat("a", generator.MaxSlug)},
	} {
		if got := generator.NewSlug(tt.in); got != tt.want {
			t.Errorf("NewSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
