package api_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
)

// checkAccountResponses reaches every documented response of a user's
// page, history and switch for TestResponsesConformToOpenAPI.
func checkAccountResponses(t *testing.T, e *env, check func(method, path, body string, u *schakel.User, wantStatus int) *httptest.ResponseRecorder, id int64) {
	t.Helper()
	user := fmt.Sprintf("/api/v1/gebruikers/%d", id)
	check("GET", user, "", e.admin, 200)
	check("GET", user, "", nil, 401)
	check("GET", user, "", e.prof, 403)
	check("GET", "/api/v1/gebruikers/999", "", e.admin, 404)
	off := user + "/uitschakeling"
	check("POST", off, `{"reden": 1}`, e.admin, 400)
	check("POST", off, "", nil, 401)
	check("POST", off, "", e.prof, 403)
	check("POST", "/api/v1/gebruikers/999/uitschakeling", "", e.admin, 404)
	check("POST", off, `{"reden": "`+strings.Repeat("x", 1<<20)+`"}`, e.admin, 413)
	check("POST", off, `{"reden": "Uit dienst"}`, e.admin, 200)
	check("POST", off, "", e.admin, 409)
	check("DELETE", off, "", nil, 401)
	check("DELETE", off, "", e.prof, 403)
	check("DELETE", "/api/v1/gebruikers/999/uitschakeling", "", e.admin, 404)
	check("DELETE", off, "", e.admin, 200)
	check("DELETE", off, "", e.admin, 409)
	history := user + "/geschiedenis"
	check("GET", history, "", e.admin, 200)
	check("GET", history, "", nil, 401)
	check("GET", history, "", e.prof, 403)
	check("GET", "/api/v1/gebruikers/999/geschiedenis", "", e.admin, 404)
}

// TestAccountsAPI: a user prepared by e-mail through the API is shown
// prepared; switched off its sessions end; the history says what, how
// and by whom; oneself cannot be switched off; another organisation's
// administrator sees nothing.
func TestAccountsAPI(t *testing.T) {
	e := newEnv(t)
	rec := e.do("POST", "/api/v1/gebruikers", `{"email": "Nieuw@UWV.example", "organisatie": "uwv", "rol": "professional"}`, e.admin)
	if rec.Code != 201 {
		t.Fatalf("prepare: %d %s", rec.Code, rec.Body)
	}
	u := decodeJSON[api.Me](t, rec.Body.Bytes())
	rec = e.do("GET", fmt.Sprintf("/api/v1/gebruikers/%d", u.ID), "", e.admin)
	acc := decodeJSON[api.Account](t, rec.Body.Bytes())
	if rec.Code != 200 || !acc.Prepared || acc.DisabledAt != nil || acc.LastLoginAt != nil || len(acc.Roles) != 1 {
		t.Fatalf("prepared: %d %s", rec.Code, rec.Body)
	}
	rec = e.do("POST", "/api/v1/gebruikers", `{"email": "nieuw@uwv.example", "organisatie": "uwv", "rol": "professional"}`, e.admin)
	wantProblem(t, rec, 400, "email")

	now := e.clock.Now()
	if err := e.st.Sessions().CommitCtx(t.Context(), "prof-sessie", []byte("x"), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := e.st.RecordLoginSession(t.Context(), schakel.LoginSession{Token: "prof-sessie", UserID: e.prof.ID, Issuer: e.prof.Issuer, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	off := fmt.Sprintf("/api/v1/gebruikers/%d/uitschakeling", e.prof.ID)
	if rec := e.do("POST", off, "", e.svbAdmin); rec.Code != 404 {
		t.Fatalf("svb's administrator switches uwv's professional off: %d", rec.Code)
	}
	rec = e.do("POST", off, `{"reden": "Uit dienst"}`, e.admin)
	acc = decodeJSON[api.Account](t, rec.Body.Bytes())
	if rec.Code != 200 || acc.DisabledAt == nil || !acc.DisabledAt.Equal(now) {
		t.Fatalf("off: %d %s", rec.Code, rec.Body)
	}
	if _, ok, _ := e.st.Sessions().FindCtx(t.Context(), "prof-sessie"); ok {
		t.Fatal("the professional's session survived")
	}
	rec = e.do("POST", fmt.Sprintf("/api/v1/gebruikers/%d/uitschakeling", e.admin.ID), "", e.admin)
	wantProblem(t, rec, 400, "gebruikerId")

	rec = e.do("GET", fmt.Sprintf("/api/v1/gebruikers/%d/geschiedenis", e.prof.ID), "", e.admin)
	h := decodeJSON[api.History](t, rec.Body.Bytes())
	if rec.Code != 200 || len(h.Events) != 1 {
		t.Fatalf("history: %d %s", rec.Code, rec.Body)
	}
	if ev := h.Events[0]; ev.Kind != "uitgeschakeld" || ev.Via != "api" || ev.By != e.admin.ID || ev.Reason != "Uit dienst" {
		t.Fatalf("event %+v", ev)
	}
}
