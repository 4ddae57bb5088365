// Package editor is the server side of the browser editor that the preview
// (katalog serve) mounts under /_katalog/rediger/. It is an http.Handler
// that lists, reads and writes the site's content files on the editor's
// behalf; the form and the live preview are the UI's.
package editor
