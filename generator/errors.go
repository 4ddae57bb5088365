package generator

import "katalog/internal/diag"

// A SourceError reports a problem at a position in a site source file: the
// program's one error type, diag.Error.
type SourceError = diag.Error

// errorList collects source errors from every stage of a build.
type errorList = diag.List

// SourceErrors returns the source errors in err, in order: err is what Build
// or Load returned.
func SourceErrors(err error) []*SourceError { return diag.Errors(err) }
