package generator

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"
)

// A contentTree is what lies under content/, sorted into page files,
// static files to publish as they are, and editor leftovers that are never
// published.
type contentTree struct {
	pages     []contentFile
	static    []string // content/… paths
	leftovers []string // backups and case variants of pages: named by check
	errs      errorList

	known map[string]bool // pages and static files by path, made by plain
}

// scanContent walks content/ in fsys. Hidden files are skipped; editor
// leftovers are set aside; a symlink is followed only to a file inside the
// site that is not in a hidden folder (such as .git). The error is for a
// content/ that cannot be read at all.
func scanContent(fsys fs.FS) (contentTree, error) {
	var t contentTree
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" {
				return err
			}
			t.errs.Add(p, 0, "filen kan ikke læses (%s)", readProblem(err))
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if !utf8.ValidString(p) {
			t.errs.Add(strings.ToValidUTF8(p, "\uFFFD"), 0, "filnavnet er ikke skrevet i UTF-8, så æ, ø og å bliver forkerte (omdøb filen, og skriv navnet igen)")
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if msg := symlinkProblem(fsys, p); msg != "" {
				t.errs.Add(p, 0, "%s", msg)
				return nil
			}
		}
		if leftover(d.Name()) {
			t.leftovers = append(t.leftovers, p)
			return nil
		}
		cf, msg := classify(p)
		switch {
		case msg != "":
			t.errs.Add(p, 0, "%s", msg)
		case cf.kind == "":
			t.static = append(t.static, p)
		default:
			t.pages = append(t.pages, cf)
		}
		return nil
	})
	return t, err
}

// leftoverSuffixes end the names of files that editors and tools leave
// behind: backups, merge leftovers, swap and temporary files.
var leftoverSuffixes = []string{"~", ".orig", ".bak", ".swp", ".swo", ".tmp", ".rej", ".old", ".save"}

// leftover reports whether a file name under content/ is an editor's
// leftover rather than something to publish: a backup (x.md~, x.md.orig,
// #x.md#), or a page file whose name is not plainly x.md (X.MD, x.md.txt).
// Leftovers often hold the text of drafts, so they are never published.
func leftover(name string) bool {
	lower := strings.ToLower(name)
	for _, s := range leftoverSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	if strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") {
		return true
	}
	return strings.Contains(lower, ".md") && !strings.HasSuffix(name, ".md")
}

// leftoverMsg is what check says of a leftover file.
func leftoverMsg(file string) string {
	name := path.Base(file)
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".md") {
		return "filnavnet slutter ikke på .md med små bogstaver, så filen bliver ikke en side og udgives ikke (omdøb den til " + strings.TrimSuffix(name, name[len(name)-3:]) + ".md, eller slet den)"
	}
	return "filen ligner en sikkerhedskopi eller en rest fra et redigeringsprogram og udgives ikke (slet den, hvis du ikke skal bruge den)"
}

// symlinkProblem says why the symlink p may not be published, or "" when
// it leads to a file inside the site outside hidden folders.
func symlinkProblem(fsys fs.FS, p string) string {
	const advice = " (kopiér filen ind i content/ i stedet for at linke til den)"
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		return "filen er et symbolsk link, der fører uden for sitet eller ingen steder hen, og den udgives ikke" + advice
	}
	if fi.IsDir() {
		return "mappen er et symbolsk link; sitet følger ikke links til mapper (kopiér mappen ind i content/)"
	}
	if rl, ok := fsys.(fs.ReadLinkFS); ok {
		target, err := rl.ReadLink(p)
		if err != nil {
			return "filen er et symbolsk link, der ikke kan læses, og den udgives ikke" + advice
		}
		if !path.IsAbs(target) {
			target = path.Join(path.Dir(p), target)
		}
		for _, part := range strings.Split(target, "/") {
			if strings.HasPrefix(part, ".") && part != "." && part != ".." {
				return "filen er et symbolsk link til en skjult mappe eller fil (" + target + "), og den udgives ikke" + advice
			}
		}
	}
	return ""
}

// readProblem says in Danish why a file could not be read.
func readProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "den findes ikke længere"
	case errors.Is(err, fs.ErrPermission):
		return "der er ikke adgang til den"
	case strings.Contains(err.Error(), "escapes from parent") || strings.Contains(err.Error(), "too many links"):
		return "den er et symbolsk link, der fører uden for sitet eller i ring"
	}
	return "den er måske et link til en mappe eller er ødelagt"
}
