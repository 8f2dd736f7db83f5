package throttle

import (
	"net/http"
	"net/netip"
	"strings"
)

// AddressOf returns the client address of r to limit by: the IP address of
// r.RemoteAddr without its port, or "" when there is none.
//
// X-Forwarded-For is ignored unless trustProxy is true, because any client
// can send it and would pick its own bucket. With trustProxy, schakel runs
// behind exactly one reverse proxy that appends the address it saw, and
// AddressOf takes the right-most address of the header, the only one that
// proxy vouches for; when that is missing or not an address it falls back
// to r.RemoteAddr, the proxy itself, so a malformed header shares one
// bucket rather than choosing one.
//
// An IPv6 address is returned as its /64 network (2001:db8:1:2::/64): one
// subscriber usually holds a whole /64 and could otherwise take a fresh
// address, and a fresh bucket, for every request. IPv4-mapped IPv6
// addresses are returned as IPv4, and zones are dropped.
func AddressOf(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if forwarded := r.Header.Values("X-Forwarded-For"); len(forwarded) > 0 {
			last := forwarded[len(forwarded)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if a, ok := parseAddress(last); ok {
				return a
			}
		}
	}
	if a, ok := parseAddress(r.RemoteAddr); ok {
		return a
	}
	return ""
}

// parseAddress reads an address with or without port ("192.0.2.1",
// "192.0.2.1:8080", "2001:db8::1", "[2001:db8::1]:8080", "[2001:db8::1]")
// and returns it in the form AddressOf documents.
func parseAddress(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var addr netip.Addr
	if ap, err := netip.ParseAddrPort(s); err == nil {
		addr = ap.Addr()
	} else {
		if len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' {
			s = s[1 : len(s)-1]
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return "", false
		}
		addr = a
	}
	addr = addr.WithZone("").Unmap()
	if addr.Is6() {
		p, err := addr.Prefix(64)
		if err != nil {
			return "", false
		}
		return p.String(), true
	}
	return addr.String(), true
}
