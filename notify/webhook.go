package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
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

// defaultHTTP does not follow redirects: a redirected POST would be resent
// elsewhere (or turned into a GET), so a 3xx is a failure to fix at the
// receiver.
var defaultHTTP = &http.Client{
	Timeout:       DefaultWebhookTimeout,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// WebhookClient posts signed webhook bodies.
type WebhookClient struct {
	// HTTP is the client to post with; nil means one with a 15 s timeout
	// that does not follow redirects.
	HTTP *http.Client
}

// Post sends body as JSON to target with the signature under secret and
// deliveryID in DeliveryHeader. Any status but 2xx is an error naming the
// status. Errors never contain the URL (it may hold a token).
func (c *WebhookClient) Post(ctx context.Context, target, secret string, deliveryID int64, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return errors.New("webhook: the URL is not valid")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "schakel-webhook/1")
	req.Header.Set(SignatureHeader, Sign(secret, body))
	req.Header.Set(DeliveryHeader, strconv.FormatInt(deliveryID, 10))
	hc := defaultHTTP
	if c != nil && c.HTTP != nil {
		hc = c.HTTP
	}
	resp, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // drop the URL
		}
		return fmt.Errorf("webhook: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook: status %s", resp.Status)
	}
	return nil
}
