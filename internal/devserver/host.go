package devserver

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// hostRefusal is the start of the 403 text for a request from a page that
// is not the preview's own.
const hostRefusal = "forhåndsvisningen svarer kun på localhost, 127.0.0.1, [::1] og adressen, den lytter på"

// A hostGuard knows the host names the preview answers to. A listening
// socket on 127.0.0.1 keeps other machines out, but not a page in the
// editor's own browser whose domain is rebound to 127.0.0.1 (DNS
// rebinding): the browser then sends that domain as Host, and as Origin on
// the event stream. Vite (server.allowedHosts) and webpack-dev-server
// (allowedHosts) refuse such requests; so does the preview.
type hostGuard struct {
	addrHost string // the host of the listen address: lower-case, no brackets, no trailing dot
	anyIP    bool   // listening on every interface: any IP address is fine
}

// newHostGuard returns the guard for a server listening on addr
// ("127.0.0.1:1313", "localhost:1313", ":1313", "192.168.1.4:1313").
func newHostGuard(addr string) hostGuard {
	h, _, err := net.SplitHostPort(addr)
	if err != nil {
		h = addr
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	ip, err := netip.ParseAddr(h)
	return hostGuard{addrHost: h, anyIP: h == "" || err == nil && ip.IsUnspecified()}
}

// allowed reports whether the Host header hostport names this server:
// localhost, a loopback address (127.0.0.1, [::1]) or the listen address's
// host, with any port or none. Case does not matter, and one trailing dot
// is dropped ("localhost." is localhost). An IP address can never be a
// rebound domain, so when the server listens on every interface, every IP
// address is allowed (the machine's LAN address, for a phone).
func (g hostGuard) allowed(hostport string) bool {
	h, ok := hostOf(hostport)
	if !ok || h == "" {
		return false
	}
	if h == "localhost" || h == g.addrHost {
		return true
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && (ip.IsLoopback() || g.anyIP)
}

// allowedOrigin reports whether an Origin header names a page of this
// server. Browsers send Origin with cross-origin requests, the event stream
// among them; "null" (a sandboxed frame, a file) is refused.
func (g hostGuard) allowedOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Path == "" && g.allowed(u.Host)
}

// hostOf returns the host of a Host header ("Localhost.:1313" is
// "localhost", "[::1]:1313" is "::1"). ok is false when hostport is not a
// host with an optional numeric port; brackets hold only IPv6 addresses,
// and an IPv6 address needs them.
func hostOf(hostport string) (host string, ok bool) {
	h, port := hostport, ""
	if rest, found := strings.CutPrefix(h, "["); found {
		addr, after, found := strings.Cut(rest, "]")
		if ip, err := netip.ParseAddr(addr); !found || err != nil || !ip.Is6() {
			return "", false
		}
		h, port = addr, after
	} else if i := strings.IndexByte(h, ':'); i >= 0 {
		h, port = h[:i], h[i:]
	}
	if port != "" && (port[0] != ':' || strings.Trim(port[1:], "0123456789") != "") {
		return "", false
	}
	return strings.TrimSuffix(strings.ToLower(h), "."), true
}

// checkHost wraps the whole handler, the event stream and every
// /_katalog/ path included: requests for another host or from another
// origin get 403.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts.allowed(r.Host) {
			http.Error(w, fmt.Sprintf("ukendt vært %q: %s", r.Host, hostRefusal), http.StatusForbidden)
			return
		}
		if o := r.Header.Values("Origin"); len(o) > 1 || len(o) == 1 && !s.hosts.allowedOrigin(o[0]) {
			http.Error(w, fmt.Sprintf("ukendt oprindelse %q: %s", strings.Join(o, ", "), hostRefusal), http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}
