package editor

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"katalog/generator"
	"katalog/generator/slug"
)

type newRequest struct {
	Kind  string `json:"kind"` // case, tema, side or materiale
	Title string `json:"title"`
}

// maxSlug is the longest file name `katalog new` gives a page (cmd/katalog/new.go).
const maxSlug = 80

// shortSlug cuts s to at most maxSlug letters, at a word's end when it can,
// as `katalog new` does.
func shortSlug(s string) string {
	if len(s) <= maxSlug {
		return s
	}
	s = s[:maxSlug]
	if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
		s = s[:i]
	}
	return strings.Trim(s, "-")
}

// fillTemplate fills skabeloner/<kind>.md as `katalog new` does: the title
// as a YAML double-quoted scalar, today's date.
func (e *Editor) fillTemplate(kind, title string, now time.Time) ([]byte, error) {
	text, err := os.ReadFile(filepath.Join(e.root, "skabeloner", kind+".md"))
	if err != nil {
		return nil, fmt.Errorf("skabelonen skabeloner/%s.md kan ikke læses", kind)
	}
	t, err := template.New(kind).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, fmt.Errorf("fejl i skabelonen skabeloner/%s.md: %v", kind, err)
	}
	var buf bytes.Buffer
	data := struct{ Title, Date string }{Title: strconv.Quote(title), Date: now.Format(time.DateOnly)}
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("fejl i skabelonen skabeloner/%s.md: %v", kind, err)
	}
	return buf.Bytes(), nil
}

func (e *Editor) serveNew(w http.ResponseWriter, r *http.Request) {
	var req newRequest
	if !readJSON(w, r, &req) {
		return
	}
	title := strings.TrimSpace(req.Title)
	k, ok := generator.NewKinds()[req.Kind]
	if !ok {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Ukendt slags side %q (vælg case, tema, side eller materiale).", req.Kind))
		return
	}
	s := shortSlug(slug.Make(title))
	switch {
	case s == "":
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Titlen %q giver ingen adresse. Brug bogstaver og tal.", title))
		return
	case k.Reserved(s):
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Adressen /%s/ bruges allerede af sitet. Vælg en anden titel.", s))
		return
	}
	rel := strings.TrimPrefix(k.Dir+"/"+s+".md", "content/")
	text, err := e.fillTemplate(req.Kind, title, time.Now())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	root, err := e.openContent()
	if err != nil {
		refusePath(w, err)
		return
	}
	defer root.Close()
	if err := createFile(root, rel, text, 0o644); err != nil {
		if errors.Is(err, fs.ErrExist) {
			writeError(w, http.StatusConflict, fmt.Sprintf("content/%s findes allerede og bliver ikke overskrevet. Åbn den fil, eller vælg en anden titel.", rel))
			return
		}
		writeError(w, http.StatusInternalServerError, fmt.Sprintf("content/%s kan ikke oprettes: %v", rel, err))
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"path": "content/" + rel, "url": k.Prefix + s + "/", "version": version(text)})
}
