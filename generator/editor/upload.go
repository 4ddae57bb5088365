package editor

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"katalog/generator/upload"
)

// serveUpload stores an image beside a page. The body is either
// multipart/form-data (the first file part is taken) or the image's bytes,
// with the browser's file name in ?name=.
func (e *Editor) serveUpload(w http.ResponseWriter, r *http.Request) {
	page := r.URL.Query().Get("page")
	rel, err := checkPath(page)
	if err != nil {
		refusePath(w, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxUploadBytes)
	data, name, err := readUpload(r)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Billedet er for stort: højst %d MB.", upload.MaxBytes>>20))
			return
		}
		writeError(w, http.StatusBadRequest, "Billedet kunne ikke modtages: "+err.Error())
		return
	}
	clean, file, err := upload.Image(data, name)
	if err != nil {
		msg := err.Error()
		var ue *upload.Error
		if errors.As(err, &ue) {
			msg = ue.Msg
		}
		status := http.StatusUnprocessableEntity
		switch {
		case errors.Is(err, upload.ErrTooLarge):
			status = http.StatusRequestEntityTooLarge
		case errors.Is(err, upload.ErrFormat):
			status = http.StatusUnsupportedMediaType
		}
		writeError(w, status, msg)
		return
	}
	root, _, _, release, ok := e.lockFile(w, rel)
	if !ok {
		return
	}
	defer release()
	dir := path.Dir(rel)
	ext := path.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	for n := 1; n < 1000; n++ {
		name := file
		if n > 1 {
			name = stem + "-" + strconv.Itoa(n) + ext
		}
		target := path.Join(dir, name)
		err := createFile(root, target, clean, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			writeError(w, http.StatusInternalServerError, fmt.Sprintf("Billedet kunne ikke gemmes: %v", err))
			return
		}
		writeJSON(w, http.StatusCreated, map[string]any{"file": name, "path": "content/" + target})
		return
	}
	writeError(w, http.StatusConflict, "Der er for mange billeder med det navn. Giv billedet et andet navn.")
}

// readUpload returns the uploaded bytes and the browser's file name.
func readUpload(r *http.Request) ([]byte, string, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		data, err := io.ReadAll(r.Body)
		return data, r.URL.Query().Get("name"), err
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", err
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, "", errors.New("der er ingen fil i forespørgslen")
		}
		if err != nil {
			return nil, "", err
		}
		if part.FileName() == "" {
			part.Close()
			continue
		}
		data, err := io.ReadAll(part)
		part.Close()
		return data, part.FileName(), err
	}
}

// serveAlt checks an alternative text as an upload's would be checked
// (upload.CheckAlt): GET api/alt?alt=&file=&decorative=1 → {"message": ""}
// when it may be used, else the Danish reason.
func (e *Editor) serveAlt(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	writeJSON(w, http.StatusOK, map[string]string{"message": upload.CheckAlt(q.Get("alt"), q.Get("file"), q.Get("decorative") == "1")})
}
