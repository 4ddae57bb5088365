package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"katalog/internal/slug"
	"katalog/internal/suggest"
)

var monthRe = regexp.MustCompile(`^\d{4}-\d{2}$`)

// parseSpan reads a milestone date: a day (2025-05-16), a month (2025-10) or
// a range of either (2025-08/2025-09). It returns the first and last day.
func parseSpan(s string) (start, end time.Time, msg string) {
	from, to, isRange := strings.Cut(s, "/")
	start, _, msg = parseDay(from, false)
	if msg != "" {
		return
	}
	_, end, msg = parseDay(from, true)
	if isRange {
		_, end, msg = parseDay(to, true)
		if msg == "" && end.Before(start) {
			msg = fmt.Sprintf("perioden %q slutter, før den begynder (skriv den tidligste dato først)", s)
		}
	}
	return
}

// parseDay parses one day or month; for a month, last selects its last day.
func parseDay(s string, last bool) (t, lastDay time.Time, msg string) {
	if monthRe.MatchString(s) {
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return t, t, fmt.Sprintf("måneden %q findes ikke (skriv ÅÅÅÅ-MM, fx 2025-10)", s)
		}
		return t, t.AddDate(0, 1, -1), ""
	}
	t, msg = parseDate(s)
	if msg != "" {
		msg += " (eller en måned som 2025-10, eller en periode som 2025-08/2025-09)"
	}
	return t, t, msg
}

func (c *checker) milestones(ms []milestoneMatter) {
	known := make([]string, len(Areas))
	for i, a := range Areas {
		known[i] = a.Key
	}
	ids := map[string]int{}
	for i, m := range ms {
		key := fmt.Sprintf("milestones[%d]", i)
		start, end, msg := parseSpan(m.Date)
		switch {
		case m.Date == "":
			c.errorf(key, "milepæl nr. %d mangler en dato (date: 2025-05-16, 2025-10 eller 2025-08/2025-09)", i+1)
		case msg != "":
			c.errorf(key+".date", "%s", msg)
		}
		area := slices.IndexFunc(Areas, func(a struct{ Key, Title string }) bool { return a.Key == m.Area })
		if area < 0 {
			hint := ""
			if n := suggest.Nearest(m.Area, known); n != "" {
				hint = fmt.Sprintf("mente du %q? ", n)
			}
			c.errorf(key+".area", "ukendt område %q (%sbrug et af: %s)", m.Area, hint, strings.Join(known, ", "))
		}
		if m.Title == "" {
			c.errorf(key, "milepæl nr. %d mangler en titel (title:)", i+1)
		}
		if m.Label == "" {
			c.errorf(key, "milepæl nr. %d mangler label (skriv datoen, som den siges, fx label: \"August–september 2025\")", i+1)
		}
		id := "m-" + slug.Make(m.Date+" "+m.Area)
		ids[id]++
		if n := ids[id]; n > 1 {
			id = fmt.Sprintf("%s-%d", id, n)
		}
		ms := &Milestone{ID: id, Date: m.Date, Start: start, End: end, Label: m.Label, Area: m.Area, Title: m.Title, Text: m.Text}
		if area >= 0 {
			ms.AreaTitle = Areas[area].Title
		}
		c.page.Milestones = append(c.page.Milestones, ms)
	}
	slices.SortStableFunc(c.page.Milestones, func(a, b *Milestone) int { return a.Start.Compare(b.Start) })
}

// setStatus marks each milestone past, now or coming against the day now.
func setStatus(ms []*Milestone, now time.Time) {
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	for _, m := range ms {
		switch {
		case m.End.Before(day):
			m.Status = "past"
		case m.Start.After(day):
			m.Status = "coming"
		default:
			m.Status = "now"
		}
	}
}
