package throttle

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestAddressOf(t *testing.T) {
	tests := []struct {
		name       string
		remote     string
		forwarded  []string
		trustProxy bool
		want       string
	}{
		{"IPv4 with port", "192.0.2.1:54321", nil, false, "192.0.2.1"},
		{"IPv4 without port", "192.0.2.1", nil, false, "192.0.2.1"},
		{"IPv6 with brackets and port", "[2001:db8:1:2:3:4:5:6]:443", nil, false, "2001:db8:1:2::/64"},
		{"IPv6 with brackets, no port", "[2001:db8:1:2:3:4:5:6]", nil, false, "2001:db8:1:2::/64"},
		{"IPv6 bare", "2001:db8:1:2:3:4:5:6", nil, false, "2001:db8:1:2::/64"},
		{"IPv6 same /64", "[2001:db8:1:2:ffff::1]:1", nil, false, "2001:db8:1:2::/64"},
		{"IPv6 loopback", "[::1]:8080", nil, false, "::/64"},
		{"IPv6 with zone", "[fe80::1%eth0]:8080", nil, false, "fe80::/64"},
		{"IPv4-mapped IPv6", "[::ffff:192.0.2.1]:8080", nil, false, "192.0.2.1"},
		{"untrusted header ignored", "192.0.2.1:1", []string{"198.51.100.7"}, false, "192.0.2.1"},
		{"trusted proxy", "10.0.0.1:1", []string{"198.51.100.7"}, true, "198.51.100.7"},
		{"trusted proxy, right-most of a list", "10.0.0.1:1", []string{"203.0.113.9, 198.51.100.7"}, true, "198.51.100.7"},
		{"trusted proxy, right-most of several headers", "10.0.0.1:1", []string{"203.0.113.9", "192.0.2.5,198.51.100.7"}, true, "198.51.100.7"},
		{"trusted proxy, IPv6 in the header", "10.0.0.1:1", []string{"2001:db8::7"}, true, "2001:db8::/64"},
		{"trusted proxy, address with port in the header", "10.0.0.1:1", []string{"198.51.100.7:4711"}, true, "198.51.100.7"},
		{"trusted proxy, no header", "10.0.0.1:1", nil, true, "10.0.0.1"},
		{"trusted proxy, garbage right-most", "10.0.0.1:1", []string{"198.51.100.7, unknown"}, true, "10.0.0.1"},
		{"trusted proxy, empty right-most", "10.0.0.1:1", []string{"198.51.100.7,"}, true, "10.0.0.1"},
		{"trusted proxy, spoofed left part ignored", "10.0.0.1:1", []string{"1.1.1.1, 198.51.100.7"}, true, "198.51.100.7"},
		{"garbage", "not an address", nil, false, ""},
		{"empty", "", nil, false, ""},
		{"host name", "example.org:80", nil, false, ""},
		{"port only", ":8080", nil, false, ""},
		{"empty brackets", "[]:80", nil, false, ""},
		{"at sign", "@", nil, false, ""},
		{"garbage everywhere", "x", []string{"y"}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for _, v := range tt.forwarded {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := AddressOf(r, tt.trustProxy); got != tt.want {
				t.Errorf("AddressOf = %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzAddressOf(f *testing.F) {
	for _, s := range []string{"192.0.2.1:1", "[2001:db8::1]:1", "[fe80::1%eth0]", "x", "", "[]"} {
		f.Add(s, s, true)
	}
	f.Fuzz(func(t *testing.T, remote, forwarded string, trust bool) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", forwarded)
		a := AddressOf(r, trust)
		if a == "" {
			return
		}
		// What it returns is an IPv4 address or an IPv6 /64, canonical.
		if addr, err := netip.ParseAddr(a); err == nil {
			if !addr.Is4() || addr.String() != a {
				t.Fatalf("AddressOf gave %q, not a canonical IPv4 address", a)
			}
			return
		}
		p, err := netip.ParsePrefix(a)
		if err != nil || !p.Addr().Is6() || p.Bits() != 64 || p.Masked() != p || p.String() != a {
			t.Fatalf("AddressOf gave %q, not a canonical IPv6 /64 (%v)", a, err)
		}
	})
}
