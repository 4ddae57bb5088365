package editor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestSoakConflicts interleaves 300 operations on one file, in an order
// drawn from a fixed seed: edits made directly on disk by a second
// goroutine (a text editor, a git pull) and bursts of one to three saves
// sent at the same time over HTTP, each with the version its editor opened,
// the file's current one or an older one. After every operation the test
// checks:
//
//   - no silent overwrite: every save whose version was not the file's got
//     409, and the file on disk is exactly what it was (the other edit
//     kept);
//   - no lost save: of the saves in a burst that had the current version,
//     exactly one got 200 and the file on disk is its result, until the
//     next operation; the others got 409.
//
// The disk edits do not overlap a save: the editor cannot lock a file
// against other programs, so a write by another program between its check
// of the version and its rename (microseconds) is the one case no server
// can catch.
func TestSoakConflicts(t *testing.T) {
	const ops, seed = 300, 14
	root := newSite(t)
	e := newEditor(t, root)
	srv := httptest.NewServer(e)
	defer srv.Close()
	file := filepath.Join(root, "content", "cases", "a.md")
	rng := rand.New(rand.NewPCG(seed, seed))

	// The second editor: a goroutine that rewrites the file when told.
	type diskEdit struct {
		data []byte
		done chan struct{}
	}
	disk := make(chan diskEdit)
	go func() {
		for d := range disk {
			if err := os.WriteFile(file, d.data, 0o644); err != nil {
				t.Error(err)
			}
			close(d.done)
		}
	}()
	defer close(disk)

	cur := []byte(caseA)
	versions := []string{version(cur)} // every version the file has had
	var diskEdits, fresh, freshLost, stale int
	for op := range ops {
		if rng.IntN(100) < 35 {
			next := bytes.Replace(cur, []byte("\n---\n"), fmt.Appendf(nil, "\n---\nRettet på disken %d.\n", op), 1)
			d := diskEdit{next, make(chan struct{})}
			disk <- d
			<-d.done
			cur = next
			versions = append(versions, version(cur))
			diskEdits++
			continue
		}
		curV := version(cur)
		n := 1 + rng.IntN(3)
		type result struct {
			opened string
			code   int
			resp   map[string]any
			body   string
		}
		results := make([]result, n)
		for i := range results {
			opened := curV
			if rng.IntN(100) < 40 {
				opened = versions[rng.IntN(len(versions))]
			}
			results[i] = result{opened: opened, body: fmt.Sprintf("Gemt i browser %d-%d.\n", op, i)}
		}
		var wg sync.WaitGroup
		for i := range results {
			wg.Go(func() {
				r := &results[i]
				b, _ := json.Marshal(map[string]any{"path": "content/cases/a.md", "version": r.opened,
					"fields": map[string]any{"summary": fmt.Sprintf("Resumé %d-%d.", op, i)}, "body": r.body})
				req, _ := http.NewRequest("POST", srv.URL+"/api/save", bytes.NewReader(b))
				req.Header.Set("Origin", srv.URL)
				req.Header.Set(TokenHeader, e.Token())
				resp, err := srv.Client().Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				defer resp.Body.Close()
				r.code = resp.StatusCode
				json.NewDecoder(resp.Body).Decode(&r.resp)
			})
		}
		wg.Wait()
		onDisk, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		winners := 0
		var winner *result
		freshN := 0
		for i := range results {
			r := &results[i]
			switch {
			case r.opened != curV:
				stale++
				if r.code != http.StatusConflict {
					t.Fatalf("op %d: a save with a stale version got %d: silent overwrite", op, r.code)
				}
			case r.code == http.StatusOK:
				winners++
				winner = r
			case r.code == http.StatusConflict:
				freshLost++ // another save of the burst was first
			default:
				t.Fatalf("op %d: save got %d %v", op, r.code, r.resp)
			}
			if r.opened == curV {
				freshN++
			}
			if r.code == http.StatusConflict && r.resp["theirs"] == nil {
				t.Errorf("op %d: 409 without theirs", op)
			}
		}
		switch {
		case freshN == 0:
			if !bytes.Equal(onDisk, cur) {
				t.Fatalf("op %d: only stale saves, yet the file changed:\n%s", op, onDisk)
			}
		case winners != 1:
			t.Fatalf("op %d: %d of %d saves with the current version got 200, want 1", op, winners, freshN)
		default:
			fresh++
			if winner.resp["version"] != version(onDisk) || !bytes.HasSuffix(onDisk, []byte("---\n"+winner.body)) {
				t.Fatalf("op %d: the accepted save is not on disk (lost save):\n%s", op, onDisk)
			}
			if !bytes.Contains(onDisk, []byte("# Kommentar, der skal blive stående.")) {
				t.Fatalf("op %d: the comment is gone", op)
			}
			cur = onDisk
			versions = append(versions, version(cur))
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(file))
	for _, d := range entries {
		if strings.HasSuffix(d.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", d.Name())
		}
	}
	t.Logf("seed %d: %d operations: %d disk edits, %d accepted saves, %d saves refused as stale, %d refused after losing a race to a save of the same version",
		seed, ops, diskEdits, fresh, stale, freshLost)
	if diskEdits == 0 || fresh == 0 || stale == 0 || freshLost == 0 {
		t.Error("the seed does not exercise every case")
	}
}
