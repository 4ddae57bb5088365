package generator

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// writeSite writes the fixture testdata/sites/<name>.txtar to a new folder
// on disk, as a site with a .git folder and a notes file beside its
// sources, inside a parent folder that also holds a sibling project.
func writeSite(t *testing.T, name string) (parent, site string) {
	t.Helper()
	_, fsys := loadFixture(t, name)
	parent = t.TempDir()
	site = filepath.Join(parent, "site")
	for f, mf := range fsys {
		putFile(t, filepath.Join(site, filepath.FromSlash(f)), string(mf.Data))
	}
	putFile(t, filepath.Join(site, ".git", "HEAD"), "ref: refs/heads/main\n")
	putFile(t, filepath.Join(site, "skabeloner", "case.md"), "---\ntitle: x\n---\n")
	putFile(t, filepath.Join(site, "notes.txt"), "precious\n")
	putFile(t, filepath.Join(parent, "sibling", "important.txt"), "other project\n")
	return parent, site
}

func putFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// treeSum sums every path, kind and content under dir.
func treeSum(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			lines = append(lines, "err "+p)
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			lines = append(lines, "d "+rel)
			return nil
		}
		data, _ := os.ReadFile(p)
		lines = append(lines, fmt.Sprintf("f %s %x", rel, sha256.Sum256(data)))
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestBuildRefusesOutput checks that an -out that would destroy sources,
// another project or someone's files is refused before anything is
// written, with a Danish message that names it.
func TestBuildRefusesOutput(t *testing.T) {
	tests := []struct {
		name string
		out  func(parent, site string) string
		want string
	}{
		{"site itself", func(p, s string) string { return s }, "selve sitets mappe"},
		{"site with slash", func(p, s string) string { return s + "/" }, "selve sitets mappe"},
		{"site via dot dot", func(p, s string) string { return filepath.Join(s, "content") + "/.." }, "selve sitets mappe"},
		{"parent", func(p, s string) string { return p }, "uden om"},
		{"filesystem root", func(p, s string) string { return "/" }, "uden om"},
		{"content", func(p, s string) string { return filepath.Join(s, "content") }, "content/-mappe"},
		{"inside content", func(p, s string) string { return filepath.Join(s, "content", "ud") }, "content/-mappe"},
		{"layouts", func(p, s string) string { return filepath.Join(s, "layouts") }, "layouts/-mappe"},
		{"assets", func(p, s string) string { return filepath.Join(s, "assets") }, "assets/-mappe"},
		{"skabeloner", func(p, s string) string { return filepath.Join(s, "skabeloner") }, "skabeloner/-mappe"},
		{"git", func(p, s string) string { return filepath.Join(s, ".git") }, ".git/-mappe"},
		{"inside git", func(p, s string) string { return filepath.Join(s, ".git", "x") }, ".git"},
		{"a file", func(p, s string) string { return filepath.Join(s, "notes.txt") }, "er en fil"},
		{"below a file", func(p, s string) string { return filepath.Join(s, "notes.txt", "sub") }, "en del af stien er en fil"},
		{"someone's folder", func(p, s string) string { return filepath.Join(p, "sibling") }, "ikke bygget af katalog"},
		{"empty name", func(p, s string) string { return "" }, "ikke angivet"},
		{"symlink to content", func(p, s string) string {
			link := filepath.Join(s, "public")
			if err := os.Symlink(filepath.Join(s, "content"), link); err != nil {
				panic(err)
			}
			return link
		}, "content/-mappe"},
		{"symlink to the parent", func(p, s string) string {
			link := filepath.Join(s, "ud")
			if err := os.Symlink(p, link); err != nil {
				panic(err)
			}
			return filepath.Join(link, "site")
		}, "selve sitets mappe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent, site := writeSite(t, "basic")
			out := tt.out(parent, site)
			before := treeSum(t, parent)
			_, err := Build(context.Background(), Config{Root: site, Out: out, Now: fixtureDate})
			if !errors.Is(err, ErrOutput) {
				t.Fatalf("Build(-out %s) = %v, want an ErrOutput", out, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build(-out %s) = %q, want it to say %q", out, err, tt.want)
			}
			if after := treeSum(t, parent); after != before {
				t.Errorf("Build(-out %s) changed files although it refused:\n%s", out, after)
			}
		})
	}
}

// TestBuildRefusesSource checks that a -src that is not a site is named
// and that nothing is created.
func TestBuildRefusesSource(t *testing.T) {
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "afile"), "x")
	os.Mkdir(filepath.Join(dir, "empty"), 0o755)
	for _, tt := range []struct{ src, want string }{
		{"does-not-exist", "findes ikke"},
		{"afile", "er en fil"},
		{"empty", "ikke et site"},
	} {
		src := filepath.Join(dir, tt.src)
		out := filepath.Join(dir, "new", "public")
		_, err := Build(context.Background(), Config{Root: src, Out: out, Now: fixtureDate})
		if !errors.Is(err, ErrOutput) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), src) {
			t.Errorf("Build(-src %s) = %v, want an ErrOutput naming it, saying %q", tt.src, err, tt.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "new")); err == nil {
			t.Errorf("Build(-src %s) created the output's parent", tt.src)
		}
	}
}

// TestBuildReplacesItsOwnOutput checks the outputs a build may write to: a
// new folder, an empty one, and one an earlier build wrote (it carries the
// marker), which is replaced whole.
func TestBuildReplacesItsOwnOutput(t *testing.T) {
	parent, site := writeSite(t, "basic")
	for _, out := range []string{filepath.Join(site, "public"), filepath.Join(parent, "elsewhere", "public")} {
		for range 2 {
			if _, err := Build(context.Background(), Config{Root: site, Out: out, Now: fixtureDate}); err != nil {
				t.Fatalf("Build(-out %s) = %v", out, err)
			}
			if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
				t.Errorf("no marker in %s: %v", out, err)
			}
			putFile(t, filepath.Join(out, "stray.txt"), "replaced by the next build")
		}
		if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
			t.Errorf("no index.html in %s: %v", out, err)
		}
	}
	empty := filepath.Join(parent, "empty")
	os.Mkdir(empty, 0o755)
	if _, err := Build(context.Background(), Config{Root: site, Out: empty, Now: fixtureDate}); err != nil {
		t.Fatalf("Build(-out empty folder) = %v", err)
	}
}

// TestBuildRemovesLeftovers checks that the folders of a killed build are
// removed by the next build, while folders of a running build, folders
// without the marker and folders named for another output stay.
func TestBuildRemovesLeftovers(t *testing.T) {
	parent, site := writeSite(t, "basic")
	dead := "Skrevet af katalog build.\npid 2147483646\n"
	live := fmt.Sprintf("Skrevet af katalog build.\npid %d\n", os.Getpid())
	folders := map[string]struct {
		marker string
		stays  bool
	}{
		".public.new-0123456789ab": {dead, false},
		".public.old-0123456789ab": {live, false}, // an old output is never in use
		".public.new-aaaaaaaaaaaa": {live, true},
		".public.new-bbbbbbbbbbbb": {"", true},
		".other.new-0123456789ab":  {dead, true},
	}
	for name, f := range folders {
		putFile(t, filepath.Join(site, name, "index.html"), "x")
		if f.marker != "" {
			putFile(t, filepath.Join(site, name, Marker), f.marker)
		}
	}
	if _, err := Build(context.Background(), Config{Root: site, Out: filepath.Join(site, "public"), Now: fixtureDate}); err != nil {
		t.Fatal(err)
	}
	for name, f := range folders {
		_, err := os.Stat(filepath.Join(site, name))
		if stays := err == nil; stays != f.stays {
			t.Errorf("%s: stays = %v, want %v", name, stays, f.stays)
		}
	}
	_ = parent
}

// TestSwapKeepsNewOutput checks that a build whose new output was swapped
// in succeeds, with a warning, when the old output cannot be removed.
func TestSwapKeepsNewOutput(t *testing.T) {
	_, site := writeSite(t, "basic")
	out := filepath.Join(site, "public")
	if _, err := Build(context.Background(), Config{Root: site, Out: out, Now: fixtureDate}); err != nil {
		t.Fatal(err)
	}
	removeAll = func(string) error { return fs.ErrPermission }
	defer func() { removeAll = os.RemoveAll }()
	res, err := Build(context.Background(), Config{Root: site, Out: out, Now: fixtureDate})
	if err != nil {
		t.Fatalf("Build = %v, want success", err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "kan ikke slettes") {
		t.Errorf("Warnings = %q, want one saying the old output cannot be removed", res.Warnings)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}
