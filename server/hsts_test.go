package server_test

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestHSTSOnlyBehindHTTPS: with an https base URL every response, pages and
// API, carries Strict-Transport-Security; with an http one none does (a
// browser would otherwise lock itself out of a test installation).
func TestHSTSOnlyBehindHTTPS(t *testing.T) {
	for _, tc := range []struct {
		base string
		want string
	}{{"https://schakel.example", "max-age=31536000"}, {"http://localhost:8080", ""}, {"", ""}} {
		cfg := config.Default()
		cfg.BaseURL = tc.base
		clock := schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
		srv, err := app.New(&cfg, storetest.OpenSQLite(t, clock), clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", "/api/v1/noodremmen", "/bestaat-niet", "/healthz"} {
			if got := do(t, srv, "GET", path, "").Header().Get("Strict-Transport-Security"); got != tc.want {
				t.Errorf("base %q, GET %s: HSTS %q, want %q", tc.base, path, got, tc.want)
			}
		}
	}
}
