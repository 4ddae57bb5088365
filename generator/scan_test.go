package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLeftoversNotPublished checks that editor leftovers under content/
// (backups, merge files, case variants of page files) are never published,
// drafts' text included, and that check names each of them.
func TestLeftoversNotPublished(t *testing.T) {
	_, site := writeSite(t, "basic")
	secret := "HEMMELIG-KLADDETEKST"
	draft := "---\ntitle: Kladde\ndate: 2025-06-12\nsummary: K.\nthemes: [Fællesskaber]\ndraft: true\n---\n" + secret + "\n"
	leftovers := []string{
		"content/cases/hemmelig.md~",
		"content/cases/udkast.md.orig",
		"content/cases/Stor.MD",
		"content/cases/blandet.Md",
		"content/cases/#autosave.md#",
		"content/cases/gammel.md.bak",
		"content/cases/x.md.swp",
		"content/cases/x.md.tmp",
		"content/rapport.pdf.bak",
	}
	for _, f := range leftovers {
		putFile(t, filepath.Join(site, f), draft)
	}
	out := filepath.Join(site, "public")
	if _, err := Build(context.Background(), Config{Root: site, Out: out, Now: fixtureDate}); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			if strings.Contains(string(data), secret) {
				t.Errorf("%s holds a leftover's text", p)
			}
		}
		return nil
	})
	findings, err := Check(context.Background(), Config{Root: site, Now: fixtureDate})
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]string{}
	for _, f := range findings {
		named[f.File] = f.Msg
	}
	for _, f := range leftovers {
		if msg, ok := named[f]; !ok {
			t.Errorf("check does not name %s", f)
		} else if !strings.Contains(msg, "udgives ikke") {
			t.Errorf("check says of %s: %q, want it to say the file is not published", f, msg)
		}
	}
	if msg := named["content/cases/Stor.MD"]; !strings.Contains(msg, "Stor.md") {
		t.Errorf("check says of Stor.MD: %q, want it to suggest Stor.md", msg)
	}
}

// TestSymlinksStayInSite checks that a symlink under content/ is published
// only when it leads to a file inside the site outside hidden folders; a
// link out of the site (such as to /proc/self/environ, which holds the
// build's secrets) or to a folder is an error at the link, and nothing of
// its target is written.
func TestSymlinksStayInSite(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	putFile(t, outside, "SECRET_TOKEN=hunter2\n")
	tests := []struct {
		link, target string
		want         string // "" when the link is published
	}{
		{"content/miljoe.txt", outside, "uden for sitet"},
		{"content/env.txt", "/proc/self/environ", "uden for sitet"},
		{"content/cases/bilag.pdf", "../../../secret.txt", "uden for sitet"},
		{"content/git.txt", "../.git/HEAD", "skjult"},
		{"content/dir", "cases", "mappe"},
		{"content/loop.txt", "loop.txt", "uden for sitet"},
		{"content/noter.txt", "../notes.txt", ""},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			parent, site := writeSite(t, "basic")
			target := tt.target
			if target == "../../../secret.txt" {
				putFile(t, filepath.Join(parent, "secret.txt"), "SECRET_TOKEN=hunter2\n")
			}
			if err := os.Symlink(target, filepath.Join(site, tt.link)); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(site, "public")
			_, err := Build(context.Background(), Config{Root: site, Out: out, Now: fixtureDate})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Build = %v, want the link inside the site published", err)
				}
				if _, err := os.Stat(filepath.Join(out, "noter.txt")); err != nil {
					t.Error(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Build published %s → %s", tt.link, tt.target)
			}
			if !strings.Contains(err.Error(), tt.link+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build = %q, want an error at %s saying %q", err, tt.link, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed build wrote %s", out)
			}
		})
	}
}

// TestAssetSymlinkOutsideSite checks that a symlink in assets/ that leads
// out of the site is an error at the link, not a published file.
func TestAssetSymlinkOutsideSite(t *testing.T) {
	_, site := writeSite(t, "basic")
	if err := os.Symlink("/proc/self/environ", filepath.Join(site, "assets", "miljoe.txt")); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Config{Root: site, Out: filepath.Join(site, "public"), Now: fixtureDate})
	if err == nil || !strings.Contains(err.Error(), "assets/miljoe.txt: filen er et symbolsk link") {
		t.Errorf("Build = %v, want an error at assets/miljoe.txt", err)
	}
}

// TestFileNameNotUTF8 checks that a file name in Latin-1 is an error that
// says so, without the raw byte.
func TestFileNameNotUTF8(t *testing.T) {
	_, site := writeSite(t, "basic")
	putFile(t, filepath.Join(site, "content", "cases", "\xe6ble-latin1.md"), "---\ntitle: x\n---\n")
	_, err := Build(context.Background(), Config{Root: site, Out: filepath.Join(site, "public"), Now: fixtureDate})
	if err == nil || !strings.Contains(err.Error(), "content/cases/\uFFFDble-latin1.md: filnavnet er ikke skrevet i UTF-8") {
		t.Errorf("Build = %v, want an error at the file saying its name is not UTF-8", err)
	}
}

// TestScanReuseSymlink: the preview's Builder keeps its scan of content/
// while changed files stay regular files; a page file replaced by a
// symlink to a hidden file is scanned again and refused, as a full build
// refuses it, and a deleted one is gone.
func TestScanReuseSymlink(t *testing.T) {
	_, site := writeSite(t, "basic")
	b := NewBuilder(Config{Root: site, Now: fixtureDate})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	cases, _ := filepath.Glob(filepath.Join(site, "content", "cases", "*.md"))
	if len(cases) < 2 || b.tree == nil {
		t.Fatalf("%d cases, scan kept: %v", len(cases), b.tree != nil)
	}
	rel := func(p string) string { r, _ := filepath.Rel(site, p); return filepath.ToSlash(r) }
	// An edit in place keeps the scan.
	putFile(t, cases[0], readFileT(t, cases[0])+"\nMere tekst.\n")
	if _, err := b.Build(context.Background(), []string{rel(cases[0])}); err != nil || b.tree == nil {
		t.Fatalf("edit in place: %v, scan kept %v", err, b.tree != nil)
	}
	// A symlink in its place to a hidden file is scanned and refused.
	putFile(t, filepath.Join(site, ".git", "x.md"), readFileT(t, cases[0]))
	os.Remove(cases[0])
	if err := os.Symlink("../../.git/x.md", cases[0]); err != nil {
		t.Fatal(err)
	}
	_, err := b.Build(context.Background(), []string{rel(cases[0])})
	if err == nil || !strings.Contains(err.Error(), "skjult") {
		t.Fatalf("symlink to a hidden file: %v", err)
	}
	_, werr := Render(context.Background(), Config{Root: site, Now: fixtureDate})
	if werr == nil || werr.Error() != err.Error() {
		t.Fatalf("the preview says\n%v\na full build says\n%v", err, werr)
	}
}

func readFileT(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
