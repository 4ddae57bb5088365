package generator

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestSecurityTxt checks /.well-known/security.txt against RFC 9116: only
// "Field: value" lines and comments, ending in LF; Contact as URIs from the
// site's contact; one Expires, in RFC 3339, a year after the build date and
// the same all that day; Preferred-Languages; Canonical only when the site
// knows its address.
func TestSecurityTxt(t *testing.T) {
	fields := func(txt string) map[string][]string {
		t.Helper()
		m := map[string][]string{}
		if !strings.HasSuffix(txt, "\n") {
			t.Errorf("security.txt does not end with a line end: %q", txt)
		}
		for _, line := range strings.Split(strings.TrimSuffix(txt, "\n"), "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			k, v, ok := strings.Cut(line, ": ")
			if !ok || k == "" || strings.TrimSpace(v) != v || v == "" {
				t.Errorf("security.txt line %q is not \"Field: value\"", line)
				continue
			}
			m[k] = append(m[k], v)
		}
		return m
	}
	morning := time.Date(2025, 11, 21, 0, 5, 0, 0, time.UTC)
	out := renderOpenData(t, Config{BaseURL: "https://katalog.example.org/", Now: morning})
	got := fields(string(out[securityTxt]))
	want := map[string][]string{
		"Contact":             {"mailto:bl@bl.dk", "tel:+4533762000"},
		"Expires":             {"2026-11-21T00:00:00Z"},
		"Preferred-Languages": {"da, en"},
		"Canonical":           {"https://katalog.example.org/.well-known/security.txt"},
	}
	for k, v := range want {
		if strings.Join(got[k], "|") != strings.Join(v, "|") {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("fields %v, want only %v", got, want)
	}
	evening := renderOpenData(t, Config{BaseURL: "https://katalog.example.org/", Now: morning.Add(23 * time.Hour)})
	if string(evening[securityTxt]) != string(out[securityTxt]) {
		t.Errorf("security.txt differs between two builds on the same day")
	}
	relative := fields(string(renderOpenData(t, Config{Now: morning})[securityTxt]))
	if relative["Canonical"] != nil {
		t.Errorf("Canonical %q without an absolute base URL", relative["Canonical"])
	}
	leap := fields(string(renderOpenData(t, Config{Now: time.Date(2028, 2, 29, 12, 0, 0, 0, time.UTC)})[securityTxt]))
	if e := leap["Expires"]; len(e) != 1 || e[0] != "2029-03-01T00:00:00Z" {
		t.Errorf("Expires after 29 February 2028 = %q, want 2029-03-01T00:00:00Z", e)
	}
	_, fsys := loadFixture(t, "basic") // no contact: no file, since Contact is required
	if _, ok := renderOpenData(t, Config{FS: fsys})[securityTxt]; ok {
		t.Errorf("security.txt written for a site without a contact")
	}
}

// TestManifest checks the web app manifest: Danish, starting at the base
// path, and naming icons that are in the output.
func TestManifest(t *testing.T) {
	out := renderOpenData(t, Config{BaseURL: "https://katalog.example.org/katalog/"})
	var m struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
		Lang      string `json:"lang"`
		StartURL  string `json:"start_url"`
		Display   string `json:"display"`
		Icons     []struct {
			Src, Sizes, Type string
		} `json:"icons"`
	}
	if err := json.Unmarshal(out[manifest], &m); err != nil {
		t.Fatal(err)
	}
	if m.Name == "" || m.ShortName == "" || m.Lang != "da" || m.StartURL != "/katalog/" || m.Display == "" {
		t.Errorf("manifest = %+v", m)
	}
	// The fixture has the favicon, not the logo.
	if len(m.Icons) != 1 || m.Icons[0].Type != "image/svg+xml" {
		t.Fatalf("icons = %+v, want the favicon", m.Icons)
	}
	if src := m.Icons[0].Src; !strings.HasPrefix(src, "/katalog/assets/img/favicon.") || out[strings.TrimPrefix(src, "/katalog/")] == nil {
		t.Errorf("icon %s is not a file of the site", src)
	}
}

func TestAssetPath(t *testing.T) {
	out := Output{"assets/img/logo.0123456789.svg": nil, "assets/img/logo.dark.abcdefabcd.svg": nil, "assets/img/logox.0123456789.svg": nil}
	for logical, want := range map[string]string{"img/logo.svg": "assets/img/logo.0123456789.svg", "img/logo.dark.svg": "assets/img/logo.dark.abcdefabcd.svg", "img/icon.svg": ""} {
		if got := assetPath(out, logical); got != want {
			t.Errorf("assetPath(%q) = %q, want %q", logical, got, want)
		}
	}
}
