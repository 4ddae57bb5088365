package main

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// releaseTargets are the binaries scripts/release.sh builds for editors.
var releaseTargets = []struct{ goos, goarch, name string }{
	{"windows", "amd64", "katalog-windows-amd64.exe"},
	{"darwin", "arm64", "katalog-macos-arm64"},
	{"darwin", "amd64", "katalog-macos-amd64"},
	{"linux", "amd64", "katalog-linux-amd64"},
}

// TestReleaseScriptTargets keeps the list above and scripts/release.sh in
// step, and checks the script builds the way TestReleaseBuilds does.
func TestReleaseScriptTargets(t *testing.T) {
	b, err := os.ReadFile("../../scripts/release.sh")
	if err != nil {
		t.Fatal(err)
	}
	script := string(b)
	var got, want []string
	for _, m := range regexp.MustCompile(`(?m)^\s*"(\w+)/(\w+)\s+(\S+)"\s*$`).FindAllStringSubmatch(script, -1) {
		got = append(got, m[1]+"/"+m[2]+" "+m[3])
	}
	for _, tg := range releaseTargets {
		want = append(want, tg.goos+"/"+tg.goarch+" "+tg.name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("targets in scripts/release.sh = %q, want %q", got, want)
	}
	for _, s := range []string{"CGO_ENABLED=0", "-trimpath", `-ldflags "-s -w"`, "./cmd/katalog", "set -euo pipefail"} {
		if !strings.Contains(script, s) {
			t.Errorf("scripts/release.sh does not contain %q", s)
		}
	}
}

// TestReleaseBuilds cross-compiles the command for every release target as
// scripts/release.sh does, and checks each file is an executable for that
// system and processor. With a warm build cache it mostly links.
func TestReleaseBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles four binaries; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on PATH: %v", err)
	}
	dir := t.TempDir()
	for _, tg := range releaseTargets {
		t.Run(tg.goos+"-"+tg.goarch, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(dir, tg.name)
			cmd := exec.Command(gobin, "build", "-trimpath", "-ldflags", "-s -w", "-o", out, ".")
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+tg.goos, "GOARCH="+tg.goarch)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("GOOS=%s GOARCH=%s go build: %v\n%s", tg.goos, tg.goarch, err, b)
			}
			checkExecutable(t, out, tg.goos, tg.goarch)
		})
	}
}

func checkExecutable(t *testing.T, path, goos, goarch string) {
	t.Helper()
	var got string
	switch goos {
	case "windows":
		f, err := pe.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if f.Machine == pe.IMAGE_FILE_MACHINE_AMD64 {
			got = "windows/amd64"
		}
	case "darwin":
		f, err := macho.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		switch {
		case f.Type != macho.TypeExec:
		case f.Cpu == macho.CpuArm64:
			got = "darwin/arm64"
		case f.Cpu == macho.CpuAmd64:
			got = "darwin/amd64"
		}
	case "linux":
		f, err := elf.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if f.Machine == elf.EM_X86_64 && f.Type == elf.ET_EXEC && !slices.ContainsFunc(f.Progs, func(p *elf.Prog) bool { return p.Type == elf.PT_INTERP }) {
			got = "linux/amd64" // statically linked: no dynamic loader needed
		}
	}
	if want := goos + "/" + goarch; got != want {
		t.Errorf("%s is not a %s executable", filepath.Base(path), want)
	}
}
