package generator

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// Files that programs look for at fixed addresses: security.txt (RFC 9116)
// and the web app manifest.

const (
	securityTxt = ".well-known/security.txt"
	manifest    = "manifest.webmanifest"
)

// manifestIcons are the icons the manifest names, as logical asset names.
var manifestIcons = []string{"img/favicon.svg", "img/logo.svg"}

// writeWellKnown adds security.txt, when the site has a contact, and the
// manifest to out, which already holds the assets.
func (s *Site) writeWellKnown(out Output) {
	if txt := s.securityTxt(); txt != nil {
		out[securityTxt] = txt
	}
	s.writeManifest(out)
}

// securityTxt returns /.well-known/security.txt (RFC 9116): the site's
// contact as e-mail and telephone, an expiry a year after the build date
// (so the same build date gives the same file), the languages and, when
// the site knows its address, where the file lives. It returns nil when
// the site has no contact with an e-mail address or a telephone number:
// Contact is required.
func (s *Site) securityTxt() []byte {
	c := s.Contact()
	if c == nil || c.Email == "" && c.Tel() == "" {
		return nil
	}
	var b strings.Builder
	b.WriteString("# " + s.Title + " – " + publisher + "\n")
	if c.Email != "" {
		fmt.Fprintf(&b, "Contact: mailto:%s\n", c.Email)
	}
	if tel := c.Tel(); tel != "" {
		fmt.Fprintf(&b, "Contact: %s\n", tel)
	}
	fmt.Fprintf(&b, "Expires: %s\n", s.securityExpires().Format(time.RFC3339))
	b.WriteString("Preferred-Languages: da, en\n")
	if s.Absolute() {
		fmt.Fprintf(&b, "Canonical: %s\n", s.absURL("/"+securityTxt))
	}
	return []byte(b.String())
}

// securityExpires is midnight UTC of the build date's day a year on.
func (s *Site) securityExpires() time.Time {
	y, m, d := s.Now.Date()
	return time.Date(y+1, m, d, 0, 0, 0, 0, time.UTC)
}

// writeManifest adds the web app manifest to out. Its icons are the
// fingerprinted assets, found among the asset files in out; the preview
// writes it again when assets change (patch.go).
func (s *Site) writeManifest(out Output) {
	type icon struct {
		Src   string `json:"src"`
		Sizes string `json:"sizes"`
		Type  string `json:"type"`
	}
	m := struct {
		Name        string `json:"name"`
		ShortName   string `json:"short_name"`
		Description string `json:"description,omitempty"`
		Lang        string `json:"lang"`
		Dir         string `json:"dir"`
		StartURL    string `json:"start_url"`
		Scope       string `json:"scope"`
		Display     string `json:"display"`
		ThemeColor  string `json:"theme_color"`
		Background  string `json:"background_color"`
		Icons       []icon `json:"icons"`
	}{
		Name: s.Title + " – inspirationskatalog", ShortName: s.Title, Lang: "da", Dir: "ltr",
		StartURL: s.base, Scope: s.base, Display: "browser", ThemeColor: "#1a4d6e", Background: "#ffffff",
		Icons: []icon{},
	}
	if s.Home != nil {
		m.Description = s.Home.Summary
	}
	for _, name := range manifestIcons {
		if p := assetPath(out, name); p != "" {
			m.Icons = append(m.Icons, icon{Src: s.base + p, Sizes: "any", Type: "image/svg+xml"})
		}
	}
	out[manifest] = marshalIndent(m)
}

// assetPath returns the output path of the asset with a logical name
// ("img/logo.svg") among the files of out, "assets/img/logo.<hash>.svg",
// or "" if there is none.
func assetPath(out Output, logical string) string {
	ext := path.Ext(logical)
	prefix := "assets/" + strings.TrimSuffix(logical, ext) + "."
	for name := range out {
		if hash, ok := strings.CutPrefix(name, prefix); ok && strings.HasSuffix(hash, ext) && isHex(strings.TrimSuffix(hash, ext)) {
			return name
		}
	}
	return ""
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return s != ""
}
