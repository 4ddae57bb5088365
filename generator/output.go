package generator

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// fileProblem says in Danish why a folder or file could not be made.
func fileProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "der er ikke adgang"
	case errors.Is(err, syscall.ENOTDIR):
		return "en del af stien er en fil, ikke en mappe"
	case errors.Is(err, syscall.ENOSPC):
		return "disken er fuld"
	case errors.Is(err, syscall.EROFS):
		return "disken er skrivebeskyttet"
	}
	return err.Error()
}

// An Output is the built site in memory: output path → content.
type Output map[string][]byte

func (s *Site) copyStatic(fsys fs.FS, out Output) error {
	for _, f := range s.static {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return &SourceError{File: f, Msg: "filen kan ikke læses", Err: err}
		}
		out[strings.TrimPrefix(f, "content/")] = data
	}
	return nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// removeAll removes a folder; a variable so that tests can make it fail.
var removeAll = removeTree

// removeTree removes the folder dir and everything in it, like
// os.RemoveAll, but the folders two levels down (a page's folder under
// cases/, say) in parallel: the old output of a repeated build is as
// large as the new one, and removing it one file after another was a
// second or more of waiting at 10,000 cases.
func removeTree(dir string) error {
	var subtrees []string
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range top {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			subtrees = append(subtrees, p)
			continue
		}
		below, err := os.ReadDir(p)
		if err != nil {
			subtrees = append(subtrees, p)
			continue
		}
		for _, b := range below {
			subtrees = append(subtrees, filepath.Join(p, b.Name()))
		}
	}
	next := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Go(func() {
			for p := range next {
				os.RemoveAll(p) // what fails to go is found below
			}
		})
	}
	for _, p := range subtrees {
		next <- p
	}
	close(next)
	wg.Wait()
	return os.RemoveAll(dir)
}

// swap puts the directory tmp where out is, removing the old out. Once
// the new output is in place the build has succeeded: an old output that
// cannot be removed is a warning, not an error.
func swap(tmp, out string) (warning string, err error) {
	old := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".old-"+randomSuffix())
	if err := os.Rename(out, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("den gamle udgave i %s kan ikke flyttes (%s); den er urørt", out, fileProblem(err))
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return "", fmt.Errorf("den nye udgave kan ikke lægges på plads i %s (%s); den gamle er urørt", out, fileProblem(err))
	}
	if err := removeAll(old); err != nil {
		return fmt.Sprintf("den nye udgave er på plads, men den gamle i %s kan ikke slettes (%s); slet mappen selv", old, fileProblem(err)), nil
	}
	return "", nil
}

// A dirWriter writes files under dir, making folders as needed. It is
// safe for concurrent use.
//
// With prev, the output of the build before, a file whose bytes are as in
// prev is not written again but hard-linked from there (see keep): a
// repeated build then writes only what changed, and removing the old tree
// frees no data. mode is the permission a new file gets (0o644 less the
// umask); a file in prev with another mode is written anew.
type dirWriter struct {
	dir     string
	prev    string
	mode    fs.FileMode
	mu      sync.Mutex
	made    map[string]bool
	written map[string]bool
	res     Result
}

func (d *dirWriter) put(name string, data []byte) error {
	file := filepath.Join(d.dir, filepath.FromSlash(name))
	parent := filepath.Dir(file)
	d.mu.Lock()
	// Every output has one source (checkOutputs); a file written twice
	// would be a mistake of the generator that the last writer hides.
	if d.written[name] {
		d.mu.Unlock()
		return fmt.Errorf("%s skrives to gange i samme bygning (en fejl i katalog)", name)
	}
	if d.written == nil {
		d.written = map[string]bool{}
	}
	d.written[name] = true
	if !d.made[parent] {
		// Mostly the folder above exists: one mkdir, not MkdirAll's stat first.
		err := os.Mkdir(parent, 0o755)
		if errors.Is(err, fs.ErrExist) {
			err = nil
		} else if err != nil {
			err = os.MkdirAll(parent, 0o755)
		}
		if err != nil {
			d.mu.Unlock()
			return err
		}
		d.made[parent] = true
	}
	d.res.Files++
	d.res.Bytes += int64(len(data))
	if strings.HasSuffix(name, ".html") {
		d.res.Pages++
	}
	d.mu.Unlock()
	if d.prev != "" && d.keep(name, file, data) {
		return nil
	}
	return os.WriteFile(file, data, 0o644)
}

// compareBuf holds what keep reads of an old file, a chunk at a time, so
// that comparing a 50 MB data file costs no 50 MB of memory.
var compareBuf = sync.Pool{New: func() any { return new([64 << 10]byte) }}

// keep links prev's copy of name to file when it is a regular file with
// the mode a new file gets and exactly data as its bytes, and reports
// whether it did. Anything else (no such file, a symlink, other bytes, a
// file system without hard links) leaves file to be written.
func (d *dirWriter) keep(name, file string, data []byte) bool {
	old := filepath.Join(d.prev, filepath.FromSlash(name))
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != d.mode || fi.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(old)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := compareBuf.Get().(*[64 << 10]byte)
	defer compareBuf.Put(buf)
	for rest := data; ; {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(rest)+1)])
		if !bytes.Equal(buf[:n], rest[:min(n, len(rest))]) || n > len(rest) {
			return false
		}
		rest = rest[n:]
		if err != nil {
			return (err == io.EOF || err == io.ErrUnexpectedEOF) && len(rest) == 0 && os.Link(old, file) == nil
		}
	}
}

// putAll writes files in parallel.
func (d *dirWriter) putAll(ctx context.Context, files Output) error {
	names := slices.Sorted(maps.Keys(files))
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	next := make(chan string)
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Go(func() {
			for name := range next {
				if err := d.put(name, files[name]); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, n := range names {
		if ctx.Err() != nil {
			break
		}
		next <- n
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return ctx.Err()
	}
}
