package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{{"titel", "title", 1}, {"sumary", "summary", 1}, {"", "abc", 3}, {"boliegr", "boliger", 1}, {"kitten", "sitting", 3}}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	known := []string{"title", "summary", "themes", "Fællesskaber"}
	for in, want := range map[string]string{"titel": "title", "sumary": "summary", "temaer": "", "fællesskab": "Fællesskaber", "x": ""} {
		if got := Nearest(in, known); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
}
