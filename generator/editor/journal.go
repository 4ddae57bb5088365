package editor

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"time"

	"katalog/internal/slug"
)

// A journalEntry is the unsaved work on one content file.
type journalEntry struct {
	Path    string         `json:"path"`
	Version string         `json:"version"`
	Fields  map[string]any `json:"fields"`
	Body    *string        `json:"body"`
	Time    time.Time      `json:"time"` // when the server wrote it
}

// journalName is the journal file of a content path: the slug of the path,
// "content/cases/x.md" → "content-cases-x-md.json". The entry holds the
// path too, and an entry for another path is not returned.
func journalName(p string) string { return slug.Make(p) + ".json" }

// openJournal opens the journal folder, creating it.
func (e *Editor) openJournal() (*os.Root, error) {
	if err := os.MkdirAll(e.journal, 0o755); err != nil {
		return nil, err
	}
	return os.OpenRoot(e.journal)
}

func (e *Editor) serveJournal(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		e.journalPost(w, r)
		return
	}
	p := r.URL.Query().Get("path")
	if err := e.checkFile(p, false); err != nil {
		refusePath(w, err)
		return
	}
	e.jmu.Lock()
	defer e.jmu.Unlock()
	jr, err := e.openJournal()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "Kladdemappen kan ikke åbnes: "+err.Error())
		return
	}
	defer jr.Close()
	name := journalName(p)
	if r.Method == http.MethodDelete {
		if err := jr.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			writeError(w, http.StatusInternalServerError, "Kladden kunne ikke slettes: "+err.Error())
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"deleted": true})
		return
	}
	b, err := jr.ReadFile(name)
	var entry journalEntry
	if err != nil || json.Unmarshal(b, &entry) != nil || entry.Path != p {
		writeJSON(w, http.StatusOK, map[string]any{"found": false})
		return
	}
	local := entry.Time.Local()
	when := "kl. " + local.Format("15.04")
	if y, m, d := time.Now().Date(); local.Year() != y || local.Month() != m || local.Day() != d {
		when = local.Format("2.1.2006") + " " + when
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"found":   true,
		"entry":   entry,
		"message": fmt.Sprintf("Du har ændringer fra %s, som ikke er gemt. Vil du hente dem tilbage?", when),
	})
}

func (e *Editor) journalPost(w http.ResponseWriter, r *http.Request) {
	var req saveRequest
	if !readJSON(w, r, &req) {
		return
	}
	if err := e.checkFile(req.Path, true); err != nil {
		refusePath(w, err)
		return
	}
	entry := journalEntry{Path: req.Path, Version: req.Version, Fields: req.changes(), Body: req.Body, Time: time.Now().UTC()}
	b, err := json.Marshal(entry)
	if err != nil {
		writeError(w, http.StatusBadRequest, "Kladden kunne ikke gemmes: "+err.Error())
		return
	}
	e.jmu.Lock()
	defer e.jmu.Unlock()
	jr, err := e.openJournal()
	if err == nil {
		err = replaceFile(jr, journalName(req.Path), b, 0o600)
		jr.Close()
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, "Kladden kunne ikke gemmes: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"time": entry.Time})
}

// checkFile checks that content path p is one the editor may edit and, read
// through os.Root, a regular file inside content/ (or, unless mustExist, no
// file at all).
func (e *Editor) checkFile(p string, mustExist bool) error {
	rel, err := checkPath(p)
	if err != nil {
		return err
	}
	root, err := e.openContent()
	if err != nil {
		return err
	}
	defer root.Close()
	_, _, err = readRegular(root, rel)
	if errors.Is(err, errNotFound) && !mustExist {
		return nil
	}
	return err
}
