package devserver

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSoak runs 300 random edits, creations, deletions and renames of files
// and folders against a running server. Afterwards the served build must
// equal a clean build of the same tree, and the server must still answer.
func TestSoak(t *testing.T) {
	root := newSite(t)
	s, url, cancel, done := startServer(t, Config{Root: root, Build: fakeBuild(root), Delay: 15 * time.Millisecond})
	waitFor(t, func() bool { res, err := http.Get(url + "/"); return err == nil && res.StatusCode == 200 })

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	m := &mutator{t: t, root: root, rng: rand.New(rand.NewPCG(seed, 1))}
	// Three rounds of 100 operations, each followed by a check.
	var want string
	for round := range 3 {
		for range 100 {
			m.step()
			time.Sleep(time.Duration(m.rng.IntN(4)) * time.Millisecond)
		}
		want = cleanBuild(t, root)
		if diff := waitSame(s, want); diff != "" {
			t.Fatalf("round %d: served build differs from a clean build after %d ops: %s", round, m.ops, diff)
		}
	}
	// Every folder is still watched: a page saved in it alone shows up.
	for _, d := range m.list(true) {
		write(t, filepath.Join(d, "sidst.md"), "sidst")
		want = cleanBuild(t, root)
		if diff := waitSame(s, want); diff != "" {
			t.Fatalf("after a save in %s: %s", d, diff)
		}
	}
	checkServed(t, url, want)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve = %v", err)
	}
}

func cleanBuild(t *testing.T, root string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := writeFake(root, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkServed fetches every page of the clean build over HTTP.
func checkServed(t *testing.T, url, want string) {
	t.Helper()
	tag := fmt.Sprintf(scriptTag, 0)
	tag = tag[:strings.Index(tag, `data-gen="`)]
	filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "404.html" {
			return err
		}
		rel := filepath.ToSlash(must(filepath.Rel(want, p)))
		res, err := http.Get(url + "/" + strings.TrimSuffix(rel, "index.html"))
		if err != nil {
			t.Fatalf("server down: %v", err)
		}
		got := body(t, res)
		if i := strings.Index(got, tag); i >= 0 {
			got = got[:i] + got[i+strings.Index(got[i:], "</script>")+len("</script>"):]
		}
		if b := must(os.ReadFile(p)); res.StatusCode != 200 || got != string(b) {
			t.Errorf("GET /%s = %d %.80q, want %.80q", rel, res.StatusCode, got, b)
		}
		return nil
	})
}

// waitSame waits until the current build equals the tree want and returns
// the last difference seen.
func waitSame(s *Server, want string) string {
	var diff string
	eventually(10*time.Second, func() bool {
		site, problems, _ := s.state()
		if site == nil {
			diff = "no build"
			return false
		}
		defer site.release()
		diff = dirDiff(want, dirOf(site))
		if problems != nil {
			diff = fmt.Sprintf("problems %v", problems)
		}
		return diff == ""
	})
	return diff
}

func eventually(d time.Duration, ok func() bool) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return true
		}
	}
	return ok()
}

// dirDiff describes the first difference between two trees, or "".
func dirDiff(a, b string) string {
	fa, fb := files(a), files(b)
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range fa {
			if !yield(n) {
				return
			}
		}
		for n := range fb {
			if _, ok := fa[n]; !ok && !yield(n) {
				return
			}
		}
	}) {
		x, inA := fa[name]
		y, inB := fb[name]
		switch {
		case !inA:
			return "extra " + name
		case !inB:
			return "missing " + name
		case !bytes.Equal(x, y):
			return fmt.Sprintf("%s = %.60q, want %.60q", name, y, x)
		}
	}
	return ""
}

func files(dir string) map[string][]byte {
	m := make(map[string][]byte)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			m[must(filepath.Rel(dir, p))], _ = os.ReadFile(p)
		}
		return nil
	})
	return m
}

// A mutator makes random changes to a site the way editors and git do.
type mutator struct {
	t    *testing.T
	root string
	rng  *rand.Rand
	ops  int
	n    int
}

func (m *mutator) step() {
	m.ops++
	dirs := m.list(true)
	pages := m.list(false)
	switch op := m.rng.IntN(10); {
	case op < 3 && len(pages) > 0: // edit, half of them as atomic saves
		p := pages[m.rng.IntN(len(pages))]
		text := fmt.Sprintf("tekst %d", m.rng.IntN(1e6))
		if m.rng.IntN(2) == 0 {
			tmp := filepath.Join(filepath.Dir(p), ".save-"+filepath.Base(p))
			os.WriteFile(tmp, []byte(text), 0o644)
			os.Rename(tmp, p)
		} else {
			os.WriteFile(p, []byte(text), 0o644)
		}
	case op < 5: // create a page, sometimes in a new folder
		m.n++
		dir := dirs[m.rng.IntN(len(dirs))]
		if m.rng.IntN(3) == 0 {
			dir = filepath.Join(dir, fmt.Sprintf("mappe%d", m.n))
		}
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("side%d.md", m.n)), []byte("ny"), 0o644)
	case op < 6 && len(pages) > 3: // delete a page
		os.Remove(pages[m.rng.IntN(len(pages))])
	case op < 7 && len(pages) > 0: // rename a page
		m.n++
		p := pages[m.rng.IntN(len(pages))]
		os.Rename(p, filepath.Join(dirs[m.rng.IntN(len(dirs))], fmt.Sprintf("flyttet%d.md", m.n)))
	case op < 8 && len(dirs) > 1: // rename or delete a folder
		m.n++
		d := dirs[1+m.rng.IntN(len(dirs)-1)]
		if m.rng.IntN(4) == 0 {
			os.RemoveAll(d)
		} else {
			os.Rename(d, filepath.Join(filepath.Dir(d), fmt.Sprintf("omdoebt%d", m.n)))
		}
	default: // a stylesheet
		os.WriteFile(filepath.Join(m.root, "assets/css/site.css"), fmt.Appendf(nil, "p{margin:%dpx}", m.rng.IntN(100)), 0o644)
	}
}

// list returns the folders (content/ first) or the pages under content/.
func (m *mutator) list(dirs bool) []string {
	var out []string
	filepath.WalkDir(filepath.Join(m.root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() == dirs && (dirs || strings.HasSuffix(p, ".md")) {
			out = append(out, p)
		}
		return nil
	})
	return out
}
