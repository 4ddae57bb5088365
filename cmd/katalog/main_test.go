package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// waitOutput waits until out contains want.
func waitOutput(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(out.String(), want); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the output:\n%s", want, out)
		}
	}
}

// waitExit waits up to limit for cmd to exit and returns its exit code.
// The limit is generous: this checks that katalog stops, not how fast.
func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s did not exit within %v", cmd, limit)
		return -1
	}
}

// TestInterruptHelper is not a test: TestSecondInterrupt runs the test
// binary with KATALOG_TEST_HANG=1, and then this is a katalog command that
// does not stop when asked, as a build stuck in a long word did (F6).
func TestInterruptHelper(t *testing.T) {
	if os.Getenv("KATALOG_TEST_HANG") != "1" {
		t.Skip("helper process for TestSecondInterrupt")
	}
	ctx, stop := interruptible(os.Stderr, os.Exit)
	defer stop()
	fmt.Println("klar")
	<-ctx.Done()
	fmt.Println("bedt om at stoppe")
	time.Sleep(time.Minute)
	os.Exit(0)
}

// TestSecondInterrupt: a second Ctrl-C ends katalog at once with exit code
// 130, however stuck the command is; after a second it says how.
func TestSecondInterrupt(t *testing.T) {
	for _, sigs := range [][]os.Signal{{os.Interrupt, os.Interrupt}, {syscall.SIGTERM, os.Interrupt}, {syscall.SIGTERM, syscall.SIGTERM}} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptHelper$")
		cmd.Env = append(os.Environ(), "KATALOG_TEST_HANG=1")
		out := new(syncBuffer)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill() })
		waitOutput(t, out, "klar")
		cmd.Process.Signal(sigs[0])
		waitOutput(t, out, "bedt om at stoppe")
		waitOutput(t, out, "tryk Ctrl-C igen for at afbryde med det samme")
		cmd.Process.Signal(sigs[1])
		if code := waitExit(t, cmd, 10*time.Second); code != 130 || !strings.Contains(out.String(), "katalog: afbrudt\n") {
			t.Errorf("signals %v: exit code %d, output %q, want 130 and \"katalog: afbrudt\"", sigs, code, out)
		}
	}
}

// TestServeInterrupt runs the katalog binary: "katalog serve" stops after
// one Ctrl-C (or SIGTERM), also while it rebuilds, and exits with 0.
func TestServeInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the katalog binary")
	}
	bin := filepath.Join(t.TempDir(), "katalog")
	if b, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	for _, tt := range []struct {
		name    string
		sig     os.Signal
		rebuild bool
	}{
		{"SIGINT", os.Interrupt, false},
		{"SIGTERM", syscall.SIGTERM, false},
		{"SIGINT during a rebuild", os.Interrupt, true},
	} {
		root := freshSite(t, "testdata/site.txtar")
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		cmd := exec.Command(bin, "serve", "-src", root, "-addr", addr)
		out := new(syncBuffer)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill() })
		waitOutput(t, out, "Serverer kataloget på")
		if tt.rebuild {
			name := filepath.Join(root, "content/_index.md")
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(name, append(b, "\nÆndret.\n"...), 0o644)
			time.Sleep(30 * time.Millisecond) // the batching window: the build starts
		}
		cmd.Process.Signal(tt.sig)
		start := time.Now()
		if code := waitExit(t, cmd, 10*time.Second); code != 0 || !strings.Contains(out.String(), "Serveren er stoppet.") {
			t.Errorf("%s: exit code %d, output:\n%s\nwant 0 and \"Serveren er stoppet.\"", tt.name, code, out)
		}
		t.Logf("%s: stopped after %v", tt.name, time.Since(start))
	}
}

// TestBareKatalog: without a command, katalog finds the site in the
// current folder (where a double-click on Windows starts it); elsewhere it
// prints the usage and exits 2.
func TestBareKatalog(t *testing.T) {
	site := t.TempDir()
	if err := os.Mkdir(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(site)
	if root, ok := findSite(); !ok || root != "." {
		t.Errorf("findSite in a site = %q, %v", root, ok)
	}
	t.Chdir(t.TempDir())
	if _, ok := findSite(); ok {
		t.Error("findSite found a site in an empty folder")
	}
	var stderr strings.Builder
	if code := run(t.Context(), nil, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), "Uden kommando") {
		t.Errorf("bare katalog outside a site: %d %q", code, stderr.String())
	}
}
