// The browser tests of logging in behind an identity broker (issue 19),
// against the real test provider (oidc_provider_test.go): claims from
// UserInfo, provisioning rules and prepared users, roles from claims,
// logout at both ends and by the back channel, and a level of assurance
// too low for a board's answer with the step-up that mends it.

package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/config"
)

// provisioningRules is the rules file of these tests: UWV's people come
// in by their broker's organisation claim, the Gemeente Eindhoven's by a
// verified e-mail address at eindhoven.nl; the group schakel-bestuur makes
// someone of UWV its board.
const provisioningRules = `
[[toegang]]
organisatie = "uwv"
claim = "organisatie"
waarde = "UWV"
rollen = ["professional"]

[[toegang]]
organisatie = "gemeente-eindhoven"
emaildomeinen = ["eindhoven.nl"]
rollen = ["professional"]

[[rol]]
organisatie = "uwv"
claim = "groepen"
waarde = "schakel-bestuur"
rol = "bestuur"
`

// The people of these tests, as the provider knows them. Their name and
// e-mail come from the UserInfo endpoint only.
var (
	oidcSanne = oidcAccount{
		Login: "sanne", Password: "sanne-wachtwoord", Sub: "broker-sanne-0002", ACR: acrSubstantial,
		Claims: map[string]any{"name": "Sanne Jansen", "email": "s.jansen@eindhoven.nl", "email_verified": true},
	}
	oidcStranger = oidcAccount{
		Login: "piet", Password: "piet-wachtwoord", Sub: "broker-piet-0003", ACR: acrSubstantial,
		Claims: map[string]any{"name": "Piet Onbekend", "email": "piet@example.com", "email_verified": true, "organisatie": "Bakkerij Piet"},
	}
	oidcKarin = oidcAccount{
		Login: "karin", Password: "karin-wachtwoord", Sub: "broker-karin-0004", ACR: acrSubstantial,
		Claims: map[string]any{"name": "Karin Smit", "email": "Karin.Smit@SVB.nl", "email_verified": true, "organisatie": "SVB"},
	}
	// oidcBoard logs in at a low level with her password; asked for
	// substantial, she uses a stronger means.
	oidcBoard = oidcAccount{
		Login: "bestuur", Password: "bestuur-wachtwoord", Sub: "broker-bestuur-0005", ACR: acrLow, ACRs: []string{acrSubstantial},
		Claims: map[string]any{"name": "Els Bestuurder", "email": "els@uwv.nl", "email_verified": true, "organisatie": "UWV", "groepen": []string{"medewerkers", "schakel-bestuur"}},
	}
	// oidcLowOnly has nothing stronger than a password.
	oidcLowOnly = oidcAccount{
		Login: "laag", Password: "laag-wachtwoord", Sub: "broker-laag-0006", ACR: acrLow,
		Claims: map[string]any{"name": "Lotte Laag", "email": "lotte@uwv.nl", "email_verified": true, "organisatie": "UWV", "groepen": []string{"schakel-bestuur"}},
	}
)

// escalatedSubject is the demo request contested up to UWV's board, which
// has acknowledged it and owes an answer.
const escalatedSubject = "Kwijtschelding WIA-voorschot bij dezelfde feiten als eerder besloten"

// withRules is an oidcSetup with the provisioning rules file and the
// accounts; claims come from UserInfo only.
func withRules(t *testing.T, accounts ...oidcAccount) oidcSetup {
	t.Helper()
	path := filepath.Join(t.TempDir(), "toegang.toml")
	if err := os.WriteFile(path, []byte(provisioningRules), 0o600); err != nil {
		t.Fatal(err)
	}
	return oidcSetup{Accounts: accounts, Config: func(c *config.Config) { c.ProvisioningRules = path }}
}

// atWidths runs f at a phone's and a desktop's width.
func atWidths(t *testing.T, f func(t *testing.T, width int64)) {
	for _, w := range oidcWidths {
		t.Run(w.name, func(t *testing.T) { f(t, w.width) })
	}
}

// hasRole tells whether the stored user u has role at the organisation
// with code.
func (a *oidcApp) hasRole(u *schakel.User, code string, role schakel.Role) bool {
	a.t.Helper()
	ctx := context.Background()
	org, err := a.store.OrganisationByCode(ctx, code)
	if err != nil {
		a.t.Fatal(err)
	}
	full, err := a.store.User(ctx, u.ID)
	if err != nil {
		a.t.Fatal(err)
	}
	for _, m := range full.Memberships {
		if m.OrganisationID == org.ID && m.Role == role {
			return true
		}
	}
	return false
}

// TestOIDCUserInfoClaims: the provider keeps name and e-mail out of the ID
// token, as its defaults and most brokers do; schakel fetches them from
// UserInfo, shows the name and stores both. A verified e-mail address in
// a domain of the rules makes her a professional of her municipality.
func TestOIDCUserInfoClaims(t *testing.T) {
	atWidths(t, func(t *testing.T, width int64) {
		a := newOIDCApp(t, width, withRules(t, oidcSanne))
		a.oidcLogin("sanne", "sanne-wachtwoord")
		a.wantText(".site-header__user", "Sanne Jansen")
		u := a.userOf(oidcSanne.Sub)
		if u == nil {
			t.Fatal("no user stored")
		}
		if u.Name != "Sanne Jansen" || u.Email != "s.jansen@eindhoven.nl" {
			t.Errorf("stored name %q, e-mail %q; want them from UserInfo", u.Name, u.Email)
		}
		if !a.hasRole(u, "gemeente-eindhoven", schakel.RoleProfessional) {
			t.Error("the e-mail domain rule did not make her a professional of the Gemeente Eindhoven")
		}
	})
}

// TestOIDCUnknownPersonRefused: someone the provider knows but no rule
// lets in gets the page saying they have no access, is not logged in, and
// nothing is stored about them.
func TestOIDCUnknownPersonRefused(t *testing.T) {
	atWidths(t, func(t *testing.T, width int64) {
		a := newOIDCApp(t, width, withRules(t, oidcStranger))
		a.startLogin()
		if st := a.providerLogin("piet", "piet-wachtwoord"); st != 403 {
			a.fatal("login of someone no rule lets in: status %d, want 403", st)
		}
		a.wantText("h1", "geen toegang")
		if a.userOf(oidcStranger.Sub) != nil {
			t.Error("a user was stored for someone who was refused")
		}
		if a.loggedIn() {
			a.fatal("logged in after being refused")
		}
	})
}

// TestOIDCPreparedUserFirstLogin: the first operator is prepared with the
// schakel command by e-mail address; no rule covers her organisation, and
// at her first login (her address in other capitals) she is bound to the
// prepared user and is its administrator.
func TestOIDCPreparedUserFirstLogin(t *testing.T) {
	atWidths(t, func(t *testing.T, width int64) {
		a := newOIDCApp(t, width, withRules(t, oidcKarin))
		a.schakel("user", "prepare", "--db", a.dbPath, "--email", "karin.smit@svb.nl", "--organisation", "svb", "--role", "beheerder")
		a.oidcLogin("karin", "karin-wachtwoord")
		a.wantText(".site-header__user", "Karin Smit")
		u := a.userOf(oidcKarin.Sub)
		if u == nil {
			t.Fatal("the prepared user was not bound to her broker identity")
		}
		if !a.hasRole(u, "svb", schakel.RoleAdmin) {
			t.Error("the prepared role beheerder at SVB is missing after the first login")
		}
	})
}

// TestOIDCRoleFromClaim: the group claim makes Els UWV's board, and that
// role works: the request contested up to the board is in her Postvak;
// a colleague without the group is a professional and does not see it.
func TestOIDCRoleFromClaim(t *testing.T) {
	atWidths(t, func(t *testing.T, width int64) {
		setup := withRules(t, oidcBoard, oidcAnna)
		setup.More = buildDemoWorld
		a := newOIDCApp(t, width, setup)
		a.oidcLogin("bestuur", "bestuur-wachtwoord")
		u := a.userOf(oidcBoard.Sub)
		if u == nil || !a.hasRole(u, "uwv", schakel.RoleBoard) {
			t.Fatal("the claim rule did not make her UWV's board")
		}
		if a.postvakHref(escalatedSubject) == "" {
			a.fatal("the board's Postvak lacks the request escalated to the board")
		}
		a.logoutBothEnds()

		a.oidcLogin("anna", "anna-wachtwoord")
		anna := a.userOf(oidcAnna.Sub)
		if anna == nil || a.hasRole(anna, "uwv", schakel.RoleBoard) || !a.hasRole(anna, "uwv", schakel.RoleProfessional) {
			t.Fatal("Anna, without the group, should be a professional of UWV and not its board")
		}
		if a.postvakHref(escalatedSubject) != "" {
			a.fatal("a professional sees the board's request in her Postvak")
		}
	})
}

// TestOIDCLogoutAtBothEnds: logging out in schakel ends the provider's
// session too, so the next login on this browser asks for the password
// again instead of going straight through.
func TestOIDCLogoutAtBothEnds(t *testing.T) {
	atWidths(t, func(t *testing.T, width int64) {
		a := newOIDCApp(t, width, withRules(t, oidcAnna))
		a.oidcLogin("anna", "anna-wachtwoord")
		a.logoutBothEnds()
		if a.loggedIn() {
			a.fatal("still logged in at schakel")
		}
		a.startLogin() // waits for the password form
	})
}

// TestOIDCBackchannelLogout: ending the session at the provider (another
// tab, another application of the same broker) ends the schakel session
// at once through the back-channel logout, though schakel's cookie stays.
func TestOIDCBackchannelLogout(t *testing.T) {
	atWidths(t, func(t *testing.T, width int64) {
		a := newOIDCApp(t, width, withRules(t, oidcAnna))
		a.oidcLogin("anna", "anna-wachtwoord")
		if !a.loggedIn() {
			a.fatal("not logged in")
		}
		a.navigate(a.op.Issuer + "/session/end")
		a.clickOK("#op-logout-yes")
		a.see("#op-logged-out")
		if !strings.Contains(a.op.Log(), "backchannel.success") {
			t.Fatalf("schakel did not accept the back-channel logout:\n%s", a.op.Log())
		}
		if a.loggedIn() {
			a.fatal("the schakel session outlived the back-channel logout")
		}
	})
}

// TestOIDCLowAssuranceRefusedForBoardAnswer: with substantial required for
// deciding, someone of the board who can reach nothing stronger than a
// password (low) cannot answer the escalated request. Els, logged in with
// her password, is refused too (403), and the refusal page's step-up link
// asks the provider for substantial, which asks her again; back at the
// request her answer is not lost (in the form, or shown to copy) and is
// recorded.
func TestOIDCLowAssuranceRefusedForBoardAnswer(t *testing.T) {
	atWidths(t, func(t *testing.T, width int64) {
		setup := withRules(t, oidcBoard, oidcLowOnly)
		setup.More = buildDemoWorld
		rules := setup.Config
		setup.Config = func(c *config.Config) {
			rules(c)
			c.AssuranceMinimum = "beslissen=substantieel"
		}
		a := newOIDCApp(t, width, setup)

		a.oidcLogin("laag", "laag-wachtwoord")
		req := a.postvakHref(escalatedSubject)
		if req == "" {
			a.fatal("the board's Postvak lacks the escalated request")
		}
		a.open(req)
		state := a.text("dd.state")
		a.answerRefused(req, state)
		a.logoutBothEnds()

		a.oidcLogin("bestuur", "bestuur-wachtwoord")
		a.open(req)
		answer := "Het bestuur ziet geen verschil tussen de zaken en schrijft het voorschot kwijt."
		a.typeInto("motiveringen-gelijkheid", answer)
		if st := a.click(`section[aria-labelledby="explain"] button[type=submit]`); st != 403 {
			a.fatal("the board's answer at a low level: status %d, want 403", st)
		}
		a.wantText("main", "substantieel")
		a.click(`main a.step-up[href*="niveau=substantieel"]`)
		a.see("#op-login") // the provider asks again, for the stronger means
		if st := a.providerLogin("bestuur", "bestuur-wachtwoord"); st != 200 {
			a.fatal("step-up login: status %d", st)
		}
		if !strings.HasPrefix(a.location(), a.base+req) {
			a.fatal("the step-up did not come back to the request")
		}
		// What she typed is not lost: back in the form, or shown to copy.
		if got := eval[string](a.app, `document.getElementById("motiveringen-gelijkheid").value`); got != answer {
			if !strings.Contains(eval[string](a.app, `document.querySelector("main").textContent`), answer) {
				a.fatal("the answer typed before the step-up is neither in the form nor shown after it")
			}
			a.typeInto("motiveringen-gelijkheid", answer)
		}
		a.clickOK(`section[aria-labelledby="explain"] button[type=submit]`)
		a.wantText(".notice--ok", "Uw antwoord is vastgelegd.")
	})
}

// oidcLogin logs in through the provider as login and wants to land in
// schakel, logged in.
func (a *oidcApp) oidcLogin(login, password string) {
	a.t.Helper()
	a.startLogin()
	if st := a.providerLogin(login, password); st != 200 {
		a.fatal("login as %s: status %d", login, st)
	}
	if !strings.HasPrefix(a.location(), a.base) {
		a.fatal("login as %s did not come back to schakel", login)
	}
	a.see(".site-header__user")
}

// answerRefused wants the board's answer to the request at path refused:
// the answer form is not offered, or submitting it is forbidden; the
// request's state stays what it was.
func (a *oidcApp) answerRefused(path, state string) {
	a.t.Helper()
	submit := `section[aria-labelledby="explain"] button[type=submit]`
	if eval[int](a.app, `document.querySelectorAll(`+jsString(submit)+`).length`) > 0 {
		a.typeInto("motiveringen-gelijkheid", "Een antwoord op een te laag niveau.")
		if st := a.click(submit); st != 403 {
			a.fatal("an answer at a low level of assurance: status %d, want 403", st)
		}
	}
	a.open(path)
	if got := a.text("dd.state"); got != state {
		a.fatal("the request's state went from %q to %q on a refused answer", state, got)
	}
}

// postvakHref returns the link to the request with subject in the
// Postvak of whoever is logged in, or "".
func (a *oidcApp) postvakHref(subject string) string {
	a.t.Helper()
	a.open("/postvak")
	return eval[string](a.app, `(Array.from(document.querySelectorAll("tr.request-row th a")).find(e => e.textContent.trim() === `+jsString(subject)+`) || {}).getAttribute?.("href") || ""`)
}

// logoutBothEnds logs out with schakel's button, confirms at the provider,
// and wants to be back on schakel's home page, logged out, with the
// provider's session ended.
func (a *oidcApp) logoutBothEnds() {
	a.t.Helper()
	ended := strings.Count(a.op.Log(), "end_session.success")
	a.oidcLogout()
	if loc := a.location(); loc != a.base+"/" && !strings.HasPrefix(loc, a.base+"/?") {
		a.fatal("after logging out at both ends the browser is at %s, want schakel's home page", loc)
	}
	if strings.Count(a.op.Log(), "end_session.success") != ended+1 {
		a.fatal("the provider's session did not end:\n%s", a.op.Log())
	}
}

// schakel builds the schakel command and runs it with args; the test
// fails when it fails.
func (a *oidcApp) schakel(args ...string) string {
	a.t.Helper()
	bin := filepath.Join(a.t.TempDir(), "schakel")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/schakel-nl/schakel/cmd/schakel").CombinedOutput(); err != nil {
		a.t.Fatalf("build schakel: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		a.t.Fatalf("schakel %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
