package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// dialLivereload opens Hugo's livereload websocket and returns the arrival
// time of each {"command":"reload"} message. It speaks just enough of
// RFC 6455 for that: unfragmented text frames, ping and close.
func dialLivereload(ctx context.Context, addr string) (<-chan time.Time, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	br, err := handshake(conn, addr, "/livereload")
	if err != nil {
		conn.Close()
		return nil, err
	}
	hello := `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`
	if err := writeFrame(conn, 1, []byte(hello)); err != nil {
		conn.Close()
		return nil, err
	}
	c := make(chan time.Time, 16)
	go func() {
		defer conn.Close()
		defer close(c)
		for {
			op, msg, err := readFrame(br)
			if err != nil || op == 8 {
				return
			}
			switch {
			case op == 9:
				writeFrame(conn, 10, msg)
			case op == 1 && strings.Contains(string(msg), `"reload"`):
				c <- time.Now()
			}
		}
	}()
	return c, nil
}

// handshake upgrades conn to a websocket on path.
func handshake(conn net.Conn, addr, path string) (*bufio.Reader, error) {
	key := make([]byte, 16)
	rand.Read(key)
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\n"+
		"Upgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
		path, addr, addr, base64.StdEncoding.EncodeToString(key))
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		return nil, fmt.Errorf("websocket %s: %s", path, resp.Status)
	}
	return br, nil
}

// writeFrame writes one final, masked client frame.
func writeFrame(w io.Writer, op byte, payload []byte) error {
	hdr := []byte{0x80 | op}
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n < 1<<16:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = binary.BigEndian.AppendUint64(append(hdr, 0x80|127), uint64(n))
	}
	mask := make([]byte, 4)
	rand.Read(mask)
	masked := make([]byte, len(payload))
	for i, b := range payload {
		masked[i] = b ^ mask[i%4]
	}
	_, err := w.Write(append(append(hdr, mask...), masked...))
	return err
}

// readFrame reads one frame and returns its opcode and unmasked payload.
func readFrame(r *bufio.Reader) (byte, []byte, error) {
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, nil, err
	}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var b [2]byte
		_, err := io.ReadFull(r, b[:])
		n = uint64(binary.BigEndian.Uint16(b[:]))
		if err != nil {
			return 0, nil, err
		}
	case 127:
		var b [8]byte
		_, err := io.ReadFull(r, b[:])
		n = binary.BigEndian.Uint64(b[:])
		if err != nil {
			return 0, nil, err
		}
	}
	var mask [4]byte
	if h[1]&0x80 != 0 {
		if _, err := io.ReadFull(r, mask[:]); err != nil {
			return 0, nil, err
		}
	}
	if n > 1<<24 {
		return 0, nil, fmt.Errorf("websocket frame of %d bytes", n)
	}
	payload := make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		return 0, nil, err
	}
	if h[1]&0x80 != 0 {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return h[0] & 0x0f, payload, nil
}
