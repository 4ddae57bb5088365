package main

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestReadEvents(t *testing.T) {
	stream := "retry: 300\nevent: hello\ndata: 1\n\n" +
		"event: reload\ndata: 2\n\n" +
		": comment\n\n" +
		"event: css\ndata: 3\n\n" +
		"event: reload\ndata: 4\n" // not ended by a blank line: not an event yet
	c := make(chan time.Time, 8)
	readEvents(strings.NewReader(stream), c)
	n := 0
	for range c {
		n++
	}
	if n != 2 {
		t.Errorf("readEvents found %d reload signals, want 2 (reload and css)", n)
	}
}

func TestDialEvents(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "event: hello\ndata: 1\n\n")
		w.(http.Flusher).Flush()
		time.Sleep(20 * time.Millisecond)
		fmt.Fprint(w, "event: reload\ndata: 2\n\n")
	}))
	defer srv.Close()
	c, err := dialEvents(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-c:
	case <-time.After(5 * time.Second):
		t.Fatal("no reload signal from the stream")
	}
}

// TestLivereload runs the client against a websocket server written out
// here: it checks the upgrade, that the client's hello frame is masked and
// intact, and that a reload message (after a ping and an unrelated
// message, with a 16-bit length) comes through.
func TestLivereload(t *testing.T) {
	got := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := sha1.Sum([]byte(r.Header.Get("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		conn, rw, _ := w.(http.Hijacker).Hijack()
		defer conn.Close()
		fmt.Fprintf(rw, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Accept: %s\r\n\r\n", base64.StdEncoding.EncodeToString(h[:]))
		rw.Flush()
		op, msg, err := readFrame(rw.Reader)
		if err != nil || op != 1 {
			got <- fmt.Sprintf("op %d, err %v", op, err)
			return
		}
		got <- string(msg)
		rw.Write(serverFrame(9, "ping"))
		rw.Write(serverFrame(1, `{"command":"hello"}`))
		rw.Write(serverFrame(1, `{"command":"reload","path":"/`+strings.Repeat("x", 200)+`/"}`))
		rw.Flush()
		readFrame(rw.Reader) // the pong
		time.Sleep(100 * time.Millisecond)
	}))
	defer srv.Close()
	c, err := dialLivereload(context.Background(), strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	if hello := <-got; !strings.Contains(hello, `"command":"hello"`) {
		t.Fatalf("server read hello frame %q", hello)
	}
	n := 0
	for range c {
		n++
	}
	if n != 1 {
		t.Errorf("got %d reload signals, want 1", n)
	}
}

// serverFrame returns an unmasked server frame.
func serverFrame(op byte, payload string) []byte {
	if len(payload) < 126 {
		return append([]byte{0x80 | op, byte(len(payload))}, payload...)
	}
	return append([]byte{0x80 | op, 126, byte(len(payload) >> 8), byte(len(payload))}, payload...)
}

func TestMaskedFrameRoundTrip(t *testing.T) {
	var b strings.Builder
	msg := strings.Repeat("æøå", 50)
	if err := writeFrame(&b, 1, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "æøå") {
		t.Error("client frame is not masked")
	}
	op, got, err := readFrame(bufio.NewReader(strings.NewReader(b.String())))
	if err != nil || op != 1 || string(got) != msg {
		t.Errorf("readFrame(writeFrame(%q)) = %d, %q, %v", msg, op, got, err)
	}
}

func TestQuantile(t *testing.T) {
	ds := []time.Duration{10, 20, 30, 40}
	tests := []struct {
		in   []time.Duration
		q    float64
		want time.Duration
	}{
		{ds, 0.5, 25},
		{ds[:3], 0.5, 20},
		{ds, 0.9, 40},
		{[]time.Duration{7}, 0.9, 7},
	}
	for _, tt := range tests {
		if got := quantile(tt.in, tt.q); got != tt.want {
			t.Errorf("quantile(%v, %v) = %v, want %v", tt.in, tt.q, got, tt.want)
		}
	}
}

func TestPageURL(t *testing.T) {
	if got, want := pageURL("content/cases/fodbold-i-aalborg-3.md"), "/cases/fodbold-i-aalborg-3/"; got != want {
		t.Errorf("pageURL = %q, want %q", got, want)
	}
}

func TestOverBudget(t *testing.T) {
	long := time.Now().Add(-time.Hour)
	tests := []struct {
		budget time.Duration
		saves  int
		begin  time.Time
		want   bool
	}{
		{0, 10, long, false},            // no budget
		{time.Minute, 2, long, false},   // fewer than three saves
		{time.Minute, 3, long, true},    // spent
		{time.Hour * 2, 3, long, false}, // not spent
	}
	for _, tt := range tests {
		o := options{budget: tt.budget}
		if got := overBudget(o, tt.saves, tt.begin); got != tt.want {
			t.Errorf("overBudget(budget %v, %d saves) = %v, want %v", tt.budget, tt.saves, got, tt.want)
		}
	}
}

func TestRetitle(t *testing.T) {
	src := []byte("---\ntitle: \"Et hjem\"\ndate: 2025-01-02\n---\ntitle: brødtekst\n")
	got, err := retitle(src, 3)
	if err != nil {
		t.Fatal(err)
	}
	got, err = retitle(got, 4)
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\ntitle: \"Et hjem (4)\"\ndate: 2025-01-02\n---\ntitle: brødtekst\n"; string(got) != want {
		t.Errorf("retitle = %q, want %q", got, want)
	}
	if _, err := retitle([]byte("---\ndate: 2025-01-02\n---\ntitle: x\n"), 1); err == nil {
		t.Error("a file without a title in its front matter was retitled")
	}
}
