package editor

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// A pathError is a content path the editor refuses, with the Danish reason.
type pathError struct{ msg string }

func (e *pathError) Error() string { return e.msg }

// checkPath checks a content path from a request: slash-separated, relative
// to the site root, inside content/, clean (no "..", "." or empty
// segments, no backslash), no hidden segment, and ending in .md (so an
// editor's backup such as x.md~ is refused). It returns the path inside
// content/ ("cases/x.md").
func checkPath(p string) (string, error) {
	bad := func(why string) (string, error) {
		return "", &pathError{fmt.Sprintf("Stien %q kan ikke redigeres: %s.", p, why)}
	}
	switch {
	case p == "":
		return bad("der mangler en sti (fx content/cases/min-case.md)")
	case strings.ContainsAny(p, "\\\x00:"):
		return bad("brug kun / mellem mapperne")
	case strings.HasPrefix(p, "/") || filepath.IsAbs(p):
		return bad("stien skal begynde med content/, ikke med /")
	case !strings.HasPrefix(p, "content/"):
		return bad("kun filer i content/ kan redigeres")
	case path.Clean(p) != p:
		return bad("stien må ikke indeholde .., . eller //")
	case !strings.HasSuffix(p, ".md"):
		return bad("kun .md-filer kan redigeres")
	}
	rel := strings.TrimPrefix(p, "content/")
	for _, seg := range strings.Split(rel, "/") {
		if seg == ".." || seg == "." || seg == "" || strings.HasPrefix(seg, ".") {
			return bad("stien må ikke indeholde .., . eller skjulte mapper og filer")
		}
	}
	return rel, nil
}

// lockContent takes the editor's write lock and opens content/; release
// closes it and lets go of the lock. When content/ cannot be opened it has
// answered the request, and ok is false.
func (e *Editor) lockContent(w http.ResponseWriter) (root *os.Root, release func(), ok bool) {
	e.mu.Lock()
	root, err := e.openContent()
	if err != nil {
		e.mu.Unlock()
		refusePath(w, err)
		return nil, nil, false
	}
	return root, func() { root.Close(); e.mu.Unlock() }, true
}

// lockFile is lockContent and the bytes and mode of the regular file rel
// in content/.
func (e *Editor) lockFile(w http.ResponseWriter, rel string) (root *os.Root, cur []byte, perm fs.FileMode, release func(), ok bool) {
	root, release, ok = e.lockContent(w)
	if !ok {
		return nil, nil, 0, nil, false
	}
	cur, perm, err := readRegular(root, rel)
	if err != nil {
		release()
		refusePath(w, err)
		return nil, nil, 0, nil, false
	}
	return root, cur, perm, release, true
}

// openContent opens content/ as an os.Root: every file operation of the
// editor that touches content goes through it, so no path and no symbolic
// link can lead outside content/.
func (e *Editor) openContent() (*os.Root, error) {
	return os.OpenRoot(filepath.Join(e.root, "content"))
}

// readRegular reads a file under root that must be a regular file (not a
// symbolic link, not a folder). errNotFound when it does not exist.
func readRegular(root *os.Root, rel string) ([]byte, fs.FileMode, error) {
	fi, err := root.Lstat(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, errNotFound
	}
	if err != nil {
		return nil, 0, &pathError{fmt.Sprintf("Filen content/%s kan ikke læses: den ligger uden for content/ eller er ikke tilgængelig.", rel)}
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, &pathError{fmt.Sprintf("content/%s er ikke en almindelig fil (fx en genvej eller en mappe) og kan ikke redigeres her.", rel)}
	}
	b, err := root.ReadFile(rel)
	if err != nil {
		return nil, 0, fmt.Errorf("content/%s kan ikke læses: %w", rel, err)
	}
	return b, fi.Mode().Perm(), nil
}

var errNotFound = errors.New("not found")

// version is the hash the editor compares to tell whether a file changed.
func version(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// tempName is a hidden .tmp name beside rel: the preview's watcher and git
// tools ignore it, and the site never reads it.
func tempName(rel string) string {
	var b [6]byte
	rand.Read(b[:])
	dir, base := path.Split(rel)
	return dir + "." + base + "." + hex.EncodeToString(b[:]) + ".tmp"
}

// writeTemp writes data to a new temporary file beside rel and syncs it.
func writeTemp(root *os.Root, rel string, data []byte, perm fs.FileMode) (string, error) {
	tmp := tempName(rel)
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		root.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// syncDir makes a rename in rel's folder durable where the system allows
// it; errors are ignored (Windows cannot sync a folder).
func syncDir(root *os.Root, rel string) {
	d, err := root.Open(path.Dir(rel))
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// replaceFile writes data to rel atomically: a temporary file in the same
// folder, fsync, rename over rel.
func replaceFile(root *os.Root, rel string, data []byte, perm fs.FileMode) error {
	tmp, err := writeTemp(root, rel, data, perm)
	if err != nil {
		return err
	}
	if err := root.Rename(tmp, rel); err != nil {
		root.Remove(tmp)
		return err
	}
	syncDir(root, rel)
	return nil
}

// createFile writes data to rel atomically and never replaces a file that
// exists: the temporary file is hard-linked to its name, which fails when
// the name is taken (fs.ErrExist). Where hard links are not supported, it
// falls back to an O_EXCL create of rel.
func createFile(root *os.Root, rel string, data []byte, perm fs.FileMode) error {
	if dir := path.Dir(rel); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp, err := writeTemp(root, rel, data, perm)
	if err != nil {
		return err
	}
	defer root.Remove(tmp)
	err = root.Link(tmp, rel)
	if err == nil || errors.Is(err, fs.ErrExist) {
		if err == nil {
			syncDir(root, rel)
		}
		return err
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		root.Remove(rel)
	}
	return err
}
