package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
)

// TestStepUpPage: an action refused because the login's level of
// assurance is too low gets a 403 page that names the level, in Dutch and
// English, and links to logging in again at that level, back to the same
// page. Without an identity broker there is no such login to offer.
func TestStepUpPage(t *testing.T) {
	e := newEnv(t, false)
	srv := httptest.NewServer(e.h.Auth.Sessions.LoadAndSave(e.h.Auth.LoadUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.h.fail(w, r, schakel.TooLowAssurance(schakel.AssuranceSubstantial))
	}))))
	t.Cleanup(srv.Close)
	e.srv = srv

	c := e.client()
	r := e.get(c, "/postvak?soort=verzoek")
	wantStatus(t, r, http.StatusForbidden)
	wantContains(t, r, "main p.lead", "betrouwbaarheidsniveau substantieel")
	wantNoSelector(t, r, "main a.step-up")

	e.h.Auth.OIDC = &auth.OIDC{}
	r = e.get(c, "/postvak?soort=verzoek")
	wantStatus(t, r, http.StatusForbidden)
	checkPage(t, r, "nl")
	wantSelector(t, r, `main a.step-up[href="/auth/oidc/start?terug=%2Fpostvak%3Fsoort%3Dverzoek&niveau=substantieel"]`)

	e.setLang(c, "en")
	r = e.get(c, "/postvak")
	checkPage(t, r, "en")
	wantContains(t, r, "main p.lead", "level of assurance substantial")
	wantContains(t, r, "main a.step-up", "Log in again at a higher level")
}
