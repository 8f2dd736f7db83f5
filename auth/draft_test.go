package auth

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestOIDCLoginReturnsToDraft: a form's input kept through an expired
// session sends the OIDC login back to the form's page instead of the
// return path, and is given back there once, to a logged-in request only.
func TestOIDCLoginReturnsToDraft(t *testing.T) {
	e := newEnv(t, runProvider(t))
	e.a.Drafts = e.st
	e.queue(petra())

	// Keep a draft as the web handler does, and give the browser its cookie.
	fields := url.Values{"uitleg": {"Tekst die niet verloren mag gaan."}}
	// A browser that never had a session keeps nothing.
	if rec := httptest.NewRecorder(); e.a.KeepDraft(rec, httptest.NewRequest(http.MethodPost, "/verzoeken/7/antwoord", nil), "/verzoeken/7", fields) != nil || len(rec.Result().Cookies()) != 0 {
		t.Fatalf("a post without any session kept a draft: %v", rec.Result().Cookies())
	}
	rec := httptest.NewRecorder()
	expired := httptest.NewRequest(http.MethodPost, "/verzoeken/7/antwoord", nil)
	expired.AddCookie(&http.Cookie{Name: e.a.Sessions.Cookie.Name, Value: "verlopen"})
	if err := e.a.KeepDraft(rec, expired, "/verzoeken/7", fields); err != nil {
		t.Fatal(err)
	}
	srvURL, _ := url.Parse(e.srv.URL)
	e.step.Jar.SetCookies(srvURL, rec.Result().Cookies())

	if end := e.login("/wie"); end.String() != "/verzoeken/7" {
		t.Fatalf("login ended at %s, want the draft's page", end)
	}
	for _, c := range rec.Result().Cookies() {
		if c.Name == draftCookie && (!c.HttpOnly || c.MaxAge != int(DraftLifetime.Seconds())) {
			t.Errorf("draft cookie %+v", c)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/verzoeken/7", nil)
	for _, c := range rec.Result().Cookies() {
		req.AddCookie(c)
	}
	if got := e.a.TakeDraft(httptest.NewRecorder(), req); got != nil {
		t.Errorf("a visitor took the draft: %v", got)
	}
	u := e.users()[0]
	req = req.WithContext(WithUser(req.Context(), u))
	if got := e.a.TakeDraft(httptest.NewRecorder(), req.Clone(req.Context())); got.Get("uitleg") != fields.Get("uitleg") {
		t.Errorf("took %v, want %v", got, fields)
	}
	if got := e.a.TakeDraft(httptest.NewRecorder(), req); got != nil {
		t.Errorf("the draft came back twice: %v", got)
	}
	if logs := e.logs.String(); strings.Contains(logs, fields.Get("uitleg")) {
		t.Error("the draft's text is in the logs")
	}
}
