package generator

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"katalog/internal/diag"
	"slices"
)

// Severities of a Finding. Errors stop a build; warnings are what an editor
// should hear about before publishing but do not stop anything.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// A Finding is one thing Check has to say about a source file: the
// program's one error type with how serious it is. In JSON: file, line,
// col (when known), message and severity.
type Finding struct {
	diag.Error
	Severity string `json:"severity"`
}

func (f Finding) String() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Msg)
	}
	return fmt.Sprintf("%s: %s", f.File, f.Msg)
}

// Check runs everything a build validates, in memory and with drafts, and
// then the editor's checks that do not stop a build: images over
// MaxImageBytes, headings that skip a level, summaries too long for a card,
// sources without an address or publisher, cases with no principle, links
// to http://, and words the Danish dictionary does not know when hunspell
// is installed. The findings are sorted errors first, then by file and
// line. The error is
// only for problems that are not about a source file.
func Check(ctx context.Context, cfg Config) ([]Finding, error) {
	cfg = cfg.withDefaults()
	cfg.Drafts = true
	var findings []Finding
	if _, err := Render(ctx, cfg); err != nil {
		errs := SourceErrors(err)
		if len(errs) == 0 {
			return nil, err
		}
		for _, e := range errs {
			findings = append(findings, Finding{Error: *e, Severity: SeverityError})
		}
	}
	pages, leftovers := checkPages(cfg.FS)
	findings = append(findings, leftovers...)
	findings = append(findings, warnings(cfg.FS, pages)...)
	slices.SortStableFunc(findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(findings), nil
}

// checkPages reads every page file under content/ on its own, so that the
// warnings come even when the site as a whole has errors. Files that
// cannot be parsed are left out; the build's errors cover them.
func checkPages(fsys fs.FS) ([]*Page, []Finding) {
	tree, err := scanContent(fsys)
	if err != nil {
		return nil, nil // the build already reported that content/ cannot be read
	}
	var findings []Finding
	for _, f := range tree.leftovers {
		findings = append(findings, Finding{Error: diag.Error{File: f, Msg: leftoverMsg(f)}, Severity: SeverityWarning})
	}
	pages, _ := readPages(context.Background(), fsys, tree.pages, readPage)
	return slices.DeleteFunc(pages, func(p *Page) bool { return p == nil }), findings
}

// warnings returns the editor's warnings for pages.
func warnings(fsys fs.FS, pages []*Page) []Finding {
	var w warner
	w.fsys = fsys
	for _, p := range pages {
		w.page(p)
	}
	w.spelling(pages)
	return w.findings
}
