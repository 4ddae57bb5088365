package generator

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestContactTel(t *testing.T) {
	for _, tt := range []struct{ phone, want string }{
		{"33 76 20 00", "tel:+4533762000"},
		{"+45 33 76 20 00", "tel:+4533762000"},
		{"+46 8 123 45", "tel:+46812345"},
		{"tlf. 33-76-20-00", "tel:+4533762000"},
		{"ring til os", ""},
	} {
		if got := string((&Contact{Phone: tt.phone}).Tel()); got != tt.want {
			t.Errorf("Tel(%q) = %q, want %q", tt.phone, got, tt.want)
		}
	}
}

// TestContactInContent checks that the contact details come from the
// front page's front matter, reach a page that asks for them, and are
// checked at their lines.
func TestContactInContent(t *testing.T) {
	_, fsys := loadFixture(t, "basic")
	home := "---\ntitle: Forside\nsummary: Kataloget.\ncontact:\n  name: BL\n  address: [Vej 1, 1000 By]\n  phone: 11 22 33 44\n  email: a@b.dk\n---\nVelkommen.\n"
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte(home)}
	fsys["content/om.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Om\nsummary: Om os.\ncontact: true\n---\nTekst.\n")}
	fsys["layouts/side.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>{{.Page.Title}}</h1>{{if .Page.ShowContact}}{{with .Site.Contact}}<p>{{.Name}}{{range .Address}}, {{.}}{{end}} <a href="{{.Tel}}">{{.Phone}}</a> {{.Email}}</p>{{end}}{{end}}{{end}}`)}
	out, err := Render(context.Background(), Config{FS: fsys, Now: fixtureDate})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out["om/index.html"]), minified(t, `<p>BL, Vej 1, 1000 By <a href="tel:+4511223344">11 22 33 44</a> a@b.dk</p>`); !strings.Contains(got, want) {
		t.Errorf("om/index.html = %s\nwant it to contain %s", got, want)
	}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Forside\nsummary: Kataloget.\ncontact:\n  phone: ring\n  email: ikke en adresse\n---\nVelkommen.\n")}
	_, err = Render(context.Background(), Config{FS: fsys, Now: fixtureDate})
	for _, want := range []string{
		`content/_index.md:4: kontaktoplysningerne mangler et navn`,
		`content/_index.md:5: telefonnummeret "ring" har ingen cifre`,
		`content/_index.md:6: e-mailadressen "ikke en adresse" er ikke gyldig`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Render = %v\nwant %s", err, want)
		}
	}
}
