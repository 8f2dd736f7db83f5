package server_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// brokerDiscovery serves a provider's discovery document only, naming
// itself issuer (the server's URL when empty).
func brokerDiscovery(t *testing.T, issuer string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		iss := issuer
		if iss == "" {
			iss = srv.URL
		}
		json.NewEncoder(w).Encode(map[string]any{
			"issuer": iss, "authorization_endpoint": srv.URL + "/authorize", "token_endpoint": srv.URL + "/token",
			"jwks_uri": srv.URL + "/jwks", "end_session_endpoint": "https://uitloggen.broker.example/logout?x=1",
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func newBrokerServer(t *testing.T, issuer string) (*app.App, *bytes.Buffer) {
	t.Helper()
	cfg := config.Default()
	cfg.OIDCIssuer, cfg.OIDCClientID = issuer, "schakel"
	clock := schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
	st := storetest.OpenSQLite(t, clock)
	var logs bytes.Buffer
	o := auth.NewOIDC(issuer, "schakel", "", "http://schakel.test/auth/oidc/callback", nil)
	a, err := app.New(&cfg, st, clock, slog.New(slog.NewJSONHandler(&logs, nil)), o)
	if err != nil {
		t.Fatal(err)
	}
	return a, &logs
}

func TestReadyzNamesDiscoveryMismatch(t *testing.T) {
	broker := brokerDiscovery(t, "")
	a, _ := newBrokerServer(t, broker.URL+"/")
	w := do(t, a, "GET", "/readyz", "")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "trailing slash") || !strings.Contains(w.Body.String(), broker.URL+`/"`) {
		t.Fatalf("readyz: %d %q", w.Code, w.Body.String())
	}

	// The right issuer: ready, and forms may lead to the provider's logout.
	a, _ = newBrokerServer(t, broker.URL)
	if w := do(t, a, "GET", "/readyz", ""); w.Code != http.StatusOK {
		t.Fatalf("readyz: %d %q", w.Code, w.Body.String())
	}
	csp := do(t, a, "GET", "/", "").Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "form-action 'self' https://uitloggen.broker.example;") {
		t.Fatalf("CSP %q", csp)
	}

	// An unreachable provider leaves schakel ready: public pages still work.
	a, _ = newBrokerServer(t, "http://127.0.0.1:1/oidc")
	if w := do(t, a, "GET", "/readyz", ""); w.Code != http.StatusOK {
		t.Fatalf("readyz with the provider down: %d %q", w.Code, w.Body.String())
	}
}

func TestReadyzProviderHangs(t *testing.T) {
	// A provider that accepts the connection and never answers.
	done := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-done:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(hang.Close)
	t.Cleanup(func() { close(done) }) // runs first: the handlers return, then the server closes
	a, _ := newBrokerServer(t, hang.URL)
	for range 2 {
		start := time.Now()
		w := do(t, a, "GET", "/readyz", "")
		if took := time.Since(start); w.Code != http.StatusOK || took > 1500*time.Millisecond {
			t.Fatalf("readyz with the provider hanging: %d %q after %s", w.Code, w.Body.String(), took)
		}
	}
}

func TestBackchannelLogoutRoute(t *testing.T) {
	broker := brokerDiscovery(t, "")
	a, _ := newBrokerServer(t, broker.URL)
	// Posted by the provider's server: no cross-origin refusal, the token
	// itself is judged (and this one is no token).
	w := do(t, a, "POST", "/auth/oidc/backchannel-logout", "logout_token=geen", "Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site", "Origin", "https://elders.example")
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "invalid_request") {
		t.Fatalf("%d %q", w.Code, w.Body.String())
	}
}
