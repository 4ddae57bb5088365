//go:build unix

package generator

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id runs now.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
