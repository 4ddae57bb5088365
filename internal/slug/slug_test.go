package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Æbler & Øl på Ærø", "aebler-oel-paa-aeroe"},
		{"Boligløsninger", "boligloesninger"},
		{"Social støtte", "social-stoette"},
		{"Fællesskaber", "faellesskaber"},
		{"Samarbejde på tværs", "samarbejde-paa-tvaers"},
		{"Overgangen til eget hjem", "overgangen-til-eget-hjem"},
		{"København", "koebenhavn"},
		{"Århus", "aarhus"},
		{"ÅÆØ", "aaaeoe"},
		{"  -- Hej --  ", "hej"},
		{"§ 110-boformer", "110-boformer"},
		{"Café Émile", "cafe-emile"},
		{"Fra bolig til hjem (2025–2027)", "fra-bolig-til-hjem-2025-2027"},
		{"a\u030a", "aa"}, // å written as a + combining ring
		{"", ""},
		{"!!!", ""},
		{"Ω", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"Æbler & Øl på Ærø", "§ 110", "a\u030a", "--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if !utf8.ValidString(got) || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Make(%q) = %q: not a clean slug", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Make(%q) = %q: contains %q", s, got, r)
			}
		}
		if Make(got) != got {
			t.Fatalf("Make is not idempotent on %q", got)
		}
	})
}
