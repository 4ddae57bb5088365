package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// The output folder is replaced wholesale by every build, so Build checks
// before it writes anything that the folder is one it may replace: never
// the site or a part of it, never a file, never a folder of someone
// else's files. Every output carries a marker file; a non-empty folder
// without one is not replaced.

// Marker is the file every build leaves in its output folder. Its presence
// tells the next build that the folder is its own to replace.
const Marker = ".katalog-output"

// ErrOutput marks errors about -src and -out themselves, before anything
// is built: the command reports them as usage errors.
var ErrOutput = errors.New("forkert mappe")

// outputError is an error of ErrOutput kind with a Danish message.
type outputError struct{ msg string }

func (e *outputError) Error() string        { return e.msg }
func (e *outputError) Is(target error) bool { return target == ErrOutput }

func outErr(format string, args ...any) error {
	return &outputError{fmt.Sprintf(format, args...)}
}

// siteFolders are the folders of a site that hold its sources.
var siteFolders = []string{"content", "layouts", "assets", "skabeloner", ".git"}

// checkSource checks that root is a site: an existing folder with content/.
func checkSource(root string) error {
	fi, err := os.Stat(root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return outErr("mappen %s findes ikke (angiv sitets rodmappe med -src, den med content/ og layouts/)", root)
	case err != nil:
		return outErr("mappen %s kan ikke læses (%s)", root, fileProblem(err))
	case !fi.IsDir():
		return outErr("%s er en fil, ikke en mappe (angiv sitets rodmappe med -src, den med content/ og layouts/)", root)
	}
	if fi, err := os.Stat(filepath.Join(root, "content")); err != nil || !fi.IsDir() {
		return outErr("mappen %s er ikke et site: den har ingen content/-mappe (angiv sitets rodmappe med -src)", root)
	}
	return nil
}

// checkOutput checks, before anything is written, that the folder out may
// be replaced by a build of the site in root ("" when the site is not read
// from disk). It returns out made absolute with symlinks resolved.
func checkOutput(root, out string) (string, error) {
	if strings.TrimSpace(out) == "" {
		return "", outErr("der er ikke angivet nogen mappe at bygge til (brug fx -out public)")
	}
	abs, err := resolve(out)
	if err != nil {
		return "", outErr("mappen %s kan ikke bruges (%s)", out, fileProblem(err))
	}
	if root != "" {
		site, err := resolve(root)
		if err != nil {
			return "", outErr("mappen %s kan ikke læses (%s)", root, fileProblem(err))
		}
		if within(site, abs) {
			return "", outErr("%s kan ikke bruges til sitet: den er selve sitets mappe eller en mappe uden om den, og den ville blive slettet (byg til en mappe inde i sitet, fx -out public)", out)
		}
		for _, f := range siteFolders {
			if within(abs, filepath.Join(site, f)) {
				return "", outErr("%s ligger i sitets %s/-mappe, som bygningen ville slette (byg til en mappe for sig, fx -out public)", out, f)
			}
		}
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		if filepath.Base(dir) == ".git" {
			return "", outErr("%s ligger i en .git-mappe, som bygningen ville ødelægge (byg til en mappe for sig, fx -out public)", out)
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", outErr("mappen %s kan ikke læses (%s)", out, fileProblem(err))
	case !fi.IsDir():
		return "", outErr("%s er en fil, ikke en mappe; bygningen ville erstatte den (vælg en anden mappe med -out)", out)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return "", outErr("mappen %s kan ikke læses (%s)", out, fileProblem(err))
	}
	if len(entries) == 0 {
		return abs, nil
	}
	if _, err := os.Lstat(filepath.Join(abs, Marker)); err != nil {
		return "", outErr("mappen %s er ikke tom, og den er ikke bygget af katalog, så bygningen ville slette filer, den ikke selv har lavet (tøm eller slet mappen, eller vælg en anden med -out)", out)
	}
	return abs, nil
}

// resolve returns path made absolute with every symlink in it resolved,
// also when its last elements do not exist yet.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

// within reports whether path is dir or lies inside it; both are absolute
// and clean.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// markerText is what a build writes to its Marker: the process that wrote
// the folder, so that a later build can tell a folder of a killed build
// from one that is still being written.
func markerText() []byte {
	return []byte("Skrevet af katalog build. Mappen erstattes ved næste bygning.\npid " + strconv.Itoa(os.Getpid()) + "\n")
}

// leftoverRe matches the temporary folders a build makes beside its output.
var leftoverRe = regexp.MustCompile(`^\.(.+)\.(new|old)-[0-9a-f]{12}$`)

// removeLeftovers removes the temporary folders that killed builds left
// beside out: those named for out that carry a Marker written by a process
// that no longer runs. It reports what it could not remove.
func removeLeftovers(out string) []string {
	parent, base := filepath.Dir(out), filepath.Base(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var failed []string
	for _, e := range entries {
		m := leftoverRe.FindStringSubmatch(e.Name())
		if m == nil || m[1] != base || !e.IsDir() {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		data, err := os.ReadFile(filepath.Join(dir, Marker))
		if err != nil || !strings.HasPrefix(string(data), "Skrevet af katalog") {
			continue // not ours, or a build that has not written its marker yet
		}
		if pid := markerPID(data); pid > 0 && processAlive(pid) && m[2] == "new" {
			continue // a build running now
		}
		if err := os.RemoveAll(dir); err != nil {
			failed = append(failed, dir)
		}
	}
	return failed
}

func markerPID(data []byte) int {
	for line := range strings.Lines(string(data)) {
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "pid "); ok {
			pid, _ := strconv.Atoi(n)
			return pid
		}
	}
	return 0
}
