package devserver

import (
	"path/filepath"
	"strings"
)

// isEditorTemp reports whether name (a file's base name) is a temporary or
// backup file that editors write beside the real one while saving. Events on
// them are not changes: the real file's own event follows. The list follows
// Hugo's (commands/hugobuilder.go).
func isEditorTemp(name string) bool {
	ext := filepath.Ext(name)
	switch {
	case name == "4913", // vim probes whether it may create files
		strings.HasSuffix(name, "~"),                // vim, emacs and nano backups
		ext == ".swp", ext == ".swx", ext == ".swo", // vim swap files
		ext == ".tmp", ext == ".bak",
		name == ".DS_Store",
		strings.HasPrefix(name, ".goutputstream-"), // GNOME (gedit) safe writes
		strings.HasSuffix(name, "___jb_tmp___"),    // JetBrains safe writes
		strings.HasSuffix(name, "___jb_old___"),
		strings.HasSuffix(name, "___jb_bak___"),
		strings.HasPrefix(name, ".sb-"),                              // Byword
		strings.HasPrefix(name, "."),                                 // hidden files, incl. emacs .#locks and vim .x.swp
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs autosave
		return true
	}
	return false
}

// skipDir reports whether a directory (by base name) is left unwatched:
// hidden directories such as .git hold nothing the site is built from.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." && name != ".."
}
