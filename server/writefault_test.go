package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// faultWorld is a demo server on one backend with a logged-in operator.
type faultWorld struct {
	t     *testing.T
	st    *store.Store
	clock *schakeltest.Clock
	srv   *app.App
	token string // the operator's session cookie
}

func newFaultWorld(t *testing.T, b storetest.Backend, subject string) *faultWorld {
	t.Helper()
	ctx := context.Background()
	cfg := config.Default()
	cfg.Demo = true
	// Sessions expire by the wall clock (scs), so the clock starts now.
	clock := schakeltest.NewClock(time.Now())
	st := b.Open(t, clock)
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, st); err != nil {
		t.Fatal(err)
	}
	srv, err := app.New(&cfg, st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &faultWorld{t: t, st: st, clock: clock, srv: srv}
	f.token = f.login(subject)
	return f
}

// login logs the demo user with subject in and returns the session cookie.
func (f *faultWorld) login(subject string) string {
	f.t.Helper()
	u := demoUser(f.t, f.st, subject)
	w := f.send("POST", "/demo/inloggen", "application/x-www-form-urlencoded", url.Values{"gebruiker": {strconv.FormatInt(u.ID, 10)}}.Encode(), "")
	for _, c := range w.Result().Cookies() {
		if c.Name == "schakel_sessie" {
			return c.Value
		}
	}
	f.t.Fatalf("demo login of %s: %d", subject, w.Code)
	return ""
}

func (f *faultWorld) send(method, path, contentType, body, token string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: "schakel_sessie", Value: token})
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// orgCount counts the organisations with code.
func (f *faultWorld) orgCount(code string) int {
	f.t.Helper()
	var n int
	q := "SELECT COUNT(*) FROM organisations WHERE code = ?"
	if f.st.Dialect() == "postgres" {
		q = "SELECT COUNT(*) FROM organisations WHERE code = $1"
	}
	if err := f.st.DB().QueryRow(q, code).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// TestWriteFaultsAnswer503: on a database that takes no writes (read-only;
// on PostgreSQL SQLSTATE 25006) a create through the API answers 503 with a
// Retry-After and a problem+json without the driver's words, a create
// through a page answers the "try again later" page with a Retry-After, and
// /readyz is not ready and says why; once the fault is gone, a probe due on
// the clock makes /readyz ready again and the create works, stored once.
func TestWriteFaultsAnswer503(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newFaultWorld(t, b, "bzk-beheerder")
			if w := f.send("GET", "/readyz", "", "", ""); w.Code != 200 {
				t.Fatalf("readyz before the fault: %d %s", w.Code, w.Body)
			}
			restore := storetest.FailWrites(t, f.st)
			body := `{"code": "gemeente-zwolle", "naam": "Gemeente Zwolle", "type": "gemeente"}`
			w := f.send("POST", "/api/v1/organisaties", "application/json", body, f.token)
			if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "30" || w.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("API create on a read-only database: %d, Retry-After %q, %s: %s", w.Code, w.Header().Get("Retry-After"), w.Header().Get("Content-Type"), w.Body)
			}
			for _, leak := range []string{"SQLSTATE", "25006", "query_only", "read-only", "schakel:schakel", "sqlite"} {
				if strings.Contains(w.Body.String(), leak) {
					t.Errorf("problem carries %q: %s", leak, w.Body)
				}
			}
			form := url.Values{"code": {"gemeente-zwolle"}, "naam": {"Gemeente Zwolle"}, "type": {"gemeente"}}.Encode()
			p := f.send("POST", "/beheer/organisaties", "application/x-www-form-urlencoded", form, f.token)
			if p.Code != http.StatusServiceUnavailable || p.Header().Get("Retry-After") != "30" || !strings.Contains(p.Body.String(), "Probeer het later nog eens") {
				t.Fatalf("page create on a read-only database: %d, Retry-After %q", p.Code, p.Header().Get("Retry-After"))
			}
			pe := f.send("POST", "/beheer/organisaties", "application/x-www-form-urlencoded", form, f.token, "Cookie", "taal=en")
			if pe.Code != http.StatusServiceUnavailable || !strings.Contains(strings.ToLower(pe.Body.String()), "try again later") {
				t.Errorf("English page on a read-only database: %d", pe.Code)
			}
			r := f.send("GET", "/readyz", "", "", "")
			if r.Code != http.StatusServiceUnavailable || !strings.Contains(r.Body.String(), "alleen-lezen") {
				t.Fatalf("readyz on a read-only database: %d %s", r.Code, r.Body)
			}

			restore()
			f.clock.Advance(store.ProbeInterval)
			if r := f.send("GET", "/readyz", "", "", ""); r.Code != 200 {
				t.Fatalf("readyz after the fault: %d %s", r.Code, r.Body)
			}
			if w := f.send("POST", "/api/v1/organisaties", "application/json", body, f.token); w.Code != http.StatusCreated {
				t.Fatalf("API create after the fault: %d %s", w.Code, w.Body)
			}
			if n := f.orgCount("gemeente-zwolle"); n != 1 {
				t.Fatalf("%d organisations gemeente-zwolle, want 1", n)
			}
		})
	}
}

// TestWriteFaultsOutsideTransactions: creates written in one statement
// outside a transaction (a team) answer 503 with Retry-After as well.
func TestWriteFaultsOutsideTransactions(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newFaultWorld(t, b, "uwv-beheerder")
			restore := storetest.FailWrites(t, f.st)
			w := f.send("POST", "/api/v1/organisaties/uwv/teams", "application/json", `{"naam": "Team Noord"}`, f.token)
			if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "30" || w.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("team on a read-only database: %d %q %s", w.Code, w.Header().Get("Retry-After"), w.Body)
			}
			restore()
			if w := f.send("POST", "/api/v1/organisaties/uwv/teams", "application/json", `{"naam": "Team Noord"}`, f.token); w.Code != http.StatusCreated {
				t.Fatalf("team after the fault: %d %s", w.Code, w.Body)
			}
		})
	}
}

// TestUnreadableSessionAnswers503 makes the sessions unreadable (their
// table renamed, as good as a database out of reach for that query) and
// asks with a session cookie: the API answers problem+json and the pages
// the error page, both 503 with Retry-After — not a plain text without
// it (found in review). On both stores.
func TestUnreadableSessionAnswers503(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newFaultWorld(t, b, "uwv-beheerder")
			if _, err := f.st.DB().Exec("ALTER TABLE sessions RENAME TO sessions_away"); err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct{ path, contentType string }{
				{"/api/v1/verantwoordingsverzoeken", "application/problem+json"},
				{"/postvak", "text/html"},
			} {
				w := f.send("GET", tc.path, "", "", f.token)
				if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" ||
					!strings.HasPrefix(w.Header().Get("Content-Type"), tc.contentType) {
					t.Errorf("GET %s with an unreadable session: %d, Retry-After %q, %s; want 503 with Retry-After, %s",
						tc.path, w.Code, w.Header().Get("Retry-After"), w.Header().Get("Content-Type"), tc.contentType)
				}
			}
			if _, err := f.st.DB().Exec("ALTER TABLE sessions_away RENAME TO sessions"); err != nil {
				t.Fatal(err)
			}
			if w := f.send("GET", "/api/v1/verantwoordingsverzoeken", "", "", f.token); w.Code != http.StatusOK {
				t.Fatalf("sessions readable again: %d, want 200", w.Code)
			}
		})
	}
}
