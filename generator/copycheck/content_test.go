package copycheck

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// allowedNames are official names that the pages must give in full, as the
// sources do. A run of words inside one of them is not copying.
var allowedNames = []string{
	// The political agreement of 19 November 2021.
	"aftale om udmøntning af reserven til foranstaltninger på social-, sundheds- og arbejdsmarkedsområdet for 2022–2025",
	// The law passed on 4 May 2023.
	"omlægningen af indsatsen mod hjemløshed og udvidelse af ordning om udslusningsboliger og indretning af bofællesskaber",
}

// A part is a piece of a page that is checked on its own: one string in the
// front matter, or the body.
type part struct {
	where string // "body" or the front matter key path, e.g. "milestones[3].text"
	text  string
}

// TestNoCopiedRuns fails when a content page or the editor's guide shares a
// run of RunLen consecutive words with a source document. Front matter
// strings are checked one by one; the titles under sources: are names of
// documents and are skipped.
func TestNoCopiedRuns(t *testing.T) {
	f, err := os.Open("testdata/seeds.txt")
	if err != nil {
		t.Fatal(err)
	}
	seeds, err := ReadHashes(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var allowed [][]string
	for _, a := range allowedNames {
		allowed = append(allowed, Words(a))
	}

	var files []string
	err = filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../docs/redaktoervejledning.md")
	if len(files) < 10 {
		t.Fatalf("found only %d files under ../../content", len(files))
	}

	runs, hits := 0, 0
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(filepath.ToSlash(file), "../../")
		parts, err := split(string(b))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, p := range parts {
			if n := len(Words(p.text)) - RunLen + 1; n > 0 {
				runs += n
			}
			for _, h := range Find(p.text, seeds, allowed) {
				hits++
				t.Errorf("%s (%s): %d or more words in a row from a source: %q — say it in other words, or quote it briefly with the source",
					name, p.where, RunLen, strings.Join(h.Words, " "))
			}
		}
	}
	t.Logf("%d files, %d runs of %d words checked against %d source runs, %d copied", len(files), runs, RunLen, len(seeds), hits)
}

// split returns the front matter strings and the body of a markdown file.
func split(src string) ([]part, error) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	if !strings.HasPrefix(src, "---\n") {
		return []part{{"body", src}}, nil
	}
	end := strings.Index(src[4:], "\n---\n")
	if end < 0 {
		return nil, fmt.Errorf("front matter has no closing ---")
	}
	fm, body := src[4:4+end], src[4+end+5:]
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
		return nil, err
	}
	var parts []part
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key := n.Content[i].Value
				if path == "" && key == "sources" {
					continue
				}
				p := key
				if path != "" {
					p = path + "." + key
				}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		case yaml.ScalarNode:
			if n.Tag == "!!str" {
				parts = append(parts, part{path, n.Value})
			}
		}
	}
	walk(&root, "")
	return append(parts, part{"body", body}), nil
}
