package generator

// Preview tests: the preview's Builder, after every edit of a script, must
// give what a full build of the same files gives, byte for byte.
//
// The scripts are in testdata/preview/*.txtar. A script's comment may name
// its base and build settings, one per line:
//
//	base: shipped     the repository's content/, layouts/ and assets/
//	base: basic       testdata/sites/basic.txtar with testdata/layouts
//	base: corpus 60   basic and 60 generated cases, so lists paginate
//	now: 2026-11-21   the build date (default 2025-10-15, for shipped 2026-11-21)
//	drafts: true      build with drafts, as katalog serve -drafts does
//	bug: TEXT         the script shows a known bug: while the preview and
//	                  a full build disagree, the test is skipped with the
//	                  difference; once it passes, the test fails until
//	                  the line is removed
//
// Then come the site's own files (added to the base, or replacing its
// files of the same name), and then the steps. Each step is built once:
//
//	-- step: edit FILE --      the section is the whole new file (new or not)
//	-- step: append FILE --    the section is added at the end of the file
//	-- step: replace FILE --   the section is the old text, a line >>>, then
//	                           the new text (or exactly two lines: old, new);
//	                           the first occurrence is replaced
//	-- step: front FILE --     each line "key: value" replaces the key's
//	                           top-level front matter entry (or is added at
//	                           its end); a line "-key" removes the entry
//	-- step: rm FILE --        deletes the file
//	-- step: mv FILE NEW --    renames it; both names are changed
//	-- step: touch FILE --     names the file as changed, unchanged
//	-- step: png FILE WxH --   writes a PNG image of that size
//
// A section "-- and: OP … --" adds one more edit to the step before, for
// edits saved together. The builder is told the files the edits touched;
// "-- changed: unknown --" tells it nothing (a rescan), and
// "-- changed: FILE … --" names the files itself.
//
// A step may expect, besides equal output:
//
//	-- expect: patched --          the builder took a shortcut (Patched)
//	-- expect: rebuilt --          the builder read the site again
//	-- expect: error FILE:LINE --  both builds fail, with the same errors,
//	                               one of them at FILE:LINE (or only FILE);
//	                               the next step must build again
//	-- expect: exists OUT --       the output has the file OUT
//	-- expect: absent OUT --       the output has no file OUT
//	-- expect: contains OUT --     OUT has every line of the section
//	-- expect: lacks OUT --        OUT has no line of the section
//
// A failure names the script and the line of the step, as
// testdata/preview/x.txtar:12: step 3 (append content/cases/x.md): …,
// the first output file that differs and the bytes around the difference.

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

var previewSeed = flag.Uint64("seed", 0, "seed of TestPreviewRandom (0: the time)")

// shippedDate is the build date of scripts on the shipped site.
var shippedDate = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// A previewScript is an edit script: a site and the steps to make to it.
type previewScript struct {
	file   string // as in messages: testdata/preview/x.txtar
	base   string
	now    time.Time
	drafts bool
	bug    string            // a known bug the script shows
	files  map[string][]byte // the script's own files
	steps  []*previewStep
}

// A previewStep is one build after one or more edits.
type previewStep struct {
	n       int    // 1-based
	line    int    // the line of its step: section
	name    string // the step: section's name, for messages
	edits   []previewEdit
	unknown bool     // tell the builder nothing (changed: unknown)
	changed []string // changed: FILE …, or nil for the files the edits touch
	expect  []previewExpect
	errAt   string // expect: error FILE[:LINE]
}

type previewEdit struct {
	op   string // edit, append, replace, front, rm, mv, touch, png
	args []string
	data []byte
	line int
}

type previewExpect struct {
	what string // patched, rebuilt, exists, absent, contains, lacks
	file string
	data []byte
	line int
}

// previewMarkers returns the line of each txtar file marker in data, in order.
func previewMarkers(data []byte) []int {
	var lines []int
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) >= 7 && strings.TrimSpace(l[3:len(l)-3]) != "" {
			lines = append(lines, i+1)
		}
	}
	return lines
}

var previewOps = map[string]int{"edit": 1, "append": 1, "replace": 1, "front": 1, "rm": 1, "mv": 2, "touch": 1, "png": 2}

// readPreviewScript parses the script in file.
func readPreviewScript(t *testing.T, file string) *previewScript {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	a := txtar.Parse(data)
	lines := previewMarkers(data)
	if len(lines) != len(a.Files) {
		t.Fatalf("%s: %d file markers, txtar finds %d", file, len(lines), len(a.Files))
	}
	s := &previewScript{file: filepath.ToSlash(file), files: map[string][]byte{}}
	fail := func(line int, format string, args ...any) {
		t.Helper()
		t.Fatalf("%s:%d: %s", s.file, line, fmt.Sprintf(format, args...))
	}
	for i, l := range strings.Split(string(a.Comment), "\n") {
		key, value, ok := strings.Cut(l, ": ")
		if !ok {
			continue
		}
		switch key {
		case "base":
			s.base = value
		case "now":
			if s.now, err = time.Parse(time.DateOnly, value); err != nil {
				fail(i+1, "now: %v", err)
			}
			s.now = s.now.Add(12 * time.Hour)
		case "drafts":
			s.drafts = value == "true"
		case "bug":
			s.bug = value
		}
	}
	if s.now.IsZero() {
		s.now = fixtureDate
		if s.base == "shipped" {
			s.now = shippedDate
		}
	}
	var step *previewStep
	for i, f := range a.Files {
		line := lines[i]
		kind, rest, ok := strings.Cut(f.Name, ": ")
		if !ok || !slices.Contains([]string{"step", "and", "expect", "changed"}, kind) {
			if step != nil {
				fail(line, "a site file after the first step: %s", f.Name)
			}
			s.files[f.Name] = f.Data
			continue
		}
		fields := strings.Fields(rest)
		if kind != "step" && step == nil {
			fail(line, "%s before the first step", kind)
		}
		switch kind {
		case "step", "and":
			if len(fields) == 0 || previewOps[fields[0]] != len(fields)-1 {
				fail(line, "%q: want edit, append, replace, front, rm or touch FILE, mv FILE NEW, or png FILE WxH", rest)
			}
			if kind == "step" {
				step = &previewStep{n: len(s.steps) + 1, line: line, name: rest}
				s.steps = append(s.steps, step)
			}
			step.edits = append(step.edits, previewEdit{op: fields[0], args: fields[1:], data: f.Data, line: line})
		case "changed":
			if rest == "unknown" {
				step.unknown = true
			} else {
				step.changed = fields
			}
		case "expect":
			if len(fields) == 0 {
				fail(line, "expect what?")
			}
			e := previewExpect{what: fields[0], data: f.Data, line: line}
			switch {
			case e.what == "error" && len(fields) == 2:
				step.errAt = fields[1]
				continue
			case (e.what == "patched" || e.what == "rebuilt") && len(fields) == 1:
			case slices.Contains([]string{"exists", "absent", "contains", "lacks"}, e.what) && len(fields) == 2:
				e.file = fields[1]
			default:
				fail(line, "%q: want patched, rebuilt, error FILE:LINE, or exists, absent, contains or lacks OUT", rest)
			}
			step.expect = append(step.expect, e)
		}
	}
	for i, st := range s.steps {
		if st.errAt != "" && i == len(s.steps)-1 {
			fail(st.line, "a failing step must be followed by one that builds again")
		}
	}
	return s
}

// site returns the script's base with its own files.
func (s *previewScript) site(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	base, arg, _ := strings.Cut(s.base, " ")
	switch base {
	case "", "none":
	case "shipped":
		fsys = previewShipped(t)
	case "basic":
		_, fsys = loadFixture(t, "basic")
	case "corpus":
		n, err := strconv.Atoi(arg)
		if err != nil {
			t.Fatalf("%s: base: corpus N: %v", s.file, err)
		}
		_, fsys = loadFixture(t, "basic")
		previewCorpus(fsys, n)
	default:
		t.Fatalf("%s: unknown base %q: want shipped, basic or corpus N", s.file, s.base)
	}
	for name, data := range s.files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// previewShipped reads the repository's content/, layouts/ and assets/.
func previewShipped(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("..")
	for _, dir := range []string{"content", "layouts", "assets"} {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// previewCorpus adds n cases, c000 to c<n-1>: a few days apart, in five
// municipalities, about the basic fixture's theme and principle.
func previewCorpus(fsys fstest.MapFS, n int) {
	day := time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fsys[fmt.Sprintf("content/cases/c%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Case %d om %s\ndate: %s\nsummary: Om case %d.\nthemes: [Fællesskaber]\nmunicipality: Kommune %d\nprinciples: [1]\n---\nTekst om case %d.\n\n## Om %s\n\n%s %s %s.\n",
			i, words[i%len(words)], day.AddDate(0, 0, 7*i).Format(time.DateOnly), i, i%5, i,
			words[(i+3)%len(words)], words[(i+5)%len(words)], words[(i+7)%len(words)], words[(i+11)%len(words)])}
	}
}

// apply makes the edit to fsys and returns the files it touched, or an error.
func (e previewEdit) apply(fsys fstest.MapFS) ([]string, error) {
	file := e.args[0]
	old, ok := fsys[file]
	need := func() error {
		if !ok {
			return fmt.Errorf("there is no %s", file)
		}
		return nil
	}
	set := func(data []byte) { fsys[file] = &fstest.MapFile{Data: data} }
	switch e.op {
	case "edit":
		set(e.data)
	case "append":
		if err := need(); err != nil {
			return nil, err
		}
		set(append(slices.Clip(old.Data), e.data...))
	case "replace":
		if err := need(); err != nil {
			return nil, err
		}
		from, to, ok := bytes.Cut(e.data, []byte("\n>>>\n"))
		if ok {
			to = bytes.TrimSuffix(to, []byte("\n"))
		} else if ls := strings.Split(strings.TrimSuffix(string(e.data), "\n"), "\n"); len(ls) == 2 {
			from, to = []byte(ls[0]), []byte(ls[1])
		} else {
			return nil, fmt.Errorf("replace: want old and new text, two lines or separated by a line >>>")
		}
		if !bytes.Contains(old.Data, from) {
			return nil, fmt.Errorf("%s has no %q", file, from)
		}
		set(bytes.Replace(old.Data, from, to, 1))
	case "front":
		if err := need(); err != nil {
			return nil, err
		}
		data := string(old.Data)
		for _, l := range strings.Split(strings.TrimSuffix(string(e.data), "\n"), "\n") {
			var err error
			if key, ok := strings.CutPrefix(l, "-"); ok {
				data, err = previewSetFront(data, key, "")
			} else if key, _, ok := strings.Cut(l, ":"); ok {
				data, err = previewSetFront(data, key, l)
			} else {
				err = fmt.Errorf("front: %q is not key: value or -key", l)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %v", file, err)
			}
		}
		set([]byte(data))
	case "rm":
		if err := need(); err != nil {
			return nil, err
		}
		delete(fsys, file)
	case "mv":
		if err := need(); err != nil {
			return nil, err
		}
		delete(fsys, file)
		fsys[e.args[1]] = old
		return []string{file, e.args[1]}, nil
	case "touch":
		if err := need(); err != nil {
			return nil, err
		}
	case "png":
		var w, h int
		if _, err := fmt.Sscanf(e.args[1], "%dx%d", &w, &h); err != nil {
			return nil, fmt.Errorf("png: size %q: %v", e.args[1], err)
		}
		var b bytes.Buffer
		png.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h)))
		set(b.Bytes())
	}
	return []string{file}, nil
}

// previewSetFront replaces the top-level front matter entry key of a page
// (its line and the indented or list lines under it) with line, or adds
// line at the end of the front matter; an empty line removes the entry.
func previewSetFront(data, key, line string) (string, error) {
	ls := strings.SplitAfter(data, "\n")
	if len(ls) == 0 || strings.TrimSpace(ls[0]) != "---" {
		return "", fmt.Errorf("no front matter between --- lines")
	}
	end := slices.IndexFunc(ls[1:], func(l string) bool { return strings.TrimSpace(l) == "---" }) + 1
	if end == 0 {
		return "", fmt.Errorf("front matter without its closing ---")
	}
	if line != "" {
		line += "\n"
	}
	for i := 1; i < end; i++ {
		if !strings.HasPrefix(ls[i], key+":") {
			continue
		}
		j := i + 1
		for j < end && (strings.HasPrefix(ls[j], " ") || strings.HasPrefix(ls[j], "\t") || strings.HasPrefix(ls[j], "-")) {
			j++
		}
		return strings.Join(slices.Concat(ls[:i], []string{line}, ls[j:]), ""), nil
	}
	if line == "" {
		return "", fmt.Errorf("no %s: in the front matter", key)
	}
	return strings.Join(slices.Concat(ls[:end], []string{line}, ls[end:]), ""), nil
}

// previewCompare checks one build of the preview against a full build of
// the same files and returns what is wrong, or "", and whether the two
// builds disagree (else both are wrong alike). wantErr is "" when both
// must succeed, else the FILE or FILE:LINE one of their errors must be at.
func previewCompare(got Output, err error, want Output, werr error, wantErr string) (string, bool) {
	switch {
	case err == nil && werr != nil:
		return fmt.Sprintf("the preview succeeded, a full build failed:\n%v", werr), true
	case err != nil && werr == nil:
		return fmt.Sprintf("the preview failed, a full build succeeded:\n%v", err), true
	case err != nil && err.Error() != werr.Error():
		return fmt.Sprintf("the preview reports\n%v\na full build reports\n%v", err, werr), true
	case wantErr == "" && err != nil:
		return fmt.Sprintf("both builds failed:\n%v", err), false
	case wantErr == "":
		d := previewDiff(want, got)
		return d, d != ""
	case err == nil:
		return fmt.Sprintf("both builds succeeded, want an error at %s", wantErr), false
	}
	for _, se := range SourceErrors(err) {
		if se.File == wantErr || fmt.Sprintf("%s:%d", se.File, se.Line) == wantErr {
			return "", false
		}
	}
	return fmt.Sprintf("no error at %s in\n%v", wantErr, err), false
}

// previewDiff names the first output file that differs and shows the
// bytes around the first difference, or returns "".
func previewDiff(want, got Output) string {
	names := slices.Sorted(maps.Keys(want))
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		w, wok := want[n]
		g, gok := got[n]
		switch {
		case !gok:
			return fmt.Sprintf("the preview has no %s; a full build has it (%d bytes): %.120q", n, len(w), w)
		case !wok:
			return fmt.Sprintf("the preview has %s (%d bytes), a full build does not: %.120q", n, len(g), g)
		case !bytes.Equal(g, w):
			i := 0
			for i < min(len(g), len(w)) && g[i] == w[i] {
				i++
			}
			line := bytes.Count(w[:i], []byte("\n")) + 1
			from := max(0, i-40)
			return fmt.Sprintf("%s differs from a full build's at byte %d (line %d):\n preview: …%q…\n    full: …%q…",
				n, i, line, g[from:min(len(g), i+80)], w[from:min(len(w), i+80)])
		}
	}
	return ""
}

// check checks the expectations of a step other than errors.
func (e previewExpect) check(b *Builder, out Output) string {
	data, ok := out[e.file]
	lines := strings.Split(strings.TrimSpace(string(e.data)), "\n")
	switch e.what {
	case "patched":
		if !b.Patched {
			return "the preview read the site again, want a shortcut (Patched)"
		}
	case "rebuilt":
		if b.Patched {
			return "the preview took a shortcut (Patched), want the site read again"
		}
	case "exists":
		if !ok {
			return fmt.Sprintf("there is no %s", e.file)
		}
	case "absent":
		if ok {
			return fmt.Sprintf("there is a %s", e.file)
		}
	case "contains", "lacks":
		if !ok {
			return fmt.Sprintf("there is no %s", e.file)
		}
		for _, l := range lines {
			if has := strings.Contains(string(data), l); has != (e.what == "contains") {
				if has {
					return fmt.Sprintf("%s has %q", e.file, l)
				}
				return fmt.Sprintf("%s has no %q", e.file, l)
			}
		}
	}
	return ""
}

// TestPreview runs every edit script in testdata/preview: after each step
// the preview's output must be a full build's, byte for byte.
func TestPreview(t *testing.T) {
	files, _ := filepath.Glob("testdata/preview/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/preview")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			s := readPreviewScript(t, file)
			fail, disagree := runPreviewScript(t, s)
			switch {
			case s.bug != "" && fail == "":
				t.Errorf("%s passes: the bug it shows (%s) is fixed; remove its bug: line", s.file, s.bug)
			case s.bug != "" && disagree:
				t.Skipf("known bug: %s\n%s", s.bug, fail)
			case fail != "":
				t.Error(fail)
			}
		})
	}
}

// runPreviewScript runs the script and returns its first failure, or "",
// and whether it is one where the preview and a full build disagree.
func runPreviewScript(t *testing.T, s *previewScript) (string, bool) {
	fsys := s.site(t)
	cfg := Config{FS: fsys, Now: s.now, Drafts: s.drafts}
	b := NewBuilder(cfg)
	pages := newPageChecker(cfg)
	got, err := b.Build(t.Context(), nil)
	want, werr := Render(t.Context(), cfg)
	if d, dis := previewCompare(got, err, want, werr, ""); d != "" {
		return fmt.Sprintf("%s:1: the site before the first step: %s", s.file, d), dis
	}
	if d := pages.check(t, nil, want, werr); d != "" {
		return fmt.Sprintf("%s:1: the site before the first step: %s", s.file, d), false
	}
	for _, st := range s.steps {
		var touched []string
		for _, e := range st.edits {
			files, err := e.apply(fsys)
			if err != nil {
				t.Fatalf("%s:%d: step %d (%s): %v", s.file, e.line, st.n, st.name, err)
			}
			for _, f := range files {
				if !slices.Contains(touched, f) {
					touched = append(touched, f)
				}
			}
		}
		changed := touched
		switch {
		case st.unknown:
			changed = nil
		case st.changed != nil:
			changed = st.changed
		}
		got, err := b.Build(t.Context(), changed)
		want, werr := Render(t.Context(), cfg)
		if d, dis := previewCompare(got, err, want, werr, st.errAt); d != "" {
			return fmt.Sprintf("%s:%d: step %d (%s): %s", s.file, st.line, st.n, st.name, d), dis
		}
		if d := pages.check(t, changed, want, werr); d != "" {
			return fmt.Sprintf("%s:%d: step %d (%s): %s", s.file, st.line, st.n, st.name, d), false
		}
		for _, e := range st.expect {
			if d := e.check(b, got); d != "" {
				return fmt.Sprintf("%s:%d: step %d (%s): %s", s.file, e.line, st.n, st.name, d), false
			}
		}
	}
	pages.report(t)
	return "", false
}

// TestPreviewScriptSyntax checks the script reader on the edits it knows.
func TestPreviewScriptSyntax(t *testing.T) {
	fsys := fstest.MapFS{"content/a.md": {Data: []byte("---\ntitle: A\nthemes:\n  - x\n  - y\nsummary: s\n---\nTekst.\n")}}
	for _, tt := range []struct {
		edit previewEdit
		want string
	}{
		{previewEdit{op: "append", args: []string{"content/a.md"}, data: []byte("Mere.\n")}, "---\ntitle: A\nthemes:\n  - x\n  - y\nsummary: s\n---\nTekst.\nMere.\n"},
		{previewEdit{op: "replace", args: []string{"content/a.md"}, data: []byte("Mere.\n>>>\nMindre.\n")}, "---\ntitle: A\nthemes:\n  - x\n  - y\nsummary: s\n---\nTekst.\nMindre.\n"},
		{previewEdit{op: "replace", args: []string{"content/a.md"}, data: []byte("title: A\ntitle: B\n")}, "---\ntitle: B\nthemes:\n  - x\n  - y\nsummary: s\n---\nTekst.\nMindre.\n"},
		{previewEdit{op: "front", args: []string{"content/a.md"}, data: []byte("themes: [z]\ndraft: true\n-summary\n")}, "---\ntitle: B\nthemes: [z]\ndraft: true\n---\nTekst.\nMindre.\n"},
	} {
		if _, err := tt.edit.apply(fsys); err != nil {
			t.Fatal(err)
		}
		if got := string(fsys["content/a.md"].Data); got != tt.want {
			t.Errorf("%s %q: got\n%s\nwant\n%s", tt.edit.op, tt.edit.data, got, tt.want)
		}
	}
	if _, err := (previewEdit{op: "replace", args: []string{"content/a.md"}, data: []byte("x\ny\nz\n")}).apply(fsys); err == nil {
		t.Error("a replace of three lines and no >>> was taken")
	}
	if d := previewDiff(Output{"a": []byte("abc\ndef")}, Output{"a": []byte("abc\ndxf")}); !strings.Contains(d, "a differs from a full build's at byte 5 (line 2)") {
		t.Errorf("previewDiff: %s", d)
	}
}

// TestPreviewRandom makes random edits to three sites (see
// testdata/preview/random): the paginated corpus with layouts that show
// other pages' bodies, the same corpus with layouts that show only front
// matter of other pages (so the preview renders only the pages whose
// signatures change), and the shipped site with drafts. It checks after
// each edit that the preview's output is a full build's. -seed repeats a
// run; every failure names the seed.
func TestPreviewRandom(t *testing.T) {
	seed := *previewSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d", seed)
	for _, run := range []struct {
		name  string
		steps int
	}{{"corpus", 200}, {"lists", 100}, {"shipped", 100}} {
		t.Run(run.name, func(t *testing.T) {
			t.Parallel()
			steps := run.steps
			if testing.Short() {
				steps = 40
			}
			s := readPreviewScript(t, "testdata/preview/random/"+run.name+".txtar")
			fsys := s.site(t)
			cfg := Config{FS: fsys, Now: s.now, Drafts: s.drafts}
			e := &previewEditor{r: rand.New(rand.NewPCG(seed, uint64(len(run.name)))), fsys: fsys, now: s.now, drafts: s.drafts, keep: map[string]bool{}}
			for _, c := range e.cases() {
				if !previewGenerated.MatchString(c) {
					e.keep[c] = true // linked from other pages
				}
			}
			b := NewBuilder(cfg)
			pages := newPageChecker(cfg)
			got, err := b.Build(t.Context(), nil)
			want, werr := Render(t.Context(), cfg)
			if d, _ := previewCompare(got, err, want, werr, ""); d != "" {
				t.Fatalf("seed %d step 0 (the site as it is): %s", seed, d)
			}
			if d := pages.check(t, nil, want, werr); d != "" {
				t.Fatalf("seed %d step 0 (the site as it is): %s", seed, d)
			}
			var log []string
			for i := 1; i <= steps; i++ {
				name, changed, wantErr := e.step()
				log = append(log, fmt.Sprintf("%d: %s", i, name))
				got, err := b.Build(t.Context(), changed)
				want, werr := Render(t.Context(), cfg)
				if d, _ := previewCompare(got, err, want, werr, wantErr); d != "" {
					t.Fatalf("seed %d step %d (%s): %s\nthe steps before:\n%s", seed, i, name, d, strings.Join(log[max(0, len(log)-11):len(log)-1], "\n"))
				}
				if d := pages.check(t, changed, want, werr); d != "" {
					t.Fatalf("seed %d step %d (%s): %s\nthe steps before:\n%s", seed, i, name, d, strings.Join(log[max(0, len(log)-11):len(log)-1], "\n"))
				}
			}
			pages.report(t)
		})
	}
}

// previewGenerated matches the cases the random edits may delete, rename
// or make drafts: nothing links to them.
var previewGenerated = regexp.MustCompile(`^content/cases/(c\d+|ny-\d+|omdoebt-\d+)\.md$`)

// A previewEditor makes random edits to a site, as an editor would.
type previewEditor struct {
	r      *rand.Rand
	fsys   fstest.MapFS
	now    time.Time
	drafts bool            // the site is built with drafts
	keep   map[string]bool // cases not to delete, rename or make drafts
	n      int             // numbers new names
	broken string          // the file the last step broke, or ""
	good   []byte          // that file before
}

func (e *previewEditor) files(dir, ext string) []string {
	var names []string
	for name := range e.fsys {
		if strings.HasPrefix(name, dir) && strings.HasSuffix(name, ext) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

func (e *previewEditor) cases() []string { return e.files("content/cases/", ".md") }

func (e *previewEditor) pick(names []string) string { return names[e.r.IntN(len(names))] }

// some returns 1 to 3 of names, in random order, joined for a YAML list.
func (e *previewEditor) some(names []string) string {
	n := 1 + e.r.IntN(min(3, len(names)))
	var out []string
	for _, i := range e.r.Perm(len(names))[:n] {
		out = append(out, names[i])
	}
	return strings.Join(out, ", ")
}

func (e *previewEditor) themes() []string {
	var slugs []string
	for _, f := range e.files("content/tema/", ".md") {
		slugs = append(slugs, strings.TrimSuffix(path.Base(f), ".md"))
	}
	return slugs
}

func (e *previewEditor) principles() []string {
	var nums []string
	for _, f := range e.files("content/principper/", ".md") {
		n, _, _ := strings.Cut(path.Base(f), "-")
		nums = append(nums, n)
	}
	return nums
}

func (e *previewEditor) date() string {
	return e.now.AddDate(0, 0, -30-e.r.IntN(6*365)).Format(time.DateOnly)
}

func (e *previewEditor) word() string { return words[e.r.IntN(len(words))] }

var previewPlaces = []string{"København", "Aalborg", "Kommune 0", "Kommune 1", "Kommune 3", "Lilleby", "Storby"}

// front sets front matter entries of file.
func (e *previewEditor) front(file string, lines ...string) {
	data := string(e.fsys[file].Data)
	for _, l := range lines {
		var err error
		if key, ok := strings.CutPrefix(l, "-"); ok {
			data, err = previewSetFront(data, key, "")
		} else {
			key, _, _ := strings.Cut(l, ":")
			data, err = previewSetFront(data, key, l)
		}
		if err != nil {
			panic(fmt.Sprintf("%s: %v", file, err))
		}
	}
	e.fsys[file] = &fstest.MapFile{Data: []byte(data)}
}

var previewAliases = regexp.MustCompile(`(?m)^aliases: \[(.*)\]$`)

// step makes one random edit and returns what it did, the files it
// changed and, for a broken page, the file the builds must fail at.
// Now and then two edits are saved together, or the builder is not told
// what changed (changed is nil, as after a rescan).
func (e *previewEditor) step() (name string, changed []string, wantErr string) {
	if f := e.broken; f != "" {
		e.fsys[f] = &fstest.MapFile{Data: e.good}
		e.broken = ""
		return "front matter of " + f + " fixed", []string{f}, ""
	}
	switch e.r.IntN(20) {
	case 0:
		n1, c1, _ := e.edit(false)
		n2, c2, _ := e.edit(false)
		changed = slices.Concat(c1, c2)
		slices.Sort(changed)
		return n1 + ", and " + n2, slices.Compact(changed), ""
	case 1:
		name, _, wantErr = e.edit(true)
		return name + " (not told)", nil, wantErr
	}
	return e.edit(true)
}

// edit makes one random edit; broken says whether it may break a page.
func (e *previewEditor) edit(broken bool) (name string, changed []string, wantErr string) {
	e.n++
	cases := e.cases()
	var free []string
	for _, c := range cases {
		if !e.keep[c] {
			free = append(free, c)
		}
	}
	c := e.pick(cases)
	switch op := e.r.IntN(16); {
	case op < 4: // a body, of any page
		f := e.pick(e.files("content/", ".md"))
		text := fmt.Sprintf("\nNy tekst %d om %s og %s.\n", e.n, e.word(), e.word())
		if e.r.IntN(3) == 0 {
			text = fmt.Sprintf("\n## Afsnit %d om %s\n%s", e.n, e.word(), text)
		}
		e.fsys[f] = &fstest.MapFile{Data: append(slices.Clip(e.fsys[f].Data), text...)}
		return "body of " + f, []string{f}, ""
	case op == 4:
		e.front(c, fmt.Sprintf("title: Ny titel %d om %s", e.n, e.word()))
		return "title of " + c, []string{c}, ""
	case op == 5:
		d := e.date()
		e.front(c, "date: "+d)
		return "date of " + c + " to " + d, []string{c}, ""
	case op == 6:
		ts := e.some(e.themes())
		e.front(c, "themes: ["+ts+"]")
		return "themes of " + c + ": " + ts, []string{c}, ""
	case op == 7:
		ps := e.some(e.principles())
		e.front(c, "principles: ["+ps+"]")
		return "principles of " + c + ": " + ps, []string{c}, ""
	case op == 8:
		m := e.pick(previewPlaces)
		e.front(c, "municipality: "+m)
		return "municipality of " + c + ": " + m, []string{c}, ""
	case op == 9 && len(free) > 0:
		f := e.pick(free)
		if strings.Contains(string(e.fsys[f].Data), "\ndraft: true\n") {
			e.front(f, "-draft")
			return f + " no longer a draft", []string{f}, ""
		}
		e.front(f, "draft: true")
		return f + " made a draft", []string{f}, ""
	case op == 10 || op == 11 && len(free) < 3:
		f := fmt.Sprintf("content/cases/ny-%d.md", e.n)
		e.fsys[f] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Ny case %d om %s\ndate: %s\nsummary: En ny case om %s.\nthemes: [%s]\nmunicipality: %s\nprinciples: [%s]\n---\nTekst om den nye case %d og %s.\n",
			e.n, e.word(), e.date(), e.word(), e.some(e.themes()), e.pick(previewPlaces), e.some(e.principles()), e.n, e.word())}
		return "new case " + f, []string{f}, ""
	case op == 11:
		f := e.pick(free)
		delete(e.fsys, f)
		return "deleted " + f, []string{f}, ""
	case op == 12 && len(free) > 0:
		f := e.pick(free)
		to := fmt.Sprintf("content/cases/omdoebt-%d.md", e.n)
		alias := "/cases/" + strings.TrimSuffix(path.Base(f), ".md") + "/"
		data := e.fsys[f].Data
		delete(e.fsys, f)
		e.fsys[to] = &fstest.MapFile{Data: data}
		aliases := alias
		if m := previewAliases.FindSubmatch(data); m != nil {
			aliases = string(m[1]) + ", " + alias
		}
		e.front(to, "aliases: ["+aliases+"]")
		return "renamed " + f + " to " + to + " with aliases " + aliases, []string{f, to}, ""
	case op == 13:
		f := e.pick(e.files("assets/css/", ".css"))
		e.fsys[f] = &fstest.MapFile{Data: fmt.Appendf(slices.Clip(e.fsys[f].Data), "\n.r%d { color: #%06x; }\n", e.n, e.r.IntN(1<<24))}
		return "stylesheet " + f, []string{f}, ""
	case op == 14 && broken:
		e.broken, e.good = c, e.fsys[c].Data
		breaks := []string{"date: 2025-13-45", `title: "Uden slutning`, "themes: [findes-ikke]", "principles: [9]", "-title"}
		if !e.drafts && strings.Contains(string(e.good), "\ndraft: true\n") {
			breaks = breaks[:2] // a draft left out is not checked against the site
		}
		how := e.pick(breaks)
		e.front(c, how)
		return "front matter of " + c + " broken: " + how, []string{c}, c
	default: // a body of a case, the commonest edit
		text := fmt.Sprintf("\nEn sætning mere, nr. %d, om %s.\n", e.n, e.word())
		e.fsys[c] = &fstest.MapFile{Data: append(slices.Clip(e.fsys[c].Data), text...)}
		return "body of " + c, []string{c}, ""
	}
}

// TestPreviewSites edits every site of testdata/sites in the preview: a
// sentence added to each page file in turn, then to a stylesheet and a
// layout, and checks after each that the output, or the errors, are a
// full build's.
func TestPreviewSites(t *testing.T) {
	files, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, fsys := loadFixture(t, name)
			cfg := Config{FS: fsys, Now: fixtureDate}
			b := NewBuilder(cfg)
			steps := []string{""}
			for _, dir := range []string{"content/", "assets/css/", "layouts/base.html"} {
				for _, f := range slices.Sorted(maps.Keys(fsys)) {
					if strings.HasPrefix(f, dir) && (strings.HasSuffix(f, ".md") || strings.HasSuffix(f, ".css") || strings.HasSuffix(f, ".html")) {
						steps = append(steps, f)
						if dir != "content/" {
							break
						}
					}
				}
			}
			for i, f := range steps {
				changed := []string{f}
				switch {
				case f == "":
					changed = nil
				case strings.HasSuffix(f, ".md"):
					fsys[f] = &fstest.MapFile{Data: append(slices.Clip(fsys[f].Data), "\nEn ny sætning.\n"...)}
				case strings.HasSuffix(f, ".css"):
					fsys[f] = &fstest.MapFile{Data: append(slices.Clip(fsys[f].Data), "\n.ny { color: #123456 }\n"...)}
				default:
					fsys[f] = &fstest.MapFile{Data: bytes.Replace(fsys[f].Data, []byte("</body>"), []byte("<p>Slut</p></body>"), 1)}
				}
				got, err := b.Build(t.Context(), changed)
				want, werr := Render(t.Context(), cfg)
				d := ""
				switch {
				case werr != nil && err == nil:
					d = fmt.Sprintf("the preview succeeded, a full build failed:\n%v", werr)
				case werr != nil && err.Error() != werr.Error():
					d = fmt.Sprintf("the preview reports\n%v\na full build reports\n%v", err, werr)
				case werr == nil:
					d, _ = previewCompare(got, err, want, werr, "")
				}
				if d != "" {
					t.Fatalf("%s: step %d (%s): %s", file, i, cmp.Or(f, "the site as it is"), d)
				}
			}
		})
	}
}

// A pageChecker follows the steps of a preview script with a Builder of
// its own that only renders single pages (Builder.Page, the browser
// editor's preview), and checks each page against a full build's.
//
// When Page patched the site of the call before (pageRelink), every other
// page of the patched site must be a full build's too: the next preview,
// of any page, starts from it.
type pageChecker struct {
	b        *Builder
	fsys     fs.FS
	steps    int // Page calls
	relinked int // of them, those that patched the site before
}

func newPageChecker(cfg Config) *pageChecker {
	return &pageChecker{b: NewBuilder(cfg), fsys: cfg.FS}
}

// check renders the page of the first changed page file that a full build
// (want) has, or of the first case, after the changes, and compares it.
// When the full build failed, Page must fail too unless the failure is one
// only a render of another page finds; its output is not compared.
func (c *pageChecker) check(t *testing.T, changed []string, want Output, werr error) string {
	file := ""
	for _, f := range changed {
		if _, err := fs.Stat(c.fsys, f); err == nil && strings.HasSuffix(f, ".md") && want[PageFile(f)] != nil {
			file = f
			break
		}
	}
	if file == "" {
		cases, _ := fs.Glob(c.fsys, "content/cases/*.md")
		for _, f := range cases {
			if werr != nil || want[PageFile(f)] != nil {
				file = f
				break
			}
		}
	}
	if file == "" {
		return ""
	}
	before := -1
	if c.b.pageSite != nil {
		before = c.b.pageSite.relinks
	}
	got, err := c.b.Page(t.Context(), changed, file)
	c.steps++
	if ps := c.b.pageSite; ps != nil && ps.relinks > before && before >= 0 {
		c.relinked++
		if werr == nil {
			if d := c.wholeSite(t, want); d != "" {
				return "after a patch of the site: " + d
			}
		}
	}
	switch {
	case werr != nil && err == nil && len(SourceErrors(werr)) > 0 && !renderOnly(werr):
		return fmt.Sprintf("Page(%s) succeeded, a full build failed:\n%v", file, werr)
	case werr != nil:
		return ""
	case err != nil:
		return fmt.Sprintf("Page(%s) failed, a full build succeeded:\n%v", file, err)
	case !bytes.Equal(got, want[PageFile(file)]):
		return previewDiff(Output{PageFile(file): want[PageFile(file)]}, Output{PageFile(file): got})
	}
	return ""
}

// wholeSite renders every page of the site Page kept (but the search
// page, which Page never renders) and compares it with a full build's.
func (c *pageChecker) wholeSite(t *testing.T, want Output) string {
	ps := c.b.pageSite
	cfg := c.b.cfg
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	r := c.b.renderer(ps.site, c.b.set, c.b.tmpl, cfg)
	var jobs []job
	for _, j := range r.jobs() {
		if j.page.Kind != KindSearch {
			jobs = append(jobs, j)
		}
	}
	got := Output{}
	var mu sync.Mutex
	err := r.renderAll(t.Context(), jobs, func(name string, data []byte) error {
		mu.Lock()
		got[name] = data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return fmt.Sprintf("the site renders with an error a full build does not have: %v", err)
	}
	for _, j := range jobs {
		if w, ok := want[j.out]; !ok || !bytes.Equal(got[j.out], w) {
			return previewDiff(Output{j.out: w}, Output{j.out: got[j.out]})
		}
	}
	return ""
}

// report logs how many steps Page took by patching the site before.
func (c *pageChecker) report(t *testing.T) {
	t.Logf("Page patched the site before in %d of %d steps", c.relinked, c.steps)
}

// renderOnly reports whether every error of a build is one that only
// rendering the pages finds (in a layout, at a template's line).
func renderOnly(err error) bool {
	for _, e := range SourceErrors(err) {
		if !strings.HasPrefix(e.File, "layouts/") {
			return false
		}
	}
	return true
}
