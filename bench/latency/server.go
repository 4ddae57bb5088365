package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// A server is the preview server process under test.
type server struct {
	cmd  *exec.Cmd
	done chan struct{}
	log  *tail
}

// startServer runs o.command in o.site and waits until o.addr answers.
func startServer(ctx context.Context, o options, stderr io.Writer) (*server, error) {
	cmd := exec.Command(o.command[0], o.command[1:]...)
	cmd.Dir = o.site
	// Its own process group, so that stop also ends what it starts.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	s := &server{cmd: cmd, done: make(chan struct{}), log: &tail{max: 4096}}
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if o.verbose {
		cmd.Stdout, cmd.Stderr = io.MultiWriter(s.log, stderr), io.MultiWriter(s.log, stderr)
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(o.start)
	for {
		if err := get(ctx, "http://"+o.addr+"/"); err == nil {
			return s, nil
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("%s exited before serving:\n%s", o.command[0], s.log)
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("%s did not answer on %s within %v:\n%s", o.command[0], o.addr, o.start, s.log)
		}
	}
}

// stop interrupts the server's process group and kills it if it has not
// ended after five seconds.
func (s *server) stop() {
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.done
	}
}

// get fetches url and reports an error unless the answer is 200 OK.
func get(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}

// A tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(bytes.TrimSpace(t.buf))
}
