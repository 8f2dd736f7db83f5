package notify_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/notify"
)

func TestSignAndVerify(t *testing.T) {
	body := []byte(`{"gebeurtenis":"aangemaakt","verzoek":12}`)
	sig := notify.Sign("geheim", body)
	// HMAC-SHA256("geheim", body), as any receiver computes it.
	if !strings.HasPrefix(sig, "sha256=") || len(sig) != len("sha256=")+64 {
		t.Fatalf("signature %q", sig)
	}
	tests := []struct {
		name   string
		secret string
		body   []byte
		header string
		want   bool
	}{
		{"valid", "geheim", body, sig, true},
		{"valid with spaces", "geheim", body, " " + sig + " ", true},
		{"upper-case hex", "geheim", body, "sha256=" + strings.ToUpper(strings.TrimPrefix(sig, "sha256=")), true},
		{"other secret", "anders", body, sig, false},
		{"other body", "geheim", []byte(`{"gebeurtenis":"aangemaakt","verzoek":13}`), sig, false},
		{"no prefix", "geheim", body, strings.TrimPrefix(sig, "sha256="), false},
		{"other algorithm", "geheim", body, "sha1=" + strings.TrimPrefix(sig, "sha256="), false},
		{"not hex", "geheim", body, "sha256=zz", false},
		{"truncated", "geheim", body, sig[:len(sig)-2], false},
		{"empty", "geheim", body, "", false},
	}
	for _, tt := range tests {
		if got := notify.VerifySignature(tt.secret, tt.body, tt.header); got != tt.want {
			t.Errorf("%s: VerifySignature = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func ExampleSign() {
	body := []byte(`{"gebeurtenis":"aangemaakt"}`)
	header := notify.Sign("geheim", body)
	fmt.Println(notify.VerifySignature("geheim", body, header))
	fmt.Println(notify.VerifySignature("geraden", body, header))
	// Output:
	// true
	// false
}

// receiver is an httptest webhook endpoint that checks the signature and
// answers with status.
type receiver struct {
	mu       sync.Mutex
	status   int
	bodies   [][]byte
	delivery []string
	badSig   int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" ||
		!notify.VerifySignature("geheim", body, r.Header.Get(notify.SignatureHeader)) {
		rc.badSig++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	rc.bodies = append(rc.bodies, body)
	rc.delivery = append(rc.delivery, r.Header.Get(notify.DeliveryHeader))
	w.WriteHeader(rc.status)
}

func TestWebhookClientPost(t *testing.T) {
	rc := &receiver{status: http.StatusNoContent}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	// The receiver listens on 127.0.0.1: only with AllowPrivate.
	c := &notify.WebhookClient{AllowPrivate: true}
	ctx := context.Background()
	body := []byte(`{"verzoek":12}`)
	if err := c.Post(ctx, srv.URL+"/hook", "geheim", 77, body); err != nil {
		t.Fatal(err)
	}
	if len(rc.bodies) != 1 || string(rc.bodies[0]) != string(body) || rc.delivery[0] != "77" {
		t.Fatalf("received %q, delivery %q", rc.bodies, rc.delivery)
	}
	// A wrong secret is refused by the receiver: an error naming the status.
	err := c.Post(ctx, srv.URL, "fout", 78, body)
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("post with the wrong secret: %v", err)
	}
	rc.status = http.StatusInternalServerError
	if err := c.Post(ctx, srv.URL, "geheim", 79, body); err == nil || err.Error() != "HTTP 500" || !strings.Contains(notify.Cause(err), "500 Internal Server Error") {
		t.Fatalf("post to a failing receiver: %v", err)
	}
	// Redirects are not followed.
	moved := httptest.NewServer(http.RedirectHandler(srv.URL, http.StatusTemporaryRedirect))
	defer moved.Close()
	if err := c.Post(ctx, moved.URL, "geheim", 80, body); err == nil || !strings.Contains(err.Error(), "307") {
		t.Fatalf("post to a redirect: %v", err)
	}
	// A receiver that is down: the error does not repeat the URL, which may
	// hold a token.
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	err = c.Post(ctx, down.URL+"/hook?token=tok-abc", "geheim", 81, body)
	if err == nil || err.Error() != notify.FailNoConnect || strings.Contains(notify.Cause(err), "tok-abc") || strings.Contains(notify.Cause(err), "/hook") {
		t.Fatalf("post to a receiver that is down: %v (%s)", err, notify.Cause(err))
	}
	// A cancelled context stops the post.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := c.Post(cctx, srv.URL, "geheim", 82, body); err == nil {
		t.Fatal("post with a cancelled context succeeded")
	}
}

// TestWebhookClientRefusesInternal: without AllowPrivate a post to
// 127.0.0.1 fails as "adres niet toegestaan" and never reaches the
// receiver; with it, it is delivered.
func TestWebhookClientRefusesInternal(t *testing.T) {
	rc := &receiver{status: http.StatusNoContent}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	ctx := context.Background()
	for _, c := range []*notify.WebhookClient{nil, {}} {
		err := c.Post(ctx, srv.URL+"/hook", "geheim", 1, []byte(`{}`))
		if err == nil || err.Error() != notify.FailNotAllowed || !errors.Is(err, notify.ErrAddressNotAllowed) {
			t.Fatalf("post to 127.0.0.1: %v", err)
		}
	}
	// A name that resolves to loopback is refused too: the check is on
	// the address dialled.
	localhost := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if err := (&notify.WebhookClient{}).Post(ctx, localhost, "geheim", 2, []byte(`{}`)); err == nil || err.Error() != notify.FailNotAllowed {
		t.Fatalf("post to localhost: %v", err)
	}
	if len(rc.bodies) != 0 {
		t.Fatalf("the receiver got %d posts", len(rc.bodies))
	}
	if err := (&notify.WebhookClient{AllowPrivate: true}).Post(ctx, srv.URL, "geheim", 3, []byte(`{}`)); err != nil || len(rc.bodies) != 1 {
		t.Fatalf("post with AllowPrivate: %v, %d posts", err, len(rc.bodies))
	}
}

func TestCheckDialAddress(t *testing.T) {
	refused := []string{
		"127.0.0.1:5432", "127.8.9.10:80", "[::1]:443", // loopback
		"10.1.2.3:22", "172.16.0.1:80", "172.31.255.255:80", "192.168.1.1:80", "[fc00::1]:80", "[fd12:3456::1]:80", // private
		"169.254.169.254:80", "[fe80::1]:80", "[fe80::1%eth0]:80", // link-local
		"0.0.0.0:80", "[::]:80", "0.1.2.3:80", // unspecified, this network
		"224.0.0.1:80", "239.1.2.3:80", "[ff02::1]:80", "[ff0e::1]:80", // multicast
		"100.64.0.1:80", "100.127.255.254:80", // carrier-grade NAT
		"[::ffff:127.0.0.1]:80", "[::ffff:10.0.0.1]:80", "[::ffff:169.254.169.254]:80", // IPv4-mapped
		"not-an-address", "example.nl:80",
	}
	for _, a := range refused {
		if err := notify.CheckDialAddress("tcp", a, nil); !errors.Is(err, notify.ErrAddressNotAllowed) {
			t.Errorf("CheckDialAddress(%q) = %v, want refused", a, err)
		}
	}
	allowed := []string{"93.184.215.14:443", "100.63.255.255:80", "100.128.0.1:80", "172.32.0.1:80", "[2a00:1450:400e:80f::200e]:443", "[::ffff:93.184.215.14]:443"}
	for _, a := range allowed {
		if err := notify.CheckDialAddress("tcp", a, nil); err != nil {
			t.Errorf("CheckDialAddress(%q) = %v, want allowed", a, err)
		}
	}
}

func TestValidateWebhookURL(t *testing.T) {
	tests := []struct {
		url  string
		code string // the field error's code, "" when valid
	}{
		{"https://uwv.example/schakel", ""},
		{"http://127.0.0.1:8080/hook?x=1", ""},
		{"", "required"},
		{"   ", "required"},
		{"uwv.example/hook", "format"},
		{"/hook", "format"},
		{"ftp://uwv.example/hook", "format"},
		{"https://", "format"},
		{"https://:443/hook", "format"},
		{"https://user:pass@uwv.example/hook", "credentials"},
		{"https://uwv.example/" + strings.Repeat("x", 2000), "too_long"},
		{"http://[::1", "format"},
	}
	for _, tt := range tests {
		err := notify.ValidateWebhookURL(tt.url)
		if tt.code == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.url, err)
			}
			continue
		}
		fields := schakel.ErrorFields(err)
		if schakel.ErrorCode(err) != schakel.EINVALID || len(fields) != 1 || fields[0].Field != "url" || fields[0].Code != tt.code || fields[0].Reason() == "" {
			t.Errorf("%q: %v %+v, want EINVALID url %s", tt.url, err, fields, tt.code)
		}
	}
}

// TestWebhookClientAllowedRanges: an operator who allows one internal
// range lets webhooks reach that range and no other internal address;
// the receiver on 127.0.0.1 is reached with 127.0.0.0/8 allowed and
// refused with 10.0.0.0/8 allowed.
func TestWebhookClientAllowedRanges(t *testing.T) {
	rc := &receiver{status: http.StatusNoContent}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	ctx := context.Background()
	other := &notify.WebhookClient{AllowRanges: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	if err := other.Post(ctx, srv.URL, "geheim", 1, []byte(`{}`)); err == nil || err.Error() != notify.FailNotAllowed {
		t.Fatalf("post to 127.0.0.1 with only 10.0.0.0/8 allowed: %v", err)
	}
	if len(rc.bodies) != 0 {
		t.Fatalf("the receiver got %d posts", len(rc.bodies))
	}
	loop := &notify.WebhookClient{AllowRanges: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}
	if err := loop.Post(ctx, srv.URL, "geheim", 2, []byte(`{}`)); err != nil || len(rc.bodies) != 1 {
		t.Fatalf("post to 127.0.0.1 with 127.0.0.0/8 allowed: %v, %d posts", err, len(rc.bodies))
	}
	for ip, want := range map[string]bool{"10.1.2.3": true, "::ffff:10.1.2.3": true, "192.168.1.1": false, "169.254.169.254": false, "8.8.8.8": true} {
		if got := other.Allows(netip.MustParseAddr(ip)); got != want {
			t.Errorf("Allows(%s) = %v, want %v", ip, got, want)
		}
	}
}
