package directory_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestAccounts: prepare by e-mail, switch off (sessions end) and on, and
// the history, for the organisation's administrators only.
func TestAccounts(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive)
			admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			svbAdmin := storetest.MustUser(t, st, "svb-beheer", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleAdmin})
			pro := storetest.MustUser(t, st, "pro", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
			d := directory.New(st)

			x, err := d.CreateUser(ctx, admin, directory.UserInput{Email: "Nieuw@UWV.nl", RoleInput: directory.RoleInput{Organisation: "uwv", Role: schakel.RoleProfessional, Via: schakel.ViaAPI}})
			if err != nil || x.Issuer != schakel.IssuerPreparedByEmail || x.Subject != "nieuw@uwv.nl" || x.Name != "Nieuw@UWV.nl" || !x.Prepared() {
				t.Fatalf("prepared %+v, %v", x, err)
			}
			_, err = d.CreateUser(ctx, admin, directory.UserInput{Email: "nieuw@uwv.nl", RoleInput: directory.RoleInput{Organisation: "uwv", Role: schakel.RoleBoard}})
			if got := fieldsOf(err); !maps.Equal(got, map[string]string{"email": "taken"}) {
				t.Fatalf("prepared twice: %v", got)
			}
			_, err = d.CreateUser(ctx, admin, directory.UserInput{RoleInput: directory.RoleInput{Organisation: "uwv", Role: schakel.RoleBoard}})
			if got := fieldsOf(err); !maps.Equal(got, map[string]string{"email": "required"}) {
				t.Fatalf("neither e-mail nor subject: %v", got)
			}

			// A session of pro's ends when pro is switched off.
			now := clock.Now()
			must(t, st.Sessions().CommitCtx(ctx, "tok", []byte("x"), now.Add(time.Hour)))
			must(t, st.RecordLoginSession(ctx, schakel.LoginSession{Token: "tok", UserID: pro.ID, Issuer: "https://idp.test", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))
			if _, err := d.SetDisabled(ctx, svbAdmin, pro.ID, true, schakel.ViaPage, ""); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("another organisation's administrator: %v", err)
			}
			if _, err := d.SetDisabled(ctx, pro, pro.ID, true, schakel.ViaPage, ""); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a professional: %v", err)
			}
			if _, err := d.SetDisabled(ctx, admin, admin.ID, true, schakel.ViaPage, ""); !maps.Equal(fieldsOf(err), map[string]string{"gebruikerId": "self"}) {
				t.Fatalf("oneself: %v", err)
			}
			off, err := d.SetDisabled(ctx, admin, pro.ID, true, schakel.ViaPage, "uit dienst")
			if err != nil || off.DisabledAt == nil {
				t.Fatalf("off: %+v, %v", off, err)
			}
			if _, ok, _ := st.Sessions().FindCtx(ctx, "tok"); ok {
				t.Fatal("the session survived the switch-off")
			}
			if _, err := d.SetDisabled(ctx, admin, pro.ID, true, schakel.ViaPage, ""); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("twice: %v", err)
			}
			on, err := d.SetDisabled(ctx, admin, pro.ID, false, schakel.ViaAPI, "")
			if err != nil || on.DisabledAt != nil {
				t.Fatalf("on: %+v, %v", on, err)
			}
			if _, err := d.RevokeRole(ctx, admin, pro.ID, "uwv", schakel.RoleProfessional, schakel.ViaPage); err != nil {
				t.Fatal(err)
			}

			// Switching off is global: an administrator of uwv alone may not
			// switch off (nor on) someone who also works at svb; one of both
			// may. Reading the history needs one.
			both := storetest.MustUser(t, st, "beide", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional},
				schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleCoordinator})
			bothAdmin := storetest.MustUser(t, st, "beheer-beide", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin},
				schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleAdmin})
			if _, err := d.SetDisabled(ctx, admin, both.ID, true, schakel.ViaPage, ""); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("one organisation's administrator switches off a user of two: %v", err)
			}
			if _, err := d.SetDisabled(ctx, svbAdmin, both.ID, true, schakel.ViaAPI, ""); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("the other organisation's administrator switches off a user of two: %v", err)
			}
			if off, err := d.SetDisabled(ctx, bothAdmin, both.ID, true, schakel.ViaPage, ""); err != nil || off.DisabledAt == nil {
				t.Fatalf("an administrator of both: %+v, %v", off, err)
			}
			if _, err := d.SetDisabled(ctx, admin, both.ID, false, schakel.ViaPage, ""); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("one organisation's administrator switches on a user of two: %v", err)
			}
			if hs, err := d.History(ctx, svbAdmin, both.ID); err != nil || len(hs) != 1 || hs[0].Kind != schakel.UserDisabled {
				t.Fatalf("one organisation's administrator reads the history: %+v, %v", hs, err)
			}
			if on, err := d.SetDisabled(ctx, bothAdmin, both.ID, false, schakel.ViaPage, ""); err != nil || on.DisabledAt != nil {
				t.Fatalf("an administrator of both switches on: %+v, %v", on, err)
			}

			// A role a rule gave becomes the administrator's when given
			// again; given a second time, it conflicts.
			ruled := storetest.MustUser(t, st, "regel", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional, ByRule: true})
			got, err := d.GrantRole(ctx, admin, ruled.ID, directory.RoleInput{Organisation: "uwv", Role: schakel.RoleProfessional, Via: schakel.ViaAPI})
			if err != nil || len(got.Memberships) != 1 || got.Memberships[0].ByRule {
				t.Fatalf("an administrator gives a rule's role: %+v, %v", got, err)
			}
			if hs, err := d.History(ctx, admin, ruled.ID); err != nil || len(hs) != 1 || hs[0].Kind != schakel.UserRoleGiven || hs[0].ByUserID != admin.ID {
				t.Fatalf("history of the rule's role made the administrator's: %+v, %v", hs, err)
			}
			if _, err := d.GrantRole(ctx, admin, ruled.ID, directory.RoleInput{Organisation: "uwv", Role: schakel.RoleProfessional}); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("an administrator gives a person's role: %v", err)
			}

			// A user without roles is any administrator's to see; pro's history.
			hs, err := d.History(ctx, admin, pro.ID)
			if err != nil || len(hs) != 3 {
				t.Fatalf("history %+v, %v", hs, err)
			}
			if hs[0].Kind != schakel.UserDisabled || hs[0].ByUserID != admin.ID || hs[0].Reason != "uit dienst" ||
				hs[1].Kind != schakel.UserEnabled || hs[1].Via != schakel.ViaAPI || hs[2].Kind != schakel.UserRoleTaken {
				t.Fatalf("history %+v", hs)
			}
			if _, err := d.History(ctx, pro, x.ID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a professional reads history: %v", err)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
