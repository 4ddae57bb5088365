package generator

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"
)

// drawChart draws a horizontal bar chart as inline SVG. Each bar carries its
// label and value as text, so colour never carries meaning alone; the
// chart's title and description are its accessible name, and the page shows
// the same numbers in a table beside it. Colours come from the stylesheet
// (classes, no style attributes).
func drawChart(c *Chart) template.HTML {
	const (
		width          = 640
		barH, gap, top = 28, 12, 8
		charW, minPlot = 8.5, 160 // the stylesheet sets 15px text: about 8.5 units a character
	)
	// Room for the longest label on the left and the longest value on the
	// right, so that neither is cut off; the bars get the rest.
	var longLabel, longValue int
	for _, bar := range c.Bars {
		longLabel = max(longLabel, utf8.RuneCountInString(bar.Label))
		longValue = max(longValue, utf8.RuneCountInString(Number(bar.Value)+unitSuffix(c.Unit)))
	}
	valueW := int(float64(longValue)*charW) + 16
	labelW := min(int(float64(longLabel)*charW)+16, width-valueW-minPlot)
	plot := float64(width - labelW - valueW)
	height := top + len(c.Bars)*(barH+gap)
	var b strings.Builder
	id := "chart-" + c.ID
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`, width, height, width, height, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString(c.Title), id, html.EscapeString(c.Description))
	for i, bar := range c.Bars {
		y := top + i*(barH+gap)
		w := 0.0
		if c.Max > 0 {
			w = bar.Value / c.Max * plot
		}
		fmt.Fprintf(&b, `<text class="chart-label" x="%d" y="%d" text-anchor="end">%s</text>`, labelW-8, y+barH/2+5, html.EscapeString(bar.Label))
		fmt.Fprintf(&b, `<rect class="chart-bar" x="%d" y="%d" width="%.1f" height="%d"/>`, labelW, y, max(w, 1), barH)
		fmt.Fprintf(&b, `<text class="chart-value" x="%.1f" y="%d">%s</text>`, float64(labelW)+max(w, 1)+6, y+barH/2+5, html.EscapeString(Number(bar.Value)+unitSuffix(c.Unit)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func unitSuffix(unit string) string {
	switch unit {
	case "":
		return ""
	case "%", "pct.":
		return " %"
	}
	return " " + unit
}

// Number formats a value the Danish way: 6.431 and 12,5.
func Number(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "," + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
