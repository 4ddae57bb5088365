package generator

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"katalog/generator/frontmatter"
	"katalog/internal/slug"
)

// A checker checks one page's front matter and fills the page from it.
type checker struct {
	file    string
	page    *Page
	errs    errorList
	decoder *frontmatter.Decoder // what the decoder found wrong; nil if nothing
}

// decodeFailed reports whether the decoder found the value of key wrong, and
// has said so.
func (c *checker) decodeFailed(key string) bool {
	return c.decoder != nil && c.decoder.FailedAt(key)
}

// required reports a required key that is missing, or given with an empty
// value, at its own line when it is there. Nothing is reported when the
// decoder has already said what is wrong with the value.
func (c *checker) required(key, hint string) {
	switch _, given := c.page.lines[key]; {
	case c.decodeFailed(key):
	case given:
		c.errorf(key, "feltet %q er tomt (%s)", key, hint)
	default:
		c.errorf("", "feltet %q mangler (%s)", key, hint)
	}
}

func (c *checker) errorf(key, format string, args ...any) {
	c.errs.Add(c.file, c.page.line(key), format, args...)
}

// caseMatter checks what a case must say and copies it to the page.
// Themes and principles are resolved later, when all pages are known.
func (c *checker) caseMatter(m *caseMatter) {
	p := c.page
	p.Title, p.Summary, p.Sources, p.Image, p.Draft, p.Aliases = m.Title, m.Summary, m.Sources, m.Image, m.Draft, m.Aliases
	p.Organisations = m.Organisation
	p.pendingThemes, p.pendingPrinciples, p.pendingMunicipalities = m.Themes, m.Principles, m.Municipality
	if m.Date == "" {
		c.required("date", "skriv udgivelsesdatoen som date: ÅÅÅÅ-MM-DD, fx date: 2025-06-12")
	} else if t, msg := parseDate(m.Date); msg != "" {
		c.errorf("date", "%s", msg)
	} else {
		p.Date = t
	}
	if len(m.Themes) == 0 {
		c.required("themes", "skriv mindst ét tema, fx themes: [Fællesskaber]")
	}
	if m.Image != nil && strings.TrimSpace(m.Image.Alt) == "" {
		c.errorf("image", "billedet mangler en alt-tekst (beskriv i feltet alt, hvad billedet viser, for dem der ikke kan se det)")
	}
	if m.Image != nil && strings.TrimSpace(m.Image.Src) == "" {
		c.errorf("image", "billedet mangler feltet src (skriv filnavnet på billedet)")
	}
}

// MaterialTypes are the kinds of material, by the value of type: and
// their Danish names.
var MaterialTypes = []struct{ Slug, Title, Plural string }{
	{"rapport", "Rapport", "Rapporter"},
	{"podcast", "Podcast", "Podcasts"},
	{"værktøj", "Værktøj", "Værktøjer"},
	{"artikel", "Artikel", "Artikler"},
}

func (c *checker) materialMatter(m *materialMatter) {
	p := c.page
	p.Title, p.Summary, p.Draft, p.Aliases = m.Title, m.Summary, m.Draft, m.Aliases
	p.Type, p.Publisher, p.Year, p.Link = strings.ToLower(strings.TrimSpace(m.Type)), m.Publisher, m.Year, m.URL
	p.pendingThemes, p.pendingPrinciples = m.Themes, m.Principles
	var names []string
	known := false
	for _, t := range MaterialTypes {
		names = append(names, t.Slug)
		known = known || t.Slug == p.Type
	}
	switch {
	case p.Type == "" && !c.decodeFailed("type"):
		c.required("type", "skriv, hvad slags materiale det er: "+strings.Join(names, ", "))
	case p.Type != "" && !known:
		c.errorf("type", "ukendt type %q (%sbrug en af: %s)", m.Type, didYouMean(m.Type, names), strings.Join(names, ", "))
	}
	if m.URL != "" {
		if u, err := url.Parse(m.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			c.errorf("url", "adressen %q er ikke gyldig (skriv hele adressen, fx https://bl.dk/)", m.URL)
		}
	}
	if m.Year != 0 && (m.Year < 1900 || m.Year > 2100) {
		c.errorf("year", "årstallet %d er ikke gyldigt (skriv et årstal med fire cifre)", m.Year)
	}
}

func (c *checker) contact(ct *Contact) {
	if ct == nil {
		return
	}
	if strings.TrimSpace(ct.Name) == "" {
		c.errorf("contact", "kontaktoplysningerne mangler et navn (skriv name: med afsenderens navn)")
	}
	if ct.Email != "" && (!strings.Contains(ct.Email, "@") || strings.ContainsAny(ct.Email, " <>\"")) {
		c.errorf("contact.email", "e-mailadressen %q er ikke gyldig (skriv den som navn@domæne.dk)", ct.Email)
	}
	if ct.Phone != "" && ct.Tel() == "" {
		c.errorf("contact.phone", "telefonnummeret %q har ingen cifre (skriv det som 33 76 20 00)", ct.Phone)
	}
}

func (c *checker) principleNumber(m *principleMatter) {
	base := strings.TrimSuffix(c.file[strings.LastIndex(c.file, "/")+1:], ".md")
	prefix, _, _ := strings.Cut(base, "-")
	_, given := c.page.lines["number"]
	switch {
	case !given:
		c.errorf("", "feltet \"number\" mangler (skriv princippets nummer fra 1 til 7, fx number: %s)", orDefault(prefix, "1"))
	case m.Number == 0 && c.decodeFailed("number"):
		// The decoder has said what is wrong with the number.
	case m.Number < 1 || m.Number > 7:
		c.errorf("number", "princippets nummer skal være fra 1 til 7, ikke %d", m.Number)
	case prefix != fmt.Sprint(m.Number):
		c.errorf("number", "nummeret %d passer ikke med filnavnet (kald filen %d-%s.md, eller ret nummeret)", m.Number, m.Number, c.page.Slug[strings.Index(c.page.Slug, "-")+1:])
	}
}

// common checks what every page must have.
func (c *checker) common() {
	p := c.page
	if strings.TrimSpace(p.Title) == "" && !c.decodeFailed("title") {
		c.errorf("title", "feltet \"title\" mangler eller er tomt (skriv sidens titel, fx title: \"Fodbold som fast holdepunkt\")")
	}
	needsSummary := p.Kind != KindHome && p.Kind != KindTimeline
	if needsSummary && strings.TrimSpace(p.Summary) == "" && !c.decodeFailed("summary") {
		c.errorf("summary", "feltet \"summary\" mangler eller er tomt (skriv et resumé på en til to sætninger)")
	}
	for i, s := range p.Sources {
		key := fmt.Sprintf("sources[%d]", i)
		if strings.TrimSpace(s.Title) == "" {
			c.errorf(key, "kilde nr. %d mangler en titel (skriv title: med kildens titel)", i+1)
		}
		if s.URL != "" {
			if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				c.errorf(key+".url", "kilde nr. %d har en ugyldig adresse %q (skriv hele adressen, fx https://bl.dk/)", i+1, s.URL)
			}
		}
		if s.Year != 0 && (s.Year < 1900 || s.Year > 2100) {
			c.errorf(key+".year", "kilde nr. %d har årstallet %d (skriv et årstal med fire cifre)", i+1, s.Year)
		}
	}
	for i, a := range p.Aliases {
		if !aliasRe.MatchString(a) {
			c.errorf(fmt.Sprintf("aliases[%d]", i), "den gamle adresse %q skal begynde med / og kun have små bogstaver, tal og - (fx /cases/gammel-adresse/)", a)
		}
	}
}

var dateRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// otherDates are ways of writing a date that editors use, turned into the
// right form for the hint.
var otherDates = []struct {
	re      *regexp.Regexp
	y, m, d int
}{
	{regexp.MustCompile(`^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$`), 3, 2, 1},
	{regexp.MustCompile(`^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})$`), 1, 2, 3},
}

// dateTimeRe matches a day with a time of day, as YAML timestamps and TOML
// date-times are written: 2026-02-03T10:00:00Z, 2026-02-03 10:00,
// 2026-02-03T00:00:00.000+01:00.
var dateTimeRe = regexp.MustCompile(`^(\d{4}-\d{1,2}-\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?[ \t]*(?:[Zz]|[+-]\d{1,2}(?::?\d{2})?)?$`)

var timeRe = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$`)

// midnight returns the day of a date-time at 00:00, in any time zone: the
// day the editor wrote, as a date-time because the format or a tool made
// it one.
func midnight(s string) (day string, ok bool) {
	m := dateTimeRe.FindStringSubmatch(s)
	if m == nil || strings.Trim(m[2]+m[3]+m[4]+m[5], "0") != "" {
		return "", false
	}
	return m[1], true
}

// dayOnly writes milestone dates that are a day at midnight as the day,
// which is how the rest of the timeline reads them.
func dayOnly(ms []milestoneMatter) {
	for i := range ms {
		if day, ok := midnight(ms[i].Date); ok {
			ms[i].Date = day
		}
	}
}

// parseDate parses YYYY-MM-DD and returns a Danish message when it can't,
// with the nearest valid date where there is one. A date-time is its day
// when the time is midnight, and otherwise a mistake: a case has a day.
func parseDate(s string) (time.Time, string) {
	if m := dateTimeRe.FindStringSubmatch(s); m != nil {
		day, ok := midnight(s)
		if !ok {
			day = m[1]
		}
		t, msg := parseDate(day)
		switch {
		case msg != "" || ok:
			return t, msg
		default:
			return time.Time{}, fmt.Sprintf("datoen %s har et klokkeslæt (skriv kun dagen: %s)", s, t.Format(time.DateOnly))
		}
	}
	if timeRe.MatchString(s) {
		return time.Time{}, fmt.Sprintf("datoen %s er kun et klokkeslæt (skriv dagen som ÅÅÅÅ-MM-DD, fx 2025-06-12)", s)
	}
	if m := dateRe.FindStringSubmatch(s); m != nil {
		t, err := time.Parse(time.DateOnly, s)
		if err == nil {
			return t, ""
		}
		var y, mo, d int
		fmt.Sscan(m[1], &y)
		fmt.Sscan(m[2], &mo)
		fmt.Sscan(m[3], &d)
		if mo < 1 || mo > 12 {
			return time.Time{}, fmt.Sprintf("datoen %q findes ikke: måneden skal være fra 01 til 12", s)
		}
		last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC)
		return time.Time{}, fmt.Sprintf("datoen %q findes ikke: %s %d har %d dage (mente du %s?)", s, months[mo-1], y, last.Day(), last.Format(time.DateOnly))
	}
	for _, o := range otherDates {
		if m := o.re.FindStringSubmatch(s); m != nil {
			var y, mo, d int
			fmt.Sscan(m[o.y], &y)
			fmt.Sscan(m[o.m], &mo)
			fmt.Sscan(m[o.d], &d)
			t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
			if t.Day() == d && int(t.Month()) == mo {
				return time.Time{}, fmt.Sprintf("datoen %q skal skrives som ÅÅÅÅ-MM-DD (mente du %s?)", s, t.Format(time.DateOnly))
			}
		}
	}
	return time.Time{}, fmt.Sprintf("datoen %q skal skrives som ÅÅÅÅ-MM-DD, fx 2025-06-12", s)
}

var months = []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

// DanishDate formats t the Danish way: "16. maj 2025".
func DanishDate(t time.Time) string {
	return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
}

var chartIDRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (c *checker) charts(charts []Chart) {
	seen := map[string]bool{}
	for i := range charts {
		ch := &charts[i]
		key := fmt.Sprintf("charts[%d]", i)
		switch {
		case !chartIDRe.MatchString(ch.ID):
			c.errorf(key, "diagram nr. %d skal have et id med små bogstaver, tal og - (fx id: %s)", i+1, orDefault(slug.Make(ch.Title), "hjemloese-2022"))
		case seen[ch.ID]:
			c.errorf(key+".id", "id'et %q bruges af to diagrammer (giv hvert diagram sit eget id)", ch.ID)
		}
		seen[ch.ID] = true
		if ch.Title == "" {
			c.errorf(key, "diagram nr. %d mangler en titel (title:)", i+1)
		}
		if ch.Description == "" {
			c.errorf(key, "diagram nr. %d mangler en beskrivelse (description: én sætning om, hvad diagrammet viser; den læses op for blinde)", i+1)
		}
		if len(ch.Bars) == 0 {
			c.errorf(key, "diagram nr. %d har ingen tal (skriv bars: med label og value for hver søjle)", i+1)
		}
		for j, b := range ch.Bars {
			if b.Label == "" {
				c.errorf(fmt.Sprintf("%s.bars[%d]", key, j), "søjle nr. %d i diagrammet %q mangler en label", j+1, ch.Title)
			}
			if b.Value < 0 {
				c.errorf(fmt.Sprintf("%s.bars[%d].value", key, j), "søjle nr. %d i diagrammet %q har et negativt tal", j+1, ch.Title)
			}
			ch.Max = max(ch.Max, b.Value)
		}
		c.page.Charts = append(c.page.Charts, ch)
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
