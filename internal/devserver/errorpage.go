package devserver

import (
	"bufio"
	"bytes"
	"embed"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

//go:embed static
var static embed.FS

var errorTmpl = template.Must(template.ParseFS(static, "static/error.html"))

// contextLines is how many source lines the error page shows on each side.
const contextLines = 3

type problemView struct {
	Where, File, Msg string
	Edit             string // the file at its line in the editor, or ""
	Lines            []sourceLine
}

type sourceLine struct {
	No   int
	Text string
	Here bool
}

// errorPage renders the Danish error page listing every problem with the
// source lines around it, read from the site root.
// With editor set (see Config.Editor), each content file links to the
// editor.
func errorPage(root string, problems []*Problem, editor string) []byte {
	var views []problemView
	for _, p := range problems {
		where := where(p)
		if where == "" {
			where = "Fejl under byggeriet"
		}
		edit := ""
		if editor != "" && strings.HasPrefix(p.File, "content/") && strings.HasSuffix(p.File, ".md") {
			edit = editor + p.File
			if p.Line > 0 {
				edit += "#linje-" + strconv.Itoa(p.Line)
			}
		}
		views = append(views, problemView{
			Where: where, File: p.File, Msg: p.Msg, Edit: edit,
			Lines: sourceLines(root, p.File, p.Line),
		})
	}
	var buf bytes.Buffer
	if err := errorTmpl.Execute(&buf, struct{ Problems []problemView }{views}); err != nil {
		return []byte("<!doctype html><title>Fejl</title><pre>" + template.HTMLEscapeString(err.Error()) + "</pre>")
	}
	return buf.Bytes()
}

// maxSourceBytes caps how much of a file the error page reads: the lines
// it shows are near the top of a content file, and a huge file (or one that
// never ends) must not hold the page up.
const maxSourceBytes = 4 << 20

// sourceLines returns the lines of root/file around line, or nil when the
// file or the line is unknown. The file is opened through os.Root, so a
// symlink that leads out of the site root (content/x.md → /etc/hostname)
// shows nothing: the page may be read by anyone who can reach the server,
// and only the site's own files belong on it. Only regular files are read,
// so a named pipe cannot block the page.
func sourceLines(root, file string, line int) []sourceLine {
	if file == "" || line <= 0 || !filepath.IsLocal(filepath.FromSlash(file)) {
		return nil
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil
	}
	defer r.Close()
	name := filepath.FromSlash(file)
	if fi, err := r.Stat(name); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	f, err := r.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	var lines []sourceLine
	sc := bufio.NewScanner(io.LimitReader(f, maxSourceBytes))
	for n := 1; sc.Scan() && n <= line+contextLines; n++ {
		if n >= line-contextLines {
			text := strings.TrimRight(sc.Text(), "\r")
			lines = append(lines, sourceLine{No: n, Text: text, Here: n == line})
		}
	}
	return lines
}
