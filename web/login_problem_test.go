package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/schakel-nl/schakel/auth"
)

func TestLoginProblemPage(t *testing.T) {
	e := newEnv(t, false)
	status := http.StatusForbidden
	msg := auth.MsgRefused
	srv := httptest.NewServer(e.h.Auth.Sessions.LoadAndSave(e.h.Auth.LoadUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.h.LoginProblem(w, r, status, msg)
	}))))
	t.Cleanup(srv.Close)
	e.srv = srv // e.get and setLang go to this server

	c := e.client()
	r := e.get(c, "/auth/oidc/callback")
	wantStatus(t, r, http.StatusForbidden)
	checkPage(t, r, "nl")
	wantContains(t, r, "h1", "U heeft geen toegang")
	wantContains(t, r, "main p.lead", "Vraag de beheerder van uw organisatie")
	wantSelector(t, r, `main a[href="/contact"]`)
	wantNoSelector(t, r, `main a[href="/inloggen"]`)

	e.setLang(c, "en")
	r = e.get(c, "/auth/oidc/callback")
	checkPage(t, r, "en")
	wantContains(t, r, "h1", "You do not have access")
	wantContains(t, r, "main p.lead", "Ask your organisation's administrator")

	status, msg = http.StatusServiceUnavailable, auth.MsgUnreachable
	r = e.get(c, "/auth/oidc/start")
	wantStatus(t, r, http.StatusServiceUnavailable)
	wantContains(t, r, "h1", "Logging in did not work")
	wantContains(t, r, "main p.lead", "cannot be reached")
	wantSelector(t, r, `main a[href="/inloggen"]`)
}

func TestLoginProblemsTranslated(t *testing.T) {
	for _, m := range auth.ProblemMessages {
		if english[m] == "" {
			t.Errorf("no English for %q", m)
		}
	}
}

func TestDeepLinkThroughLogin(t *testing.T) {
	e := newEnv(t, false)
	e.h.Auth.OIDC = auth.NewOIDC("https://broker.test", "schakel", "", "http://schakel.test/auth/oidc/callback", nil)
	r := e.get(e.client(), "/verzoeken/nieuw?type=informatie")
	wantStatus(t, r, http.StatusSeeOther)
	loc := r.Header.Get("Location")
	if loc != "/inloggen?terug="+url.QueryEscape("/verzoeken/nieuw?type=informatie") {
		t.Fatalf("Location = %q", loc)
	}
	r = e.get(e.client(), loc)
	wantStatus(t, r, http.StatusOK)
	start := "/auth/oidc/start?terug=" + url.QueryEscape("/verzoeken/nieuw?type=informatie")
	wantSelector(t, r, `main a[href="`+start+`"]`)

	// Another site is no place to come back to.
	r = e.get(e.client(), "/inloggen?terug="+url.QueryEscape("//evil.example/x"))
	wantSelector(t, r, `main a[href="/auth/oidc/start"]`)
	wantNoSelector(t, r, `main a[href*="evil"]`)
}
