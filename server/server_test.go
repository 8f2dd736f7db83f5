package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func newServer(t *testing.T, demo bool) (*app.App, *bytes.Buffer) {
	t.Helper()
	return newServerWith(t, func(c *config.Config) { c.Demo = demo })
}

// newServerWith is newServer over the default configuration changed by set.
func newServerWith(t *testing.T, set func(*config.Config)) (*app.App, *bytes.Buffer) {
	t.Helper()
	cfg := config.Default()
	set(&cfg)
	clock := schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
	st := storetest.OpenSQLite(t, clock)
	var logs bytes.Buffer
	srv, err := app.New(&cfg, st, clock, slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), nil)
	if err != nil {
		t.Fatal(err)
	}
	return srv, &logs
}

func do(t *testing.T, h http.Handler, method, path string, body string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// TestOpenAPIMatchesRoutes holds openapi.json to exactly the registered API
// routes, in both directions.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	srv, _ := newServer(t, false)
	w := do(t, srv, "GET", "/api/v1/openapi.json", "")
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("openapi.json: %d, CORS %q", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Version string `json:"version"`
		} `json:"info"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") || doc.Info.Version != api.Version || w.Header().Get("API-Version") != api.Version {
		t.Fatalf("openapi %q, info.version %q, API-Version %q, want 3.x and %q", doc.OpenAPI, doc.Info.Version, w.Header().Get("API-Version"), api.Version)
	}
	prefix := ""
	if len(doc.Servers) > 0 && strings.HasSuffix(doc.Servers[0].URL, "/api/v1") {
		prefix = "/api/v1"
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			switch method {
			case "get", "post", "put", "patch", "delete":
				documented = append(documented, strings.ToUpper(method)+" "+prefix+path)
			}
		}
	}
	registered := srv.APIPatterns()
	sort.Strings(documented)
	sort.Strings(registered)
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(registered, d) {
			t.Errorf("openapi.json documents %s, which is not a route", d)
		}
	}
}

func TestAPIConventions(t *testing.T) {
	srv, _ := newServer(t, false)
	cases := []struct {
		name, method, path, body string
		hdr                      []string
		status                   int
	}{
		{"unknown path", "GET", "/api/v1/bestaat-niet", "", nil, 404},
		{"trailing slash is 404, not a redirect", "GET", "/api/v1/organisaties/", "", nil, 404},
		{"trailing slash on a collection", "GET", "/api/v1/beginselen/", "", nil, 404},
		{"wrong method", "DELETE", "/api/v1/organisaties", "", nil, 405},
		{"not logged in", "GET", "/api/v1/gebruikers/ik", "", nil, 401},
		{"not logged in, write", "POST", "/api/v1/organisaties", `{"code":"x","naam":"X","type":"ministerie"}`, []string{"Content-Type", "application/json"}, 401},
		{"cross-origin write refused", "POST", "/api/v1/regelverwijzingen/validaties", `{"verwijzing":"BWBR0005537"}`, []string{"Content-Type", "application/json", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}, 403},
		{"body over 1 MiB", "POST", "/api/v1/regelverwijzingen/validaties", `{"verwijzing":"` + strings.Repeat("a", 2<<20) + `"}`, []string{"Content-Type", "application/json"}, 413},
		{"bad BWB id", "POST", "/api/v1/regelverwijzingen/validaties", `{"soort":"wet","bwbId":"BWBR123"}`, []string{"Content-Type", "application/json"}, 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := do(t, srv, c.method, c.path, c.body, c.hdr...)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("Content-Type %q, want application/problem+json", ct)
			}
			var p struct {
				Status int    `json:"status"`
				Title  string `json:"title"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != c.status || p.Title == "" {
				t.Fatalf("problem body %q (%v)", w.Body.String(), err)
			}
			for h, want := range map[string]string{
				"API-Version": api.Version, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Cache-Control": "no-store",
			} {
				if got := w.Header().Get(h); got != want {
					t.Errorf("%s = %q, want %q", h, got, want)
				}
			}
			if !strings.Contains(w.Header().Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Errorf("CSP %q lacks frame-ancestors 'none'", w.Header().Get("Content-Security-Policy"))
			}
		})
	}
}

func TestEveryResponseHasAPIVersionAndSecurityHeaders(t *testing.T) {
	srv, _ := newServer(t, false)
	for _, path := range []string{"/", "/beginselen", "/organisaties", "/healthz", "/static/schakel.css", "/bestaat-niet", "/api/v1/beginselen"} {
		w := do(t, srv, "GET", path, "")
		if w.Header().Get("API-Version") != api.Version || w.Header().Get("X-Frame-Options") != "DENY" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", path, w.Header())
		}
	}
}

func TestDemoLoginOnlyInDemoMode(t *testing.T) {
	plain, _ := newServer(t, false)
	if w := do(t, plain, "GET", "/demo/inloggen", ""); w.Code != 404 {
		t.Fatalf("GET demo login without demo: %d", w.Code)
	}
	if w := do(t, plain, "POST", "/demo/inloggen", "gebruiker=1", "Content-Type", "application/x-www-form-urlencoded"); w.Code != 404 {
		t.Fatalf("POST demo login without demo: %d", w.Code)
	}
	demo, _ := newServer(t, true)
	if w := do(t, demo, "GET", "/demo/inloggen", ""); w.Code != 200 {
		t.Fatalf("GET demo login in demo mode: %d", w.Code)
	}
}

func TestMetricsByRoutePattern(t *testing.T) {
	srv, logs := newServerWith(t, func(c *config.Config) { c.MetricsToken = "geheim-token" })
	do(t, srv, "GET", "/beginselen?zoek=Jansen", "")
	w := do(t, srv, "GET", "/metrics", "", "Authorization", "Bearer geheim-token")
	if !strings.Contains(w.Body.String(), `route="GET /beginselen"`) {
		t.Fatalf("metrics lack the page route:\n%s", w.Body.String())
	}
	if strings.Contains(logs.String(), "Jansen") {
		t.Fatal("a query string reached the log")
	}
}

// TestMetricsNotPublic: /metrics, whose counters show when brakes are
// pulled, is 404 by default; with --metrics-token only the bearer of the
// token reads it; with --metrics-public everyone does.
func TestMetricsNotPublic(t *testing.T) {
	const series = "schakel_http_request_duration_seconds"
	def, _ := newServer(t, false)
	if w := do(t, def, "GET", "/metrics", ""); w.Code != http.StatusNotFound || strings.Contains(w.Body.String(), series) {
		t.Errorf("default: %d", w.Code)
	}
	tok, _ := newServerWith(t, func(c *config.Config) { c.MetricsToken = "s3cret" })
	for _, auth := range []string{"", "Bearer wrong", "Basic s3cret", "s3cret", "Bearer s3cret2"} {
		w := do(t, tok, "GET", "/metrics", "", "Authorization", auth)
		if w.Code != http.StatusUnauthorized || strings.Contains(w.Body.String(), series) || w.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("token, Authorization %q: %d", auth, w.Code)
		}
	}
	if w := do(t, tok, "GET", "/metrics", "", "Authorization", "Bearer s3cret"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), series) {
		t.Errorf("with the token: %d", w.Code)
	}
	pub, _ := newServerWith(t, func(c *config.Config) { c.MetricsPublic = true })
	do(t, pub, "GET", "/healthz", "")
	if w := do(t, pub, "GET", "/metrics", ""); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), series) {
		t.Errorf("public: %d", w.Code)
	}
}
