//go:build !unix

package devserver

import "errors"

func mkfifo(string) error { return errors.ErrUnsupported }
