package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/config"
)

func TestNewOIDCNamesMismatchAtStart(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": srv.URL + "/", "authorization_endpoint": srv.URL + "/a", "token_endpoint": srv.URL + "/t", "jwks_uri": srv.URL + "/j"})
	}))
	t.Cleanup(srv.Close)
	cfg := config.Default()
	cfg.OIDCIssuer, cfg.OIDCClientID = srv.URL, "schakel"
	var logs bytes.Buffer
	o, err := newOIDC(context.Background(), &cfg, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil || o == nil {
		t.Fatalf("newOIDC: %v", err)
	}
	if !strings.Contains(logs.String(), "trailing slash") || !strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Fatalf("logs:\n%s", logs.String())
	}

	// A client key that cannot be read stops serve.
	cfg.OIDCClientKey = t.TempDir() + "/geen.pem"
	if _, err := newOIDC(context.Background(), &cfg, slog.New(slog.NewJSONHandler(&logs, nil))); err == nil || !strings.Contains(err.Error(), "--oidc-client-key") {
		t.Fatalf("missing key: %v", err)
	}
}
