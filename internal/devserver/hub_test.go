package devserver

import (
	"testing"
	"time"
)

func TestHub(t *testing.T) {
	h := newHub()
	a, _ := h.subscribe()
	b, _ := h.subscribe()
	h.send(event{"reload", 1})
	for _, c := range []chan event{a, b} {
		if e := <-c; e != (event{"reload", 1}) {
			t.Errorf("got %+v, want reload 1", e)
		}
	}
	h.unsubscribe(a)
	if _, ok := <-a; ok {
		t.Error("unsubscribed channel not closed")
	}
	h.send(event{"css", 2})
	if e := <-b; e != (event{"css", 2}) {
		t.Errorf("got %+v, want css 2", e)
	}
	h.close()
	select {
	case _, ok := <-b:
		if ok {
			t.Error("event after close")
		}
	case <-time.After(time.Second):
		t.Error("close left a client open")
	}
	if _, ok := h.subscribe(); ok {
		t.Error("subscribe after close succeeded")
	}
	h.send(event{"reload", 3}) // must not block
	h.close()                  // nor a second close
}

func TestHubSlowClient(t *testing.T) {
	h := newHub()
	defer h.close()
	slow, _ := h.subscribe()
	fast, _ := h.subscribe()
	for i := range 100 {
		h.send(event{"reload", int64(i)})
		if e := <-fast; e.gen != int64(i) {
			t.Fatalf("fast client got %+v, want gen %d", e, i)
		}
	}
	if n := len(slow); n != cap(slow) {
		t.Errorf("slow client holds %d events, want its buffer (%d) full", n, cap(slow))
	}
}
