package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestError(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "content/x.md", Line: 3, Col: 5, Msg: "m"}, "content/x.md:3:5: m"},
		{Error{File: "content/x.md", Line: 3, Msg: "m"}, "content/x.md:3: m"},
		{Error{File: "layouts/x.html", Msg: "m"}, "layouts/x.html: m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// TestListErr checks that a list comes out sorted by file, line, column and
// message, without exact duplicates, and that Errors finds every error
// again, also through wrapping.
func TestListErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("an empty list is an error")
	}
	l.Add("b.md", 2, "to")
	l.Add("a.md", 9, "ni")
	l.Add("b.md", 1, "en")
	l.Add("a.md", 9, "ni")
	l = append(l, &Error{File: "a.md", Line: 9, Col: 1, Msg: "kolonne"})
	err := l.Err()
	want := "a.md:9: ni\na.md:9:1: kolonne\nb.md:1: en\nb.md:2: to"
	if err.Error() != want {
		t.Errorf("Err() = %q, want %q", err, want)
	}
	got := Errors(fmt.Errorf("build: %w", err))
	if len(got) != 4 || got[0].Msg != "ni" || got[3].Msg != "to" {
		t.Errorf("Errors found %v", got)
	}
	if len(Errors(errors.New("x"))) != 0 {
		t.Error("Errors found an error in a plain error")
	}
}
