package editor

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"katalog/generator"
)

type newRequest struct {
	Kind  string `json:"kind"` // case, tema, side or materiale
	Title string `json:"title"`
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
	s := generator.NewSlug(title)
	switch {
	case s == "":
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Titlen %q giver ingen adresse. Brug bogstaver og tal.", title))
		return
	case k.Reserved(s):
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Adressen /%s/ bruges allerede af sitet. Vælg en anden titel.", s))
		return
	}
	rel := strings.TrimPrefix(k.Dir+"/"+s+".md", "content/")
	text, err := generator.NewPageText(e.root, req.Kind, title, time.Now())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	root, release, ok := e.lockContent(w)
	if !ok {
		return
	}
	defer release()
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
