package generator

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"
)

// writeFeeds adds what goes beside the pages: the sitemap, the Atom feeds
// of cases (all of them, and each theme's, municipality's and
// principle's), robots.txt, redirects from old addresses, the timeline as
// a calendar, the open data (opendata.go), security.txt and the web app
// manifest (wellknown.go).
func (s *Site) writeFeeds(out Output) {
	out["sitemap.xml"] = s.sitemap()
	out["feed.xml"] = s.atom()
	robots := "User-agent: *\nAllow: /\n"
	if s.Absolute() { // a sitemap line needs an absolute URL
		robots += "Sitemap: " + s.absURL("/sitemap.xml") + "\n"
	}
	out["robots.txt"] = []byte(robots)
	s.redirects(out)
	if s.Timeline != nil {
		out["tidsplan/tidsplan.ics"] = s.calendar()
	}
	for _, t := range s.feedTerms() {
		out[strings.TrimPrefix(t.Feed(), "/")] = s.termFeed(t)
	}
	s.writeOpenData(out)
	s.writeWellKnown(out)
}

func (s *Site) sitemap() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header[:len(xml.Header)-1])
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, p := range s.all {
		if p.Kind == KindNotFound {
			continue
		}
		fmt.Fprintf(&b, "<url><loc>%s</loc>", xmlEscape(s.absURL(p.URL)))
		if !p.Date.IsZero() {
			fmt.Fprintf(&b, "<lastmod>%s</lastmod>", p.Date.Format(time.DateOnly))
		}
		b.WriteString("</url>")
	}
	// The open data files are for people and programs to find, too.
	newest, ok := s.newestPublished()
	for _, f := range s.openDataFiles() {
		fmt.Fprintf(&b, "<url><loc>%s</loc>", xmlEscape(s.absURL("/"+f)))
		if ok && strings.HasPrefix(f, "data/cases.") {
			fmt.Fprintf(&b, "<lastmod>%s</lastmod>", newest.Format(time.DateOnly))
		}
		b.WriteString("</url>")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// atom returns the Atom feed of the cases, newest first. Its updated date
// is the newest case's, so the feed changes only when content does.
func (s *Site) atom() []byte {
	return s.atomFeed(s.Title, "Nye cases i inspirationskataloget", "/", "/feed.xml", s.Cases)
}

// termFeed returns the Atom feed of the cases of a theme, municipality or
// principle, newest first.
func (s *Site) termFeed(t *Page) []byte {
	return s.atomFeed("Nye cases "+t.FeedTopic()+" – "+s.Title, "", t.URL, t.Feed(), t.Cases)
}

// atomFeed returns an Atom feed (RFC 4287) of the newest FeedSize of cases,
// which are newest first: its id and alternate link are the page at page,
// its self link feed. Its updated date is the newest case's, or the
// site's newest for a feed with no cases yet, so the feed changes only
// when content does.
func (s *Site) atomFeed(title, subtitle, page, feed string, cases []*Page) []byte {
	var b bytes.Buffer
	updated := time.Date(2025, 5, 16, 0, 0, 0, 0, time.UTC)
	if len(cases) > 0 {
		updated = cases[0].Date
	} else if len(s.Cases) > 0 {
		updated = s.Cases[0].Date
	}
	b.WriteString(xml.Header[:len(xml.Header)-1])
	fmt.Fprintf(&b, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da"><title>%s</title>`, xmlEscape(title))
	if subtitle != "" {
		fmt.Fprintf(&b, `<subtitle>%s</subtitle>`, xmlEscape(subtitle))
	}
	fmt.Fprintf(&b, `<id>%s</id><link rel="self" href="%s"/><link href="%s"/><updated>%s</updated><author><name>BL – Danmarks Almene Boliger</name></author>`,
		xmlEscape(s.absURL(page)), xmlEscape(s.absURL(feed)), xmlEscape(s.absURL(page)), updated.Format(time.RFC3339))
	for _, c := range cases[:min(len(cases), FeedSize)] {
		fmt.Fprintf(&b, `<entry><id>%s</id><title>%s</title><link href="%s"/><updated>%s</updated><published>%s</published><summary>%s</summary>`,
			xmlEscape(s.absURL(c.URL)), xmlEscape(c.Title), xmlEscape(s.absURL(c.URL)), c.Date.Format(time.RFC3339), c.Date.Format(time.RFC3339), xmlEscape(c.Summary))
		for _, t := range c.Themes {
			fmt.Fprintf(&b, `<category term="%s" label="%s"/>`, xmlEscape(t.Slug), xmlEscape(t.Title))
		}
		b.WriteString("</entry>")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// feedTerms are the pages with a feed of their own: the themes,
// municipalities and principles.
func (s *Site) feedTerms() []*Page {
	return slices.Concat(s.Themes, s.Municipalities, s.Principles)
}

// Feed returns the address of the Atom feed of the cases of a theme,
// municipality or principle (/tema/boligloesninger/feed.xml), "" for other
// pages.
func (p *Page) Feed() string {
	switch p.Kind {
	case KindTheme, KindMunicipal, KindPrinciple:
		return p.URL + "feed.xml"
	}
	return ""
}

// FeedTopic says in Danish which cases the page's feed follows, as the
// words after "nye cases": "om Boligløsninger", "fra Aalborg", "om princip
// 2: Lyt til mig".
func (p *Page) FeedTopic() string {
	switch p.Kind {
	case KindMunicipal:
		return "fra " + p.Title
	case KindPrinciple:
		return fmt.Sprintf("om princip %d: %s", p.Number, p.Title)
	}
	return "om " + p.Title
}

// FeedSize is how many of the newest cases the Atom feed lists.
const FeedSize = 50

// redirects writes a small page at every old address that sends the
// browser on (for the preview server and any static host) and Netlify's
// _redirects file, which answers with a real 301.
func (s *Site) redirects(out Output) {
	var rules bytes.Buffer
	for _, p := range s.all {
		for _, a := range p.Aliases {
			from := strings.TrimSuffix(a, "/") + "/"
			to := s.base + strings.TrimPrefix(p.URL, "/")
			fmt.Fprintf(&rules, "%s%s %s 301\n", s.base, strings.TrimPrefix(from, "/"), to)
			u := html.EscapeString(to)
			canonical := ""
			if s.Absolute() {
				canonical = `<link rel="canonical" href="` + html.EscapeString(s.absURL(p.URL)) + `">`
			}
			out[strings.TrimPrefix(from, "/")+"index.html"] = []byte(`<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Siden er flyttet</title>` +
				canonical + `<meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=` + u + `"></head>` +
				`<body><main><h1>Siden er flyttet</h1><p><a href="` + u + `">Gå til ` + html.EscapeString(p.Title) + `</a></p></main></body></html>`)
		}
	}
	if rules.Len() > 0 {
		out["_redirects"] = rules.Bytes()
	}
}

// calendar returns the timeline's exact-day milestones as an iCalendar file
// (RFC 5545): CRLF line ends, lines folded at 75 octets. DTSTAMP is the
// build date, so the same build gives the same bytes.
func (s *Site) calendar() []byte {
	var b bytes.Buffer
	line := func(format string, args ...any) { b.WriteString(fold(fmt.Sprintf(format, args...))) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//BL – Danmarks Almene Boliger//Fra bolig til hjem//DA")
	line("CALSCALE:GREGORIAN")
	line("X-WR-CALNAME:%s", icsText("Fra bolig til hjem – tidsplan"))
	stamp := s.Now.UTC().Format("20060102") + "T000000Z"
	host := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s.absURL("/"), "https://"), "http://"), "/")
	if host == "" || strings.HasPrefix(host, "/") {
		host = "fra-bolig-til-hjem"
	}
	for _, m := range s.Timeline.Milestones {
		if !m.Exact() {
			continue
		}
		line("BEGIN:VEVENT")
		line("UID:%s@%s", m.ID, host)
		line("DTSTAMP:%s", stamp)
		line("DTSTART;VALUE=DATE:%s", m.Start.Format("20060102"))
		line("DTEND;VALUE=DATE:%s", m.Start.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:%s", icsText(m.Title))
		if m.Text != "" {
			line("DESCRIPTION:%s", icsText(m.Text))
		}
		line("URL:%s", s.absURL("/tidsplan/")+"#"+m.ID)
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes()
}

// icsText escapes text for an iCalendar property value.
func icsText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)
	return r.Replace(s)
}

// fold ends a content line with CRLF, folding it so that no line is longer
// than 75 octets, without splitting a UTF-8 character.
func fold(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		size := len(string(r))
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}

// jsonLD returns structured data for a page: an Article for cases, a
// WebPage for the rest.
func (s *Site) jsonLD(p *Page) any {
	publisher := map[string]any{"@type": "Organization", "name": "BL – Danmarks Almene Boliger", "url": "https://bl.dk/"}
	d := map[string]any{
		"@context": "https://schema.org", "@type": "WebPage", "name": p.Title,
		"url": s.absURL(p.URL), "inLanguage": "da", "publisher": publisher,
	}
	if p.Summary != "" {
		d["description"] = p.Summary
	}
	if p.Kind == KindCase {
		d["@type"] = "Article"
		d["headline"] = p.Title
		d["datePublished"] = p.Date.Format(time.DateOnly)
		d["author"] = publisher
		var about []string
		for _, t := range p.Themes {
			about = append(about, t.Title)
		}
		d["keywords"] = strings.Join(slices.Clip(about), ", ")
		delete(d, "name")
	}
	return d
}
