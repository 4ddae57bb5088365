package generator

import (
	"io/fs"
	"strings"
)

// The preview's Builder scans content/ once and keeps the result while the
// files that change are edits in place: a keystroke in the browser editor
// or a save of an existing page does not walk a folder of 10,000 files.
// Anything else scans again: unknown changes (nil), a file the last scan
// did not see as a plain page or static file (new, a leftover, a folder, a
// symlink, one with a problem), or one that is no longer a regular file
// (deleted, or replaced by a symlink or a folder). Lstat, not Stat, so that
// a symlink put in a file's place is scanned and checked again.

// scanContent is scanContent, from the last scan when forgetScan kept it.
func (b *Builder) scanContent(fsys fs.FS) (contentTree, error) {
	if !b.keep {
		return scanContent(fsys)
	}
	if b.tree != nil {
		return *b.tree, nil
	}
	t, err := scanContent(fsys)
	if err == nil && len(t.errs) == 0 {
		b.tree = &t
	}
	return t, err
}

// forgetScan drops the last scan unless every changed file is a page or
// static file of it that is still a regular file.
func (b *Builder) forgetScan(changed []string) {
	if b.tree == nil {
		return
	}
	if changed == nil {
		b.tree = nil
		return
	}
	for _, f := range changed {
		if !strings.HasPrefix(f, "content/") {
			continue // layouts, assets: not in the scan
		}
		if !b.tree.plain(f) {
			b.tree = nil
			return
		}
		if !regularFile(b.cfg.FS, f) {
			b.tree = nil
			return
		}
	}
}

// regularFile reports whether f is a regular file, not a symlink, in fsys;
// false when fsys cannot tell (no fs.ReadLinkFS). The shortcuts that read
// one changed file without scanning content/ (patch, pageBody, the kept
// scan) take it only then: a symlink must pass the scan's checks.
func regularFile(fsys fs.FS, f string) bool {
	fi, err := fs.Lstat(fsys, f)
	return err == nil && fi.Mode().IsRegular()
}

// plain reports whether the scan saw f as a page or a static file.
func (t *contentTree) plain(f string) bool {
	if t.known == nil {
		t.known = make(map[string]bool, len(t.pages)+len(t.static))
		for _, cf := range t.pages {
			t.known[cf.file] = true
		}
		for _, s := range t.static {
			t.known[s] = true
		}
	}
	return t.known[f]
}
