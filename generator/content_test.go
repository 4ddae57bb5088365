package generator

import (
	"context"
	"os"
	"path/filepath"
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
	if !strings.Contains(string(b), `lang="da"`) {
		t.Errorf("case page lacks lang=da")
	}
}
