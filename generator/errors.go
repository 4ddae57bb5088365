package generator

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// A SourceError reports a problem at a position in a site source file.
type SourceError struct {
	File      string // slash-separated, relative to the site root
	Line, Col int    // 1-based; 0 if unknown
	Msg       string // what is wrong and, if possible, what to do
	Err       error  // underlying cause, if any
}

func (e *SourceError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *SourceError) Unwrap() error { return e.Err }

// errorList collects source errors from every stage of a build.
type errorList []*SourceError

func (l *errorList) add(file string, line int, format string, args ...any) {
	*l = append(*l, &SourceError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// err sorts the errors by file, line and column, drops exact duplicates and
// joins them, or returns nil when there are none.
func (l errorList) err() error {
	if len(l) == 0 {
		return nil
	}
	s := slices.Clone(l)
	slices.SortStableFunc(s, func(a, b *SourceError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
	})
	s = slices.CompactFunc(s, func(a, b *SourceError) bool { return a.Error() == b.Error() })
	errs := make([]error, len(s))
	for i, e := range s {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// SourceErrors returns the source errors in err, in order: err is what Build
// or Load returned.
func SourceErrors(err error) []*SourceError {
	var out []*SourceError
	var walk func(error)
	walk = func(err error) {
		if se, ok := err.(*SourceError); ok {
			out = append(out, se)
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
