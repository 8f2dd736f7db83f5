package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// badBytesServer is the whole server over a fresh store of backend open
// with the demo organisations, and the buffer its log is written to.
func badBytesServer(t *testing.T, open storetest.Opener) (http.Handler, *bytes.Buffer) {
	t.Helper()
	ctx := context.Background()
	cfg := config.Default()
	clock := schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
	st := open(t, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if ok, err := demo.Build(ctx, st); err != nil || !ok {
		t.Fatalf("demo world: %v %v", ok, err)
	}
	var logs bytes.Buffer
	srv, err := app.New(&cfg, st, clock, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), nil)
	if err != nil {
		t.Fatal(err)
	}
	return srv, &logs
}

// problemNames are the names of the invalid parameters of a problem.
func problemNames(t *testing.T, body []byte) []string {
	t.Helper()
	var p struct {
		InvalidParams []struct{ Name string } `json:"invalidParams"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("not a problem: %v %s", err, body)
	}
	var names []string
	for _, ip := range p.InvalidParams {
		names = append(names, ip.Name)
	}
	return names
}

// TestBadBytesRefusedAtTheEdge: a NUL or bytes that are not UTF-8 in the
// path, a query parameter, a form field or a JSON string are answered with
// 400 naming the field — never 500 — on every backend, and the bad bytes
// never reach the log.
func TestBadBytesRefusedAtTheEdge(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			srv, logs := badBytesServer(t, b.Open)
			for _, tc := range []struct{ path, field string }{
				{"/api/v1/noodremmen?organisatie=uwv%00x", "organisatie"},
				{"/api/v1/noodremmen?organisatie=%ff%fe", "organisatie"},
				{"/api/v1/noodremmen?%00=1", "query"},
				{"/api/v1/noodremmen/%00", "pad"},
				{"/api/v1/signalen/%c3%28", "pad"},
			} {
				w := do(t, srv, "GET", tc.path, "")
				if w.Code != http.StatusBadRequest || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/problem+json") {
					t.Errorf("GET %s: %d %s", tc.path, w.Code, w.Body)
					continue
				}
				if names := problemNames(t, w.Body.Bytes()); len(names) != 1 || names[0] != tc.field {
					t.Errorf("GET %s names %v, want %s", tc.path, names, tc.field)
				}
			}
			// Pages answer with the 400 page.
			for _, path := range []string{"/noodremmen?organisatie=%00", "/noodremmen?organisatie=%ff", "/beginselen/%00"} {
				if w := do(t, srv, "GET", path, ""); w.Code != http.StatusBadRequest || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
					t.Errorf("GET %s: %d %s", path, w.Code, w.Header().Get("Content-Type"))
				}
			}
			// A form field of the citizen brake.
			for _, value := range []string{"a%00b", "a%ffb"} {
				w := do(t, srv, "POST", "/noodrem/burger", "organisatie=uwv&onderwerp="+value, "Content-Type", "application/x-www-form-urlencoded")
				if w.Code != http.StatusBadRequest {
					t.Errorf("citizen brake with %s: %d", value, w.Code)
				}
			}
			// A JSON field of an anonymous create.
			for _, value := range []string{`a\u0000b`, "a\xffb"} {
				body := `{"niveau": "burger", "organisatie": "uwv", "onderwerp": "` + value + `", "toelichting": "x"}`
				w := do(t, srv, "POST", "/api/v1/noodremmen", body, "Content-Type", "application/json")
				if w.Code != http.StatusBadRequest {
					t.Errorf("API brake with %q: %d %s", value, w.Code, w.Body)
					continue
				}
				if names := problemNames(t, w.Body.Bytes()); !contains(names, "onderwerp") {
					t.Errorf("API brake with %q names %v", value, names)
				}
			}
			if l := logs.String(); strings.Contains(l, "\xff") || strings.Contains(l, `\u0000`) || strings.Contains(l, "\ufffd") || strings.Contains(l, `"status":500`) {
				t.Errorf("the log holds bad bytes or a 500:\n%s", l)
			}
		})
	}
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}
