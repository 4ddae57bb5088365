package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuildCommand(t *testing.T) {
	out := t.TempDir()
	t.Setenv("URL", "https://katalog.example.org/")
	code, stdout, stderr := runCmd("build", "-src", "../..", "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`^Byggede \d+ sider og \d+ filer i alt til .+ på \d+ ms\n$`).MatchString(stdout) {
		t.Errorf("summary = %q", stdout)
	}
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !strings.Contains(string(b), `href=https://katalog.example.org/`) {
		t.Errorf("the URL variable did not become the canonical base URL (err %v)", err)
	}
}

func TestBuildExitCodes(t *testing.T) {
	if code, _, _ := runCmd(); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
	if code, _, stderr := runCmd("byg"); code != 2 || !strings.Contains(stderr, "ukendt kommando") {
		t.Errorf("unknown command: exit %d, %q", code, stderr)
	}
	if code, _, _ := runCmd("build", "-nope"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	os.WriteFile(filepath.Join(site, "content", "_index.md"), []byte("---\ntitel: x\n---\n"), 0o644)
	code, _, stderr := runCmd("build", "-src", site)
	if code != 1 || !strings.Contains(stderr, `content/_index.md:2: ukendt felt "titel" (mente du "title"?)`) {
		t.Errorf("content error: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
		t.Errorf("a failed build wrote public/")
	}
}
