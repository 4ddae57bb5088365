// Package diag is katalog's one error type: a problem at a position in one
// of a site's source files (content, layouts, assets), told in Danish, and a
// list that collects them, in the manner of go/scanner's Error and
// ErrorList. The build, check, the preview's error page and the command all
// read the same values:
//
//	content/cases/ombold.md:3: ukendt felt "titel" i front matter (mente du "title"?)
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// An Error is a problem at a position in a site's source file.
type Error struct {
	File string `json:"file"`          // slash-separated, relative to the site root
	Line int    `json:"line"`          // 1-based; 0 if unknown
	Col  int    `json:"col,omitempty"` // 1-based; 0 if unknown
	Msg  string `json:"message"`       // what is wrong and, if possible, what to do, in Danish
	Err  error  `json:"-"`             // the underlying cause, if any
}

func (e *Error) Error() string {
	switch {
	case e.File == "":
		return e.Msg
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// A List collects errors from every stage of a build.
type List []*Error

// Add adds an error at file and line.
func (l *List) Add(file string, line int, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Err sorts the errors by file, line, column and message, drops exact
// duplicates and joins them, or returns nil when there are none.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	s := slices.Clone(l)
	slices.SortStableFunc(s, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
	})
	s = slices.CompactFunc(s, func(a, b *Error) bool { return a.Error() == b.Error() })
	errs := make([]error, len(s))
	for i, e := range s {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// Errors returns the errors of this type in err, in order, looking through
// joined and wrapped errors.
func Errors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		if e, ok := err.(*Error); ok {
			out = append(out, e)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		if e := errors.Unwrap(err); e != nil {
			walk(e)
		}
	}
	walk(err)
	return out
}
