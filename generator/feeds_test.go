package generator

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFeeds(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	out, err := Render(context.Background(), Config{FS: fsys, Now: fixtureDate, BaseURL: "https://katalog.example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out["feed.xml"], &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if len(feed.Entries) != 2 || feed.Entries[0].ID != "https://katalog.example.org/cases/aalborg/" || feed.Updated != "2025-10-09T00:00:00Z" || feed.Entries[0].Summary == "" {
		t.Errorf("feed = %+v", feed)
	}
	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(out["sitemap.xml"], &sitemap); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	for _, u := range sitemap.URLs {
		path := strings.TrimPrefix(u.Loc, "https://katalog.example.org/")
		if path == u.Loc || out[path+"index.html"] == nil {
			t.Errorf("sitemap lists %s, which is not a page", u.Loc)
		}
	}
	if !strings.Contains(string(out["robots.txt"]), "Sitemap: https://katalog.example.org/sitemap.xml") {
		t.Errorf("robots.txt = %q", out["robots.txt"])
	}
}

// TestCalendar checks the .ics file against RFC 5545's rules: CRLF line
// ends, lines of at most 75 octets folded with a space, UID and DTSTAMP on
// every event, and only the milestones with an exact day.
func TestCalendar(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	out, err := Render(context.Background(), Config{FS: fsys, Now: fixtureDate})
	if err != nil {
		t.Fatal(err)
	}
	ics := string(out["tidsplan/tidsplan.ics"])
	if !strings.HasSuffix(ics, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(ics, "\r\n", ""), "\n") {
		t.Fatalf("not CRLF-terminated lines:\n%q", ics)
	}
	for _, l := range strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("line of %d octets or broken UTF-8: %q", len(l), l)
		}
	}
	unfolded := strings.ReplaceAll(ics, "\r\n ", "")
	if n := strings.Count(unfolded, "BEGIN:VEVENT"); n != 1 {
		t.Errorf("%d events, want 1 (only 2025-05-16 is an exact day)", n)
	}
	for _, want := range []string{"UID:m-2025-05-16-kampagne@", "DTSTAMP:20251015T000000Z", "DTSTART;VALUE=DATE:20250516", "DTEND;VALUE=DATE:20250517", "SUMMARY:Lancering"} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("calendar lacks %q:\n%s", want, unfolded)
		}
	}
}

func TestFold(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat("æøå", 30)
	got := fold(long)
	for _, l := range strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("folded line %q: %d octets", l, len(l))
		}
	}
	if strings.ReplaceAll(strings.TrimSuffix(got, "\r\n"), "\r\n ", "") != long {
		t.Errorf("unfolding does not give the line back")
	}
}
