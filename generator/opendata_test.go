package generator

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// openDataSite returns the open data fixture with the test layouts.
func openDataSite(t *testing.T) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile("testdata/opendata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	layouts, _ := filepath.Glob("testdata/layouts/*.html")
	for _, l := range layouts {
		b, _ := os.ReadFile(l)
		fsys["layouts/"+filepath.Base(l)] = &fstest.MapFile{Data: b}
	}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func renderOpenData(t *testing.T, cfg Config) Output {
	t.Helper()
	if cfg.FS == nil {
		cfg.FS = openDataSite(t)
	}
	if cfg.Now.IsZero() {
		cfg.Now = buildDate
	}
	out, err := Render(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOpenDataGolden pins the shape of /data/cases.json and
// /data/materialer.json: the golden files in testdata/opendata are the
// documented shape (go test -run TestOpenDataGolden -update rewrites them).
func TestOpenDataGolden(t *testing.T) {
	out := renderOpenData(t, Config{BaseURL: "https://katalog.example.org/", Drafts: true})
	for _, name := range []string{casesJSON, materialsJSON} {
		golden := filepath.Join("testdata/opendata", filepath.Base(name)+".golden")
		if *update {
			if err := os.WriteFile(golden, out[name], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out[name], want) {
			t.Errorf("%s differs from %s (run with -update and review the diff):\n%s", name, golden, out[name])
		}
	}
}

// TestOpenDataJSON decodes /data/cases.json strictly: every key is known,
// drafts are left out even in a build with drafts, and lists are lists,
// never null.
func TestOpenDataJSON(t *testing.T) {
	out := renderOpenData(t, Config{BaseURL: "https://katalog.example.org/", Drafts: true})
	var d openCases
	dec := json.NewDecoder(bytes.NewReader(out[casesJSON]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	if d.Count != 2 || len(d.Cases) != 2 || d.Updated != "2025-10-09" || d.Documentation != "https://katalog.example.org/data/" {
		t.Fatalf("count %d, %d cases, updated %q, documentation %q; want 2, 2, 2025-10-09, the /data/ page", d.Count, len(d.Cases), d.Updated, d.Documentation)
	}
	c := d.Cases[1]
	if c.Title != "Fodbold som fast holdepunkt: Peters vej" || c.URL != "https://katalog.example.org/cases/ombold/" || c.Date != "2025-06-12" {
		t.Errorf("case = %q %q %q", c.Title, c.URL, c.Date)
	}
	if got := termCell(c.Municipalities); got != "København, Frederiksberg" {
		t.Errorf("municipalities = %q", got)
	}
	if len(c.Sources) != 2 || c.Sources[0].Material != "https://katalog.example.org/materialer/aarsrapport/" || c.Sources[1].Year != nil {
		t.Errorf("sources = %+v", c.Sources)
	}
	if want := "Han sagde „vi spiller igen“.\n\nSå fik han egen bolig i Valby; det gik godt."; c.Text != want {
		t.Errorf("text = %q, want %q (the body's text without headings)", c.Text, want)
	}
	if strings.Contains(string(out[casesJSON]), "Hemmelig") {
		t.Errorf("cases.json holds a draft")
	}
	for _, key := range []string{`"themes": null`, `"sources": null`, `"organisations": null`} {
		if strings.Contains(string(out[casesJSON]), key) {
			t.Errorf("cases.json has %s, want an empty list", key)
		}
	}
	a, b := renderOpenData(t, Config{BaseURL: "https://katalog.example.org/"}), out
	for _, name := range []string{casesJSON, casesCSV, materialsJSON, materialsCSV} {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds (one with drafts)", name)
		}
	}
}

// TestOpenDataCSV opens /data/cases.csv and /data/materialer.csv as a
// spreadsheet would: a UTF-8 byte order mark, ";" between cells, CRLF line
// ends, æ, ø and å intact, one row per case with the JSON's values.
func TestOpenDataCSV(t *testing.T) {
	out := renderOpenData(t, Config{BaseURL: "https://katalog.example.org/"})
	for _, tt := range []struct {
		name   string
		header []string
		rows   int
	}{
		{casesCSV, casesColumns, 2},
		{materialsCSV, materialsColumns, 1},
	} {
		data := out[tt.name]
		body, ok := bytes.CutPrefix(data, []byte("\xEF\xBB\xBF"))
		if !ok {
			t.Errorf("%s does not start with the UTF-8 byte order mark: %q", tt.name, data[:min(len(data), 8)])
		}
		if n := bytes.Count(body, []byte("\n")); n != bytes.Count(body, []byte("\r\n")) || n == 0 {
			t.Errorf("%s: %d line ends, %d of them CRLF", tt.name, n, bytes.Count(body, []byte("\r\n")))
		}
		r := csv.NewReader(bytes.NewReader(body))
		r.Comma = ';'
		rows, err := r.ReadAll() // also checks that every row has the header's number of cells
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if strings.Join(rows[0], ";") != strings.Join(tt.header, ";") || len(rows) != tt.rows+1 {
			t.Errorf("%s: header %q and %d rows, want %q and %d", tt.name, rows[0], len(rows)-1, tt.header, tt.rows)
		}
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out[casesCSV], []byte(bom))))
	r.Comma = ';'
	rows, _ := r.ReadAll()
	want := []string{
		"Fodbold som fast holdepunkt: Peters vej",
		"https://katalog.example.org/cases/ombold/",
		"2025-06-12",
		`Peter fandt et fællesskab; han spiller "hver uge".`,
		"Fællesskaber, Boligløsninger",
		"København, Frederiksberg",
		"OMBOLD, Københavns Kommune",
		"1. Se mig som et menneske, 6. Følg mit tempo",
		"Årsrapport 2023, Det Nationale Partnerskab (Det Nationale Partnerskab mod Hjemløshed, 2023): https://katalog.example.org/materialer/aarsrapport/ | Samtale med træneren",
		// The cell's CRLF comes back as LF: encoding/csv reads \r\n in a
		// quoted cell as \n.
		"Han sagde „vi spiller igen“.\n\nSå fik han egen bolig i Valby; det gik godt.",
	}
	if got := rows[2]; strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("ombold's row =\n%q\nwant\n%q", got, want)
	}
	r = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out[materialsCSV], []byte(bom))))
	r.Comma = ';'
	rows, _ = r.ReadAll()
	if got := strings.Join(rows[1][:6], "|"); got != "Årsrapport 2023|https://katalog.example.org/materialer/aarsrapport/|Rapport|Det Nationale Partnerskab mod Hjemløshed|2023|https://example.org/aarsrapport.pdf" {
		t.Errorf("material row = %q", got)
	}
}

// TestOpenDataInSitemap checks that the open data files are in the
// sitemap and that a page can link to them.
func TestOpenDataInSitemap(t *testing.T) {
	out := renderOpenData(t, Config{BaseURL: "https://katalog.example.org/"})
	for _, f := range []string{casesJSON, casesCSV, materialsJSON, materialsCSV} {
		if !strings.Contains(string(out["sitemap.xml"]), "<loc>https://katalog.example.org/"+f+"</loc>") {
			t.Errorf("the sitemap lacks %s", f)
		}
	}
	if !strings.Contains(string(out["data/index.html"]), `href=/data/cases.csv`) {
		t.Errorf("the data page does not link the CSV file")
	}
}

// TestOpenDataWithoutMaterials checks that a site without materials
// writes no materials files, and that the cases' files name no
// documentation page when the site has none.
func TestOpenDataWithoutMaterials(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	out := renderOpenData(t, Config{FS: fsys})
	if _, ok := out[materialsJSON]; ok {
		t.Errorf("%s written for a site without materials", materialsJSON)
	}
	if !strings.Contains(string(out[casesJSON]), `"documentation": "",`) {
		t.Errorf("cases.json names a documentation page the site does not have:\n%s", out[casesJSON])
	}
}

// TestOpenDataClash checks that a file of the site's own under content/
// where the open data, a feed or security.txt goes is an error, and that
// a content page at /data/ is the page that explains them.
func TestOpenDataClash(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"content/data/cases.json", "content/data/cases.json: filen støder sammen med en fil, sitet selv laver: begge skal skrives til /data/cases.json"},
		{"content/data/materialer.csv", "content/data/materialer.csv: filen støder sammen"},
		{"content/.well-known/security.txt", "content/.well-known/security.txt: filen støder sammen"},
		{"content/manifest.webmanifest", "content/manifest.webmanifest: filen støder sammen"},
		{"content/tema/faellesskaber/feed.xml", "content/tema/faellesskaber/feed.xml: filen støder sammen"},
		{"content/kommune/aalborg/feed.xml", "content/kommune/aalborg/feed.xml: filen støder sammen"},
	} {
		fsys := openDataSite(t)
		fsys[tt.file] = &fstest.MapFile{Data: []byte("x")}
		_, err := Render(context.Background(), Config{FS: fsys, Now: buildDate})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Render = %v\nwant an error with %q", tt.file, err, tt.want)
		}
		_, err = NewBuilder(Config{FS: fsys, Now: buildDate}).Build(context.Background(), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: preview Build = %v\nwant an error with %q", tt.file, err, tt.want)
		}
	}
}

// TestOpenDataDocumented checks that the page that explains the open
// data, content/data.md, names every field of the JSON files.
func TestOpenDataDocumented(t *testing.T) {
	page, err := os.ReadFile("../content/data.md")
	if err != nil {
		t.Fatal(err)
	}
	tag := regexp.MustCompile(`json:"([a-z_]+)`)
	for _, src := range []string{"opendata.go"} {
		code, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range tag.FindAllStringSubmatch(string(code), -1) {
			if !strings.Contains(string(page), "`"+m[1]+"`") {
				t.Errorf("content/data.md does not explain the field `%s`", m[1])
			}
		}
	}
}
