package generator

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
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
		if path == u.Loc || out[path+"index.html"] == nil && out[path] == nil {
			t.Errorf("sitemap lists %s, which is not a page or a file", u.Loc)
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

// The elements RFC 4287 allows in atom:feed and atom:entry.
var (
	atomFeedChildren  = []string{"author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights", "subtitle", "title", "updated", "entry"}
	atomEntryChildren = []string{"author", "category", "content", "contributor", "id", "link", "published", "rights", "source", "summary", "title", "updated"}
)

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Href     string `xml:"href,attr"`
	Type     string `xml:"type,attr"`
	Hreflang string `xml:"hreflang,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomPerson struct {
	Name []string `xml:"name"`
}

type atomEntry struct {
	ID        []string     `xml:"id"`
	Title     []atomText   `xml:"title"`
	Updated   []string     `xml:"updated"`
	Published []string     `xml:"published"`
	Summary   []atomText   `xml:"summary"`
	Content   []atomText   `xml:"content"`
	Authors   []atomPerson `xml:"author"`
	Links     []atomLink   `xml:"link"`
}

type atomFeed struct {
	XMLName  xml.Name
	Lang     string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       []string     `xml:"id"`
	Title    []atomText   `xml:"title"`
	Subtitle []atomText   `xml:"subtitle"`
	Updated  []string     `xml:"updated"`
	Authors  []atomPerson `xml:"author"`
	Links    []atomLink   `xml:"link"`
	Entries  []atomEntry  `xml:"entry"`
}

// checkAtom checks an Atom feed against the requirements of RFC 4287: a
// well-formed document whose elements are all Atom's and in their place;
// a feed with exactly one id (an absolute IRI), title and updated (an RFC
// 3339 date), an author, a link rel="self" to where it is served and at
// most one alternate link per type and language; entries each with
// exactly one id, title and updated, a summary, an alternate link, no
// later than the feed's updated, and no id twice. It returns the feed.
func checkAtom(t *testing.T, name string, data []byte, self string) atomFeed {
	t.Helper()
	errorf := func(format string, args ...any) { t.Helper(); t.Errorf(name+": "+format, args...) }
	const atomNS = "http://www.w3.org/2005/Atom"
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			errorf("not well-formed XML: %v", err)
			return atomFeed{}
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Space != atomNS {
				errorf("element %s is not in the Atom namespace", el.Name.Local)
			}
			switch {
			case len(stack) == 0 && el.Name.Local != "feed":
				errorf("root element %s, want feed", el.Name.Local)
			case len(stack) == 1 && !slices.Contains(atomFeedChildren, el.Name.Local):
				errorf("atom:feed may not contain %s", el.Name.Local)
			case len(stack) == 2 && stack[1] == "entry" && !slices.Contains(atomEntryChildren, el.Name.Local):
				errorf("atom:entry may not contain %s", el.Name.Local)
			}
			stack = append(stack, el.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	var f atomFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		errorf("%v", err)
		return f
	}
	iri := func(what, s string) {
		t.Helper()
		if u, err := url.Parse(s); err != nil || !u.IsAbs() {
			errorf("%s %q is not an absolute IRI", what, s)
		}
	}
	date := func(what, s string) time.Time {
		t.Helper()
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			errorf("%s %q is not an RFC 3339 date", what, s)
		}
		return d
	}
	text := func(what string, ts []atomText) {
		t.Helper()
		for _, x := range ts {
			if !slices.Contains([]string{"", "text", "html", "xhtml"}, x.Type) || strings.TrimSpace(x.Text) == "" {
				errorf("%s is empty or of type %q", what, x.Type)
			}
		}
	}
	alternates := func(what string, links []atomLink) int {
		t.Helper()
		seen := map[string]bool{}
		for _, l := range links {
			if l.Href == "" {
				errorf("%s has a link without href", what)
			}
			if l.Rel == "" || l.Rel == "alternate" {
				if seen[l.Type+" "+l.Hreflang] {
					errorf("%s has two alternate links of type %q", what, l.Type)
				}
				seen[l.Type+" "+l.Hreflang] = true
			}
		}
		return len(seen)
	}
	if len(f.ID) != 1 || len(f.Title) != 1 || len(f.Updated) != 1 {
		errorf("feed has %d id, %d title, %d updated; want one each", len(f.ID), len(f.Title), len(f.Updated))
		return f
	}
	iri("feed id", f.ID[0])
	text("feed title", f.Title)
	text("feed subtitle", f.Subtitle)
	updated := date("feed updated", f.Updated[0])
	if f.Lang != "da" {
		errorf("xml:lang = %q, want da", f.Lang)
	}
	if len(f.Authors) == 0 || len(f.Authors[0].Name) != 1 || f.Authors[0].Name[0] == "" {
		errorf("feed has no author with a name")
	}
	var selfs []string
	for _, l := range f.Links {
		if l.Rel == "self" {
			selfs = append(selfs, l.Href)
		}
	}
	if len(selfs) != 1 || selfs[0] != self {
		errorf("links rel=self %q, want [%q]", selfs, self)
	}
	alternates("feed", f.Links)
	ids := map[string]bool{}
	for i, e := range f.Entries {
		what := fmt.Sprintf("entry %d", i+1)
		if len(e.ID) != 1 || len(e.Title) != 1 || len(e.Updated) != 1 || len(e.Summary) != 1 {
			errorf("%s has %d id, %d title, %d updated, %d summary; want one each", what, len(e.ID), len(e.Title), len(e.Updated), len(e.Summary))
			continue
		}
		iri(what+" id", e.ID[0])
		if ids[e.ID[0]] {
			errorf("%s repeats the id %s", what, e.ID[0])
		}
		ids[e.ID[0]] = true
		text(what+" title", e.Title)
		text(what+" summary", e.Summary)
		if d := date(what+" updated", e.Updated[0]); d.After(updated) {
			errorf("%s updated %s after the feed's %s", what, e.Updated[0], f.Updated[0])
		}
		for _, p := range e.Published {
			date(what+" published", p)
		}
		if alternates(what, e.Links) != 1 && len(e.Content) == 0 {
			errorf("%s has no alternate link and no content", what)
		}
	}
	return f
}

// TestTermFeeds checks the feed of every theme, municipality and
// principle of the shipped site, and the site's feed, against RFC 4287;
// that each lists the term's newest cases, newest first; and that the
// term's page links it in its head and for the reader.
func TestTermFeeds(t *testing.T) {
	const base = "https://katalog.example.org/"
	s, err := Load(os.DirFS(".."), Config{BaseURL: base, Now: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(context.Background(), Config{FS: os.DirFS(".."), BaseURL: base, Now: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	checkAtom(t, "feed.xml", out["feed.xml"], base+"feed.xml")
	terms := s.feedTerms()
	if len(terms) < 6+7+2 {
		t.Fatalf("%d terms, want the 6 themes, 7 principles and the municipalities", len(terms))
	}
	for _, term := range terms {
		name := strings.TrimPrefix(term.Feed(), "/")
		f := checkAtom(t, name, out[name], base+name)
		var got, want []string
		for _, e := range f.Entries {
			got = append(got, e.ID[0])
		}
		for _, c := range term.Cases[:min(len(term.Cases), FeedSize)] {
			want = append(want, base+strings.TrimPrefix(c.URL, "/"))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %q, want %q", name, got, want)
		}
		if len(f.Title) == 1 && !strings.Contains(f.Title[0].Text, term.Title) {
			t.Errorf("%s: title %q does not name %s", name, f.Title[0].Text, term.Title)
		}
		page := string(out[outFile(term.URL)])
		head, _, _ := strings.Cut(page, "</head>")
		if !strings.Contains(head, minified(t, `<link rel="alternate" type="application/atom+xml" title="Nye cases `+html.EscapeString(term.FeedTopic())+`" href="`+term.Feed()+`">`)) {
			t.Errorf("%s does not link %s in its head", term.URL, name)
		}
		if !strings.Contains(page, `href=`+term.Feed()+` type=application/atom+xml>Følg nye cases `+html.EscapeString(term.FeedTopic())+`</a>`) {
			t.Errorf("%s has no visible link to %s", term.URL, name)
		}
	}
}

// TestFeedTopic checks the Danish words for what a feed follows.
func TestFeedTopic(t *testing.T) {
	for _, tt := range []struct {
		p    Page
		want string
	}{
		{Page{Kind: KindTheme, Title: "Boligløsninger"}, "om Boligløsninger"},
		{Page{Kind: KindMunicipal, Title: "Aalborg"}, "fra Aalborg"},
		{Page{Kind: KindPrinciple, Number: 2, Title: "Lyt til mig"}, "om princip 2: Lyt til mig"},
	} {
		if got := tt.p.FeedTopic(); got != tt.want {
			t.Errorf("FeedTopic(%s %q) = %q, want %q", tt.p.Kind, tt.p.Title, got, tt.want)
		}
	}
	if got := (&Page{Kind: KindCase, URL: "/cases/x/"}).Feed(); got != "" {
		t.Errorf("a case's Feed() = %q, want none", got)
	}
}
