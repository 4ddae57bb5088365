package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

type netlifyConfig struct {
	Build struct {
		Command     string
		Publish     string
		Environment map[string]string
	}
	Headers []struct {
		For    string
		Values map[string]string
	}
}

// TestNetlify checks that Netlify builds with the developers' command and
// serves the site with strict security headers and long caching only for
// fingerprinted files.
func TestNetlify(t *testing.T) {
	var cfg netlifyConfig
	if _, err := toml.DecodeFile("../../netlify.toml", &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Build.Command != "go run ./cmd/katalog build" || cfg.Build.Publish != "public" {
		t.Errorf("build = %q publishing %q, want the developers' command publishing public", cfg.Build.Command, cfg.Build.Publish)
	}
	gomod, _ := os.ReadFile("../../go.mod")
	goVersion := regexp.MustCompile(`(?m)^go (\S+)`).FindSubmatch(gomod)
	if goVersion == nil || cfg.Build.Environment["GO_VERSION"] != string(goVersion[1]) {
		t.Errorf("GO_VERSION = %q, want go.mod's %q", cfg.Build.Environment["GO_VERSION"], goVersion)
	}
	all := map[string]string{}
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			all = h.Values
		}
		if cc := h.Values["Cache-Control"]; cc != "" {
			if h.For == "/*" || !strings.HasSuffix(h.For, "/*") {
				t.Errorf("Cache-Control %q on %q: only fingerprinted folders may be cached", cc, h.For)
			}
			if cc != "public, max-age=31536000, immutable" {
				t.Errorf("Cache-Control on %s = %q", h.For, cc)
			}
		}
	}
	csp := all["Content-Security-Policy"]
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows unsafe code: %q", csp)
	}
	for k, want := range map[string]string{
		"X-Content-Type-Options":    "nosniff",
		"Referrer-Policy":           "strict-origin-when-cross-origin",
		"Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
	} {
		if all[k] != want {
			t.Errorf("%s = %q, want %q", k, all[k], want)
		}
	}
	if !strings.Contains(all["Permissions-Policy"], "camera=()") {
		t.Errorf("Permissions-Policy = %q", all["Permissions-Policy"])
	}
}
