package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"katalog/generator"
	"katalog/internal/diag"
)

// checkSite is freshSite with the files of testdata/check.txtar added.
func checkSite(t *testing.T) string {
	t.Helper()
	dir := freshSite(t, "testdata/site.txtar")
	a, err := txtar.ParseFile("testdata/check.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	return dir
}

const checkWant = `Fejl (skal rettes, før sitet kan bygges):
  content/cases/fodbold.md:5: ukendt tema "Fælleskaber" (mente du "Fællesskaber"? kendte temaer: Fællesskaber)

Advarsler (bør rettes, før siden udgives):
  content/cases/fodbold.md:1: casen nævner ingen principper (skriv numrene på de principper, casen viser, fx principles: [2, 6])

  content/cases/haven.md:8: overskriften "Bedene" springer fra niveau 1 til 4 (brug ##, eller indsæt en overskrift med ## før den)
  content/cases/haven.md:10: linket "http://example.org/haven" bruger http:// (skriv https://, så forbindelsen er krypteret; de fleste sider findes med https)

1 fejl og 3 advarsler.
`

// TestCheckText checks the text report: errors and warnings apart,
// grouped by file, and exit code 1 because there is an error.
func TestCheckText(t *testing.T) {
	dir := checkSite(t)
	code, stdout, stderr := runKatalog("check", "-src", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (stderr %q)", code, stderr)
	}
	if stdout != checkWant {
		t.Errorf("check printed:\n%s\nwant:\n%s", stdout, checkWant)
	}
}

// TestCheckWarningsOnly checks that warnings alone exit 0.
func TestCheckWarningsOnly(t *testing.T) {
	dir := checkSite(t)
	if err := os.Remove(filepath.Join(dir, "content/cases/fodbold.md")); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runKatalog("check", "-src", dir)
	if code != 0 {
		t.Errorf("exit %d with only warnings, want 0:\n%s", code, stdout)
	}
	if err := os.Remove(filepath.Join(dir, "content/cases/haven.md")); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runKatalog("check", "-src", dir)
	if code != 0 || stdout != "Ingen fejl og ingen advarsler.\n" {
		t.Errorf("clean site: exit %d, printed %q", code, stdout)
	}
}

func TestCheckJSON(t *testing.T) {
	dir := checkSite(t)
	code, stdout, _ := runKatalog("check", "-src", dir, "-format", "json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var got []generator.Finding
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	want := []generator.Finding{
		{Error: diag.Error{File: "content/cases/fodbold.md", Line: 5, Msg: `ukendt tema "Fælleskaber" (mente du "Fællesskaber"? kendte temaer: Fællesskaber)`}, Severity: "error"},
		{Error: diag.Error{File: "content/cases/fodbold.md", Line: 1, Msg: "casen nævner ingen principper (skriv numrene på de principper, casen viser, fx principles: [2, 6])"}, Severity: "warning"},
		{Error: diag.Error{File: "content/cases/haven.md", Line: 8, Msg: `overskriften "Bedene" springer fra niveau 1 til 4 (brug ##, eller indsæt en overskrift med ## før den)`}, Severity: "warning"},
		{Error: diag.Error{File: "content/cases/haven.md", Line: 10, Msg: `linket "http://example.org/haven" bruger http:// (skriv https://, så forbindelsen er krypteret; de fleste sider findes med https)`}, Severity: "warning"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(want), stdout)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCheckUsage(t *testing.T) {
	if code, _, stderr := runKatalog("check", "-format", "xml"); code != 2 || stderr != "katalog check: ukendt format \"xml\" (vælg text eller json)\n" {
		t.Errorf("-format xml: exit %d, %q", code, stderr)
	}
}

// TestCheckOnlyFiles checks that naming a file shows only its findings and
// counts the errors elsewhere.
func TestCheckOnlyFiles(t *testing.T) {
	dir := checkSite(t)
	code, stdout, _ := runKatalog("check", "-src", dir, filepath.Join(dir, "content/cases/haven.md"))
	want := `Advarsler (bør rettes, før siden udgives):
  content/cases/haven.md:8: overskriften "Bedene" springer fra niveau 1 til 4 (brug ##, eller indsæt en overskrift med ## før den)
  content/cases/haven.md:10: linket "http://example.org/haven" bruger http:// (skriv https://, så forbindelsen er krypteret; de fleste sider findes med https)

0 fejl og 2 advarsler.
Der er også 1 fejl i andre filer (kør katalog check uden filnavne for at se dem).
`
	if code != 1 || stdout != want {
		t.Errorf("exit %d, printed:\n%s\nwant exit 1 and:\n%s", code, stdout, want)
	}
	code, stdout, _ = runKatalog("check", "-src", dir, "content/cases/")
	if code != 1 || !strings.HasPrefix(stdout, "Fejl") || !strings.Contains(stdout, "1 fejl og 3 advarsler.\n") {
		t.Errorf("content/cases/: exit %d, printed:\n%s", code, stdout)
	}
	if code, _, stderr := runKatalog("check", "-src", dir, "content/cases/findes-ikke.md"); code != 2 || stderr == "" {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
}
