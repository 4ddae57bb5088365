package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// subscribe connects to the server's reload channel and returns the arrival
// time of each reload signal.
func subscribe(ctx context.Context, kind, addr string) (<-chan time.Time, error) {
	if kind == "hugo" {
		return dialLivereload(ctx, addr)
	}
	return dialEvents(ctx, "http://"+addr+"/_katalog/events")
}

// dialEvents opens a Server-Sent Events stream.
func dialEvents(ctx context.Context, url string) (<-chan time.Time, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	c := make(chan time.Time, 16)
	go func() {
		defer resp.Body.Close()
		readEvents(resp.Body, c)
	}()
	return c, nil
}

// readEvents sends the time of each "reload" or "css" event in the stream
// r to c, and closes c at the end of the stream. An event ends at a blank
// line; only its "event:" field matters here.
func readEvents(r io.Reader, c chan<- time.Time) {
	defer close(c)
	sc := bufio.NewScanner(r)
	name := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if name == "reload" || name == "css" {
				c <- time.Now()
			}
			name = ""
		case strings.HasPrefix(line, "event:"):
			name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		}
	}
}
