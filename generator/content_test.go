package generator

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// buildDate is the build date the tests render the timeline against.
var buildDate = time.Date(2025, 11, 21, 12, 0, 0, 0, time.UTC)

// TestContent builds the shipped site: it must build with no errors, and
// so no broken internal link, unknown theme or template mistake.
func TestContent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{Root: "..", Out: out, Now: buildDate, BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatalf("the shipped site does not build:\n%v", err)
	}
	if res.Pages < 20 {
		t.Errorf("built %d pages, want at least 20", res.Pages)
	}
	for _, f := range []string{"index.html", "cases/index.html", "cases/ombold-fodbold/index.html", "tidsplan/index.html",
		"tema/faellesskaber/index.html", "kommune/aalborg/index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "tidsplan/tidsplan.ics"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "cases/ombold-fodbold/index.html"))
	if !strings.Contains(string(b), `<html lang=da>`) {
		t.Errorf("case page lacks lang=da")
	}
}

// TestContentLinks checks the catalogue's cross-links: every case names a
// principle and a theme, every principle and theme is shown by a case, and
// the lists on both sides agree.
func TestContentLinks(t *testing.T) {
	s, err := Load(os.DirFS(".."), Config{BaseURL: "/", Now: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Cases) < 3 || len(s.Principles) != 7 || len(s.Themes) != 6 {
		t.Fatalf("%d cases, %d principles, %d themes; want ≥ 3, 7, 6", len(s.Cases), len(s.Principles), len(s.Themes))
	}
	for _, c := range s.Cases {
		if len(c.Principles) == 0 || len(c.Themes) == 0 || len(c.Municipalities) == 0 || len(c.Organisations) == 0 || len(c.Sources) == 0 {
			t.Errorf("%s: principles %d, themes %d, municipalities %d, organisations %d, sources %d; want each ≥ 1",
				c.File, len(c.Principles), len(c.Themes), len(c.Municipalities), len(c.Organisations), len(c.Sources))
		}
		for _, p := range c.Principles {
			if !slices.Contains(p.Cases, c) {
				t.Errorf("%s names %s, which does not list it", c.File, p.File)
			}
		}
		for _, th := range c.Themes {
			if !slices.Contains(th.Cases, c) {
				t.Errorf("%s names %s, which does not list it", c.File, th.File)
			}
		}
		if words := len(strings.Fields(c.Text)); words < 600 {
			t.Errorf("%s has %d words, want ≥ 600", c.File, words)
		}
	}
	for i, p := range s.Principles {
		if p.Number != i+1 {
			t.Errorf("principle %d is %s", i+1, p.File)
		}
		if len(p.Cases) == 0 {
			t.Errorf("%s: no case shows this principle", p.File)
		}
		for _, c := range p.Cases {
			if !slices.Contains(c.Principles, p) {
				t.Errorf("%s lists %s, which does not name it", p.File, c.File)
			}
		}
	}
	for _, th := range s.Themes {
		if strings.TrimSpace(th.Text) == "" {
			t.Errorf("%s has no introduction", th.File)
		}
	}
	for _, p := range slices.Concat(s.Cases, s.Principles, s.Themes, s.Pages) {
		if len(p.Sources) == 0 && p.URL != "/privatliv/" && p.URL != "/tilgaengelighedserklaering/" {
			t.Errorf("%s names no source", p.File)
		}
	}
}

// TestContentTimeline checks that the timeline holds the campaign plan and
// the background milestones, each with a valid date and area.
func TestContentTimeline(t *testing.T) {
	s, err := Load(os.DirFS(".."), Config{BaseURL: "/", Now: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	if s.Timeline == nil {
		t.Fatal("no content/tidsplan.md")
	}
	areas := map[string]int{}
	dates := map[string]bool{}
	for _, m := range s.Timeline.Milestones {
		if m.Start.IsZero() || m.End.Before(m.Start) || m.AreaTitle == "" || m.Label == "" || m.Title == "" {
			t.Errorf("milestone %+v is incomplete", m)
		}
		areas[m.Area]++
		dates[m.Date] = true
	}
	for _, a := range Areas {
		if areas[a.Key] == 0 {
			t.Errorf("no milestone in area %s", a.Key)
		}
	}
	for _, d := range []string{"2021-11-19", "2023-05-04", "2023-07-01", "2023-10-01", "2025-05-16", "2027-12-31"} {
		if !dates[d] {
			t.Errorf("no milestone on %s", d)
		}
	}
	first, last := s.Timeline.Milestones[0], s.Timeline.Milestones[len(s.Timeline.Milestones)-1]
	if first.Date != "2021-11-19" || last.Date != "2027-12-31" {
		t.Errorf("timeline runs %s to %s, want 2021-11-19 to 2027-12-31", first.Date, last.Date)
	}
}
