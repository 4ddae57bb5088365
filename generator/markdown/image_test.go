package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestWithImages(t *testing.T) {
	resolve := func(dest string) (Img, string, bool) {
		switch dest {
		case "foto.jpg":
			return Img{Src: "/assets/img/foto-960.jpg", Srcset: "/assets/img/foto-480.jpg 480w, /assets/img/foto-960.jpg 960w", Width: 960, Height: 640}, "", true
		case "logo.svg":
			return Img{}, "", true // left to the link resolver
		}
		return Img{}, "billedet findes ikke", false
	}
	links := func(dest string, image bool) (string, string, bool) { return "/" + dest, "", true }
	for _, tt := range []struct {
		src, want, problem string
	}{
		{"![Holdet på banen](foto.jpg)",
			`<img src="/assets/img/foto-960.jpg" alt="Holdet på banen" srcset="/assets/img/foto-480.jpg 480w, /assets/img/foto-960.jpg 960w" sizes="` + DefaultSizes + `" width="960" height="640" loading="lazy" decoding="async" />`, ""},
		{"![Logo](logo.svg)", `<img src="/logo.svg" alt="Logo" />`, ""},
		{"![Ekstern](https://example.org/a.jpg)", `<img src="https://example.org/a.jpg" alt="Ekstern" />`, ""},
		{"Tekst\n\n![Mangler](mangler.jpg)", `<img src="mangler.jpg" alt="Mangler" />`, "3: billedet findes ikke"},
	} {
		res := New().Render([]byte(tt.src), links, WithImages(resolve))
		if !strings.Contains(string(res.HTML), tt.want) {
			t.Errorf("Render(%q) = %s, want it to contain %s", tt.src, res.HTML, tt.want)
		}
		var problems []string
		for _, p := range res.Problems {
			problems = append(problems, fmt.Sprintf("%d: %s", p.Line, p.Msg))
		}
		if got := strings.Join(problems, "; "); got != tt.problem {
			t.Errorf("Render(%q) problems %q, want %q", tt.src, got, tt.problem)
		}
		if len(res.Links) != 1 || !res.Links[0].Image {
			t.Errorf("Render(%q) links %+v, want the one image", tt.src, res.Links)
		}
	}
}
