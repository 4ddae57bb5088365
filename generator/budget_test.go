package generator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCheckPageSize checks the page budget just under, at and just over
// the limit.
func TestCheckPageSize(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, ""},
		{23 << 10, ""},
		{MaxPageBytes - 1, ""},
		{MaxPageBytes, ""},
		{MaxPageBytes + 1, "content/tal.md: siden fylder 20,0 MB som HTML, men en side må højst fylde 20 MB (del teksten op på flere sider, eller gør tabeller og diagrammer mindre)"},
		{263021755, "content/tal.md: siden fylder 250,8 MB som HTML, men en side må højst fylde 20 MB (del teksten op på flere sider, eller gør tabeller og diagrammer mindre)"},
	}
	for _, tt := range tests {
		got := ""
		if e := checkPageSize("content/tal.md", tt.n); e != nil {
			got = e.Error()
		}
		if got != tt.want {
			t.Errorf("checkPageSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestPageSizeInBuild checks that a page over MaxPageBytes stops the build
// at its file (the limit itself is tested just under and over above).
func TestPageSizeInBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 20 MB of markdown")
	}
	para := strings.Repeat("Tekst ", 15) + "\n\n" // at least 96 bytes of HTML
	_, fsys := loadFixture(t, "basic")
	fsys["content/stor.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Stor\nsummary: S.\n---\n" + strings.Repeat(para, MaxPageBytes/90))}
	_, err := Render(context.Background(), Config{FS: fsys, Now: fixtureDate})
	if err == nil || !strings.Contains(err.Error(), "content/stor.md: siden fylder") {
		t.Errorf("Render = %v, want an error at content/stor.md", err)
	}
}
