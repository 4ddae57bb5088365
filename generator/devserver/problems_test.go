package devserver

import (
	"errors"
	"fmt"
	"testing"

	"katalog/internal/diag"
)

// TestProblemsOf checks that the error page gets a build's positioned
// errors as they are, through joining and wrapping, and any other error
// as a problem without a position.
func TestProblemsOf(t *testing.T) {
	a := &diag.Error{File: "content/cases/a.md", Line: 3, Col: 2, Msg: "ukendt felt"}
	b := &diag.Error{File: "layouts/case.html", Line: 7, Msg: "ukendt funktion"}
	other := errors.New("disken er fuld")
	tests := []struct {
		err  error
		want string
	}{
		{errors.Join(a, b), "content/cases/a.md:3:2: ukendt felt|layouts/case.html:7: ukendt funktion|"},
		{fmt.Errorf("byg: %w", a), "content/cases/a.md:3:2: ukendt felt|"},
		{errors.Join(a, other), "content/cases/a.md:3:2: ukendt felt|disken er fuld|"},
		{other, "disken er fuld|"},
	}
	for _, tt := range tests {
		got := ""
		for _, p := range problemsOf(tt.err) {
			got += p.Error() + "|"
		}
		if got != tt.want {
			t.Errorf("problemsOf(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
