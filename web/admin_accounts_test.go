package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

// TestAdminPrepareSwitchHistory: an administrator prepares a user by
// e-mail alone, sees it as prepared, switches it off (its sessions end;
// with a reason in the history) and on again; the history names what,
// how and by whom; oneself cannot be switched off; and in English the
// page is English.
func TestAdminPrepareSwitchHistory(t *testing.T) {
	onAdminBackends(t, func(t *testing.T, e *adminEnv) {
		ctx := context.Background()
		c := e.as("uwv-beheerder")
		r := e.post(c, "/beheer/gebruikers", url.Values{"email": {"Nieuw@UWV.example"}, "organisatie": {"uwv"}, "rol": {"professional"}})
		wantStatus(t, r, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		r = e.get(c, loc)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		if got := r.Text(t, ".admin-user-details"); !strings.Contains(got, "Nog niet gekoppeld") || strings.Contains(got, schakel.IssuerPreparedByEmail) {
			t.Errorf("details %q", got)
		}
		if got := r.Text(t, ".admin-user-state"); got != "Voorbereid, nog niet ingelogd" {
			t.Errorf("state %q", got)
		}
		if got := r.Text(t, ".admin-history__row"); !strings.Contains(got, "Voorbereid") || !strings.Contains(got, "Rol gegeven: professional bij") || !strings.Contains(got, "op de beheerpagina's") {
			t.Errorf("history %q", got)
		}
		// The list marks it as prepared.
		r = e.get(c, "/beheer/gebruikers")
		if !strings.Contains(r.Text(t, ".admin-user__state"), "Voorbereid, nog niet ingelogd") {
			t.Errorf("list states %q", r.Text(t, ".admin-user__state"))
		}
		// Twice is named on the e-mail field.
		r = e.post(c, "/beheer/gebruikers", url.Values{"email": {"nieuw@uwv.example"}, "organisatie": {"uwv"}, "rol": {"professional"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantSummary(t, r, "email")

		// Switch off a professional with a session: the session ends.
		pro := e.users["uwv-professional"]
		now := e.clock.Now()
		if err := e.st.Sessions().CommitCtx(ctx, "pro-sessie", []byte("x"), now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := e.st.RecordLoginSession(ctx, schakel.LoginSession{Token: "pro-sessie", UserID: pro.ID, Issuer: pro.Issuer, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		proPath := "/beheer/gebruikers/" + itoa(pro.ID)
		r = e.get(c, proPath)
		wantSelector(t, r, `form.admin-switch-form[action="`+proPath+`/uitschakelen"] textarea#reden, form.admin-switch-form[action="`+proPath+`/uitschakelen"] input#reden`)
		r = e.post(c, proPath+"/uitschakelen", url.Values{"reden": {"Uit dienst"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.get(c, r.Header.Get("Location"))
		if !strings.HasPrefix(r.Text(t, ".admin-done"), "De gebruiker is uitgeschakeld.") || !strings.HasPrefix(r.Text(t, ".admin-user-state"), "Uitgeschakeld sinds") {
			t.Fatalf("after switching off: %q %q", r.Text(t, ".admin-done"), r.Text(t, ".admin-user-state"))
		}
		if _, ok, _ := e.st.Sessions().FindCtx(ctx, "pro-sessie"); ok {
			t.Error("the professional's session survived")
		}
		rows := r.Text(t, ".admin-history__row")
		if !strings.Contains(rows, "Uitgeschakeld") || !strings.Contains(rows, "Uit dienst") {
			t.Errorf("history %q", rows)
		}
		wantSelector(t, r, `form.admin-switch-form[action="`+proPath+`/inschakelen"]`)
		// Twice is a conflict on the form.
		r = e.post(c, proPath+"/uitschakelen", url.Values{})
		wantStatus(t, r, http.StatusConflict)
		r = e.post(c, proPath+"/inschakelen", url.Values{})
		wantStatus(t, r, http.StatusSeeOther)
		if u, _ := e.st.User(ctx, pro.ID); u.DisabledAt != nil {
			t.Error("still switched off")
		}
		// Oneself: refused, named.
		self := "/beheer/gebruikers/" + itoa(e.users["uwv-beheerder"].ID)
		r = e.post(c, self+"/uitschakelen", url.Values{})
		wantStatus(t, r, http.StatusBadRequest)
		if r.Count(t, ".error-summary a") != 1 {
			t.Errorf("self switch-off not in the summary: %s", r.Text(t, ".error-summary"))
		}
		// Another organisation's administrator does not see the user.
		other := e.as("bzk-beheerder")
		if r := e.post(other, proPath+"/uitschakelen", url.Values{}); r.StatusCode != http.StatusNotFound && r.StatusCode != http.StatusForbidden {
			t.Errorf("svb's administrator: %d", r.StatusCode)
		}

		e.setLang(c, langEN)
		r = e.get(c, proPath)
		checkPage(t, r, "en")
		if r.Text(t, "#geschiedenis") != "History" || !strings.Contains(r.Text(t, ".admin-history__row"), "Switched off") {
			t.Errorf("English: %q %q", r.Text(t, "#geschiedenis"), r.Text(t, ".admin-history__row"))
		}
	})
}
