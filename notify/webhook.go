package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schakel-nl/schakel"
)

// The headers of a webhook delivery.
const (
	// SignatureHeader holds "sha256=" and the hex HMAC-SHA256 of the body
	// under the webhook's secret.
	SignatureHeader = "X-Schakel-Signature"
	// DeliveryHeader holds the notification's id: the same for every
	// attempt, so a receiver can drop a message it has already seen.
	DeliveryHeader = "X-Schakel-Delivery"
)

// signaturePrefix names the algorithm in the header value.
const signaturePrefix = "sha256="

// Sign returns the header value that signs body with secret:
// "sha256=" and the hex HMAC-SHA256.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return signaturePrefix + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature reports whether header is the signature of body under
// secret, comparing in constant time. Receivers use it (or its equivalent
// in their language) on the raw body, before parsing it.
func VerifySignature(secret string, body []byte, header string) bool {
	got, ok := strings.CutPrefix(strings.TrimSpace(header), signaturePrefix)
	if !ok {
		return false
	}
	sum, err := hex.DecodeString(got)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(sum, mac.Sum(nil))
}

// ValidateWebhookURL checks that s is an absolute http or https URL with a
// host and without credentials (they would end up in logs and screens).
// Returns an EINVALID *schakel.Error on field "url".
func ValidateWebhookURL(s string) error {
	var v schakel.Validation
	if !v.Required("url", s) {
		return v.Err()
	}
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "":
		v.Add("url", "format", "Geef een volledige http- of https-URL, zoals https://voorbeeld.nl/schakel.")
	case u.User != nil:
		v.Add("url", "credentials", "Zet geen gebruikersnaam of wachtwoord in de URL; de webhook wordt met het geheim ondertekend.")
	case len(s) > 2000:
		v.Add("url", "too_long", "Gebruik hoogstens %d tekens.", 2000)
	}
	return v.Err()
}

// DefaultWebhookTimeout bounds one webhook delivery when WebhookClient.HTTP
// is nil.
const DefaultWebhookTimeout = 15 * time.Second

// The failure classes of a webhook delivery: what an administrator sees of
// it, instead of the Go error that names addresses and ports (read as a
// port scan of schakel's network, it would tell which ports are open).
const (
	FailNotAllowed  = "adres niet toegestaan"
	FailNoName      = "naam niet gevonden"
	FailTimeout     = "time-out"
	FailTLS         = "beveiligde verbinding mislukt"
	FailNoConnect   = "geen verbinding"
	FailInvalidURL  = "ongeldige URL"
	failStatusClass = "HTTP %d"
)

// ErrAddressNotAllowed is the dial error for an address webhooks may not
// reach: see CheckDialAddress.
var ErrAddressNotAllowed = errors.New("webhook: address not allowed")

// WebhookError is a failed webhook delivery. Its Error is Class alone, a
// short text fit for the administrator's screen; Err, the cause, is for the
// operator's log (it names the host and its address, never the URL's path).
type WebhookError struct {
	Class string
	Err   error
}

func (e *WebhookError) Error() string { return e.Class }

// Unwrap returns the cause.
func (e *WebhookError) Unwrap() error { return e.Err }

// Cause returns the text of the cause of err when it is a *WebhookError,
// for the operator's log; else err's own text.
func Cause(err error) string {
	var we *WebhookError
	if errors.As(err, &we) && we.Err != nil {
		return we.Err.Error()
	}
	return err.Error()
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// thisNetwork is 0.0.0.0/8, which Linux dials as the host itself.
var thisNetwork = netip.MustParsePrefix("0.0.0.0/8")

// AllowedAddress reports whether a webhook may connect to ip: not to
// loopback, private (RFC 1918, fc00::/7), link-local, unspecified,
// multicast or carrier-grade NAT addresses, which are schakel's own network
// rather than a receiver on the internet.
func AllowedAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid(), ip.IsLoopback(), ip.IsPrivate(), ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(),
		ip.IsUnspecified(), ip.IsMulticast(), ip.IsInterfaceLocalMulticast(), cgnat.Contains(ip), thisNetwork.Contains(ip):
		return false
	}
	return true
}

// CheckDialAddress is a net.Dialer Control function: it refuses to connect
// to an address AllowedAddress rejects. It runs on the resolved address at
// connect time, so a name that resolves to a public address when the URL is
// checked and to an internal one when it is posted to (DNS rebinding) is
// refused as well.
func CheckDialAddress(network, address string, c syscall.RawConn) error {
	return checkDial(nil)(network, address, c)
}

// checkDial is CheckDialAddress that also lets through the addresses of
// the ranges an operator allowed.
func checkDial(allowed []netip.Prefix) func(network, address string, _ syscall.RawConn) error {
	return func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !(AllowedAddress(ap.Addr()) || InRanges(ap.Addr(), allowed)) {
			return ErrAddressNotAllowed
		}
		return nil
	}
}

// InRanges reports whether ip lies in one of ranges.
func InRanges(ip netip.Addr, ranges []netip.Prefix) bool {
	ip = ip.Unmap()
	for _, r := range ranges {
		if r.Contains(ip) {
			return true
		}
	}
	return false
}

// newHTTP returns a client that does not follow redirects (a redirected
// POST would be resent elsewhere, or turned into a GET, so a 3xx is a
// failure to fix at the receiver). Unless allowPrivate its dialer refuses
// internal addresses, and it uses no proxy from the environment: a proxy
// would connect on schakel's behalf, past that check.
func newHTTP(allowPrivate bool, allowed ...netip.Prefix) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if !allowPrivate {
		d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: checkDial(allowed)}
		tr.DialContext = d.DialContext
		tr.Proxy = nil
	}
	return &http.Client{
		Timeout:       DefaultWebhookTimeout,
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// The two default clients, built once so their connections are reused.
var (
	guardedHTTP = newHTTP(false)
	openHTTP    = newHTTP(true)
)

// WebhookClient posts signed webhook bodies.
type WebhookClient struct {
	// HTTP is the client to post with, used as it is: whoever sets it
	// answers for where it may connect. nil means one with a 15 s timeout
	// that does not follow redirects and, unless AllowPrivate, refuses
	// internal addresses.
	HTTP *http.Client
	// AllowPrivate lets the default client connect to loopback, private,
	// link-local and other internal addresses: for tests and closed
	// networks only (config WebhookAllowPrivate).
	AllowPrivate bool
	// AllowRanges lets the default client connect to these internal
	// ranges only, e.g. the one network where an organisation's receiver
	// lives (config WebhookAllowRanges); every other internal address
	// stays refused.
	AllowRanges []netip.Prefix

	rangedOnce sync.Once
	ranged     *http.Client
}

// Allows reports whether the client may connect to ip.
func (c *WebhookClient) Allows(ip netip.Addr) bool {
	return (c != nil && c.AllowPrivate) || AllowedAddress(ip) || (c != nil && InRanges(ip, c.AllowRanges))
}

// Post sends body as JSON to target with the signature under secret and
// deliveryID in DeliveryHeader. A failure is a *WebhookError whose text is
// its class (FailNotAllowed, FailTimeout, "HTTP 500"...); any status but
// 2xx is one. Errors never contain the URL (it may hold a token).
func (c *WebhookClient) Post(ctx context.Context, target, secret string, deliveryID int64, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return &WebhookError{Class: FailInvalidURL, Err: errors.New("webhook: the URL is not valid")}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "schakel-webhook/1")
	req.Header.Set(SignatureHeader, Sign(secret, body))
	req.Header.Set(DeliveryHeader, strconv.FormatInt(deliveryID, 10))
	hc := guardedHTTP
	switch {
	case c != nil && c.HTTP != nil:
		hc = c.HTTP
	case c != nil && c.AllowPrivate:
		hc = openHTTP
	case c != nil && len(c.AllowRanges) > 0:
		c.rangedOnce.Do(func() { c.ranged = newHTTP(false, c.AllowRanges...) })
		hc = c.ranged
	}
	resp, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // drop the URL
		}
		return &WebhookError{Class: failClass(err), Err: fmt.Errorf("webhook to %s://%s: %w", req.URL.Scheme, req.URL.Host, err)}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &WebhookError{Class: fmt.Sprintf(failStatusClass, resp.StatusCode), Err: fmt.Errorf("webhook: status %s", resp.Status)}
	}
	return nil
}

// failClass names the class of a failed request.
func failClass(err error) string {
	var dnsErr *net.DNSError
	var netErr net.Error
	var certErr *tls.CertificateVerificationError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(err, ErrAddressNotAllowed):
		return FailNotAllowed
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return FailTimeout
	case errors.As(err, &dnsErr):
		return FailNoName
	case errors.As(err, &certErr), errors.As(err, &recErr):
		return FailTLS
	}
	return FailNoConnect
}
