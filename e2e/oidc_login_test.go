package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
)

// oidcAnna is a civil servant whose broker login carries her name and
// e-mail address.
var oidcAnna = oidcAccount{
	Login: "anna", Password: "anna-wachtwoord", Sub: "broker-anna-0001", ACR: acrSubstantial,
	Claims: map[string]any{"name": "Anna de Vries", "email": "anna.devries@uwv.nl", "email_verified": true, "organisatie": "UWV", "groepen": []string{"medewerkers"}},
}

// TestOIDCLogin logs in through a real OpenID Connect provider and the
// browser, at a phone's and a desktop's width: schakel's login page sends
// to the provider's password form, a wrong password is refused there, the
// right one comes back to schakel logged in under the name the provider
// gave (she is known by her subject already, so no provisioning rule is
// needed), and logging out in schakel ends schakel's session.
func TestOIDCLogin(t *testing.T) {
	for _, w := range oidcWidths {
		t.Run(w.name, func(t *testing.T) {
			a := newOIDCApp(t, w.width, oidcSetup{Accounts: []oidcAccount{oidcAnna}, IDTokenClaims: true})
			a.knownUser(oidcAnna.Sub, "uwv", schakel.RoleProfessional)
			a.startLogin()
			if !strings.HasPrefix(a.location(), a.op.Issuer+"/interaction/") {
				a.fatal("the login link did not reach the provider's form")
			}
			a.providerLogin("anna", "fout")
			a.wantText("#op-problem", "klopt niet")

			if st := a.providerLogin("anna", "anna-wachtwoord"); st != 200 {
				a.fatal("login: status %d", st)
			}
			a.wantText(".site-header__user", "Anna de Vries")
			u := a.userOf(oidcAnna.Sub)
			if u == nil {
				t.Fatal("no user stored for the provider's subject")
			}
			if u.Email != "anna.devries@uwv.nl" {
				t.Errorf("stored e-mail %q", u.Email)
			}

			a.oidcLogout()
			if a.loggedIn() {
				a.fatal("still logged in after logging out")
			}
		})
	}
}

// knownUser stores the user the provider's subject is, with role at the
// organisation with code, under a name the login must replace.
func (a *oidcApp) knownUser(sub, code string, role schakel.Role) {
	a.t.Helper()
	ctx := context.Background()
	org, err := a.store.OrganisationByCode(ctx, code)
	if err != nil {
		a.t.Fatal(err)
	}
	u := &schakel.User{Issuer: a.op.Issuer, Subject: sub, Name: "Nog niet ingelogd"}
	if err := a.store.PrepareUser(ctx, u, schakel.Membership{OrganisationID: org.ID, Role: role}, schakel.Change{Via: schakel.ViaCommand}); err != nil {
		a.t.Fatal(err)
	}
}
