package app_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestNewOIDCUsesTheClock: the broker's tokens are timed by the app's
// clock, not the system's. The clock stands years ahead of the system:
// a logout token issued at the clock's now is accepted, one issued at the
// system's now is long past.
func TestNewOIDCUsesTheClock(t *testing.T) {
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	clock := schakeltest.NewClock(time.Date(2031, 3, 4, 9, 0, 0, 0, time.UTC))
	cfg := config.Default()
	cfg.OIDCIssuer, cfg.OIDCClientID, cfg.OIDCClientSecret = m.Issuer(), m.ClientID, m.ClientSecret
	o, err := app.NewOIDC(&cfg, clock)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(&cfg, storetest.OpenSQLite(t, clock), clock, slog.New(slog.NewTextHandler(io.Discard, nil)), o)
	if err != nil {
		t.Fatal(err)
	}
	post := func(iat time.Time) int {
		tok, err := m.Keypair.SignJWT(jwt.MapClaims{
			"iss": m.Issuer(), "aud": m.ClientID, "iat": iat.Unix(), "sub": "sub-klok", "jti": iat.String(),
			"events": map[string]any{"http://schemas.openid.net/event/backchannel-logout": map[string]any{}},
		})
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest("POST", "/auth/oidc/backchannel-logout", strings.NewReader(url.Values{"logout_token": {tok}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		a.ServeHTTP(w, r)
		return w.Code
	}
	if got := post(clock.Now()); got != http.StatusOK {
		t.Fatalf("token issued at the clock's now: %d, want 200", got)
	}
	if got := post(time.Now()); got != http.StatusBadRequest {
		t.Fatalf("token issued years before the clock's now: %d, want 400", got)
	}
}
