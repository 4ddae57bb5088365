package devserver

import (
	"fmt"
	"net/http"
	"time"
)

// An event is one message to the browsers: "reload" or "css", with the
// generation of the build that caused it.
type event struct {
	name string
	gen  int64
}

// A hub fans events out to the connected browsers. One goroutine owns the
// set of clients (as Hugo's livereload hub does); the others talk to it
// through channels.
type hub struct {
	register   chan chan event
	unregister chan chan event
	broadcast  chan event
	quit       chan struct{}
	done       chan struct{}
}

func newHub() *hub {
	h := &hub{
		register:   make(chan chan event),
		unregister: make(chan chan event),
		broadcast:  make(chan event),
		quit:       make(chan struct{}),
		done:       make(chan struct{}),
	}
	go h.run()
	return h
}

func (h *hub) run() {
	defer close(h.done)
	clients := make(map[chan event]bool)
	for {
		select {
		case c := <-h.register:
			clients[c] = true
		case c := <-h.unregister:
			if clients[c] {
				delete(clients, c)
				close(c)
			}
		case e := <-h.broadcast:
			for c := range clients {
				select {
				case c <- e:
				default: // a stuck client misses this one; its next connect catches up
				}
			}
		case <-h.quit:
			for c := range clients {
				close(c)
			}
			return
		}
	}
}

// subscribe adds a client. Its channel is closed when it unsubscribes or
// the hub stops; ok is false when the hub has stopped already.
func (h *hub) subscribe() (c chan event, ok bool) {
	c = make(chan event, 8)
	select {
	case h.register <- c:
		return c, true
	case <-h.done:
		return nil, false
	}
}

func (h *hub) unsubscribe(c chan event) {
	select {
	case h.unregister <- c:
	case <-h.done:
	}
}

// send delivers e to every client connected now.
func (h *hub) send(e event) {
	select {
	case h.broadcast <- e:
	case <-h.done:
	}
}

// close ends every client's stream and stops the hub.
func (h *hub) close() {
	select {
	case <-h.quit:
	default:
		close(h.quit)
	}
	<-h.done
}

// serveEvents streams events to one browser as Server-Sent Events. It first
// sends "hello" with the current generation, read after subscribing so that
// no build can slip between the two: a page older than that reloads.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming ikke understøttet", http.StatusInternalServerError)
		return
	}
	c, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "serveren lukker ned", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 300\nevent: hello\ndata: %d\n\n", s.generation())
	fl.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %d\n\n", e.name, e.gen)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		}
		fl.Flush()
	}
}
