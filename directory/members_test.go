package directory_test

import (
	"context"
	"maps"
	"strconv"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestMembers(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			st := be.Open(t, schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)))
			szw := storetest.MustOrganisation(t, st, "min-szw", schakel.OrgMinistry)
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive, szw.ID)
			svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive, szw.ID)
			uwvAdmin := storetest.MustUser(t, st, "uwv-beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			// uwv's administrator is an operator of the installation too: it
			// creates an organisation and appoints its first administrator.
			uwvAdmin, err := st.SetUserOperator(ctx, uwvAdmin.ID, true, schakel.Change{Via: schakel.ViaCommand})
			if err != nil {
				t.Fatal(err)
			}
			uwvPro := storetest.MustUser(t, st, "uwv-pro", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
			svbPro := storetest.MustUser(t, st, "svb-pro", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleProfessional})
			d := directory.New(st)

			if !directory.MayAdminister(uwvAdmin) || directory.MayAdminister(uwvPro) || directory.MayAdminister(nil) {
				t.Fatal("MayAdminister")
			}
			// Nobody and a professional hear so before anything about the input.
			for _, u := range []*schakel.User{nil, uwvPro} {
				if _, err := d.CreateTeam(ctx, u, "uwv", "", nil); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED && schakel.ErrorCode(err) != schakel.EFORBIDDEN {
					t.Fatalf("%v creates a team: %v", u, err)
				}
				if _, err := d.CreateUser(ctx, u, directory.UserInput{}); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED && schakel.ErrorCode(err) != schakel.EFORBIDDEN {
					t.Fatalf("%v creates a user: %v", u, err)
				}
			}
			// Another organisation's teams are not the administrator's.
			if _, err := d.CreateTeam(ctx, uwvAdmin, "svb", "Team", nil); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("team at svb: %v", err)
			}
			if _, err := d.CreateTeam(ctx, uwvAdmin, "uwv", " ", []schakel.FieldError{{Field: "extra", Code: "unknown_field", Format: "Onbekend veld."}}); !maps.Equal(fieldsOf(err), map[string]string{"naam": "required", "extra": "unknown_field"}) {
				t.Fatalf("empty team: %v", fieldsOf(err))
			}
			team, err := d.CreateTeam(ctx, uwvAdmin, "uwv", " Maatwerkplaats ", nil)
			if err != nil || team.Name != "Maatwerkplaats" || team.OrganisationID != uwv.ID {
				t.Fatalf("team %+v, %v", team, err)
			}
			svbTeam := &schakel.Team{OrganisationID: svb.ID, Name: "Elders"}
			if err := st.CreateTeam(ctx, svbTeam); err != nil {
				t.Fatal(err)
			}

			// Every invalid field of a new user at once; nothing stored.
			_, err = d.CreateUser(ctx, uwvAdmin, directory.UserInput{Email: "geen adres", RoleInput: directory.RoleInput{Organisation: "onbekend", Role: "koning", Team: "x"}})
			// Without a subject the user is prepared by e-mail address.
			want := map[string]string{"email": "format", "organisatie": "unknown", "rol": "enum", "teamId": "format"}
			if got := fieldsOf(err); !maps.Equal(got, want) {
				t.Fatalf("fields %v, want %v", got, want)
			}
			_, err = d.CreateUser(ctx, uwvAdmin, directory.UserInput{Issuer: "https://idp.test", Subject: "uwv-pro", Name: "Dubbel", RoleInput: directory.RoleInput{Organisation: "uwv", Role: schakel.RoleProfessional, Team: strconv.FormatInt(svbTeam.ID, 10)}})
			if got := fieldsOf(err); !maps.Equal(got, map[string]string{"subject": "taken", "teamId": "unknown"}) {
				t.Fatalf("taken subject, team of another organisation: %v", got)
			}
			if _, err := d.CreateUser(ctx, uwvAdmin, directory.UserInput{Issuer: "demo", Subject: "nieuw", Name: "Nieuw", RoleInput: directory.RoleInput{Organisation: "svb", Role: schakel.RoleProfessional}}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a role at svb: %v", err)
			}
			if _, total, _ := st.Users(ctx, schakel.UserFilter{}); total != 3 {
				t.Fatalf("refused users were stored: %d users", total)
			}
			x, err := d.CreateUser(ctx, uwvAdmin, directory.UserInput{Issuer: "demo", Subject: "nieuw", Name: " Nieuw ", Email: "nieuw@uwv.example",
				RoleInput: directory.RoleInput{Organisation: "uwv", Role: schakel.RoleCoordinator, Team: strconv.FormatInt(team.ID, 10)}})
			if err != nil || x.Name != "Nieuw" || len(x.Memberships) != 1 || x.Memberships[0].TeamID != team.ID || x.Memberships[0].Role != schakel.RoleCoordinator {
				t.Fatalf("created %+v, %v", x, err)
			}

			// Roles: given and taken by the organisation's administrators only.
			if _, err := d.GrantRole(ctx, uwvAdmin, svbPro.ID, directory.RoleInput{Organisation: "uwv", Role: schakel.RoleBoard}); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("a user of svb is not uwv's to see: %v", err)
			}
			if _, err := d.GrantRole(ctx, uwvAdmin, x.ID, directory.RoleInput{Organisation: "min-szw", Role: schakel.RoleMinister}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("uwv's administrator makes a minister: %v", err)
			}
			if _, err := d.GrantRole(ctx, uwvAdmin, x.ID, directory.RoleInput{Role: "x", Team: "0"}); !maps.Equal(fieldsOf(err), map[string]string{"organisatie": "required", "rol": "enum", "teamId": "format"}) {
				t.Fatalf("invalid role: %v", fieldsOf(err))
			}
			got, err := d.GrantRole(ctx, uwvAdmin, x.ID, directory.RoleInput{Organisation: "uwv", Role: schakel.RoleBoard})
			if err != nil || !got.HasRole(uwv.ID, schakel.RoleBoard) {
				t.Fatalf("grant: %+v, %v", got, err)
			}
			if _, err := d.GrantRole(ctx, uwvAdmin, x.ID, directory.RoleInput{Organisation: "uwv", Role: schakel.RoleBoard}); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("twice: %v", err)
			}
			if _, err := d.RevokeRole(ctx, uwvPro, x.ID, "uwv", schakel.RoleBoard, schakel.ViaPage); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a professional revokes: %v", err)
			}
			got, err = d.RevokeRole(ctx, uwvAdmin, x.ID, "uwv", schakel.RoleBoard, schakel.ViaPage)
			if err != nil || got.HasRole(uwv.ID, schakel.RoleBoard) {
				t.Fatalf("revoke: %+v, %v", got, err)
			}
			if _, err := d.RevokeRole(ctx, uwvAdmin, x.ID, "uwv", schakel.RoleBoard, schakel.ViaPage); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("revoke again: %v", err)
			}

			// An organisation without an administrator gets its first one
			// from an operator; after that the operator may not.
			nieuw, err := d.CreateOrganisation(ctx, uwvAdmin, directory.OrganisationInput{Code: "gemeente-nieuw", Name: "Gemeente Nieuw", Type: schakel.OrgMunicipality})
			if err != nil {
				t.Fatal(err)
			}
			first, err := d.CreateUser(ctx, uwvAdmin, directory.UserInput{Issuer: "demo", Subject: "nieuw-beheer", Name: "Beheer Nieuw", RoleInput: directory.RoleInput{Organisation: nieuw.Code, Role: schakel.RoleAdmin}})
			if err != nil {
				t.Fatalf("first administrator: %v", err)
			}
			if _, err := d.CreateUser(ctx, uwvAdmin, directory.UserInput{Issuer: "demo", Subject: "nieuw-beheer-2", Name: "Tweede", RoleInput: directory.RoleInput{Organisation: nieuw.Code, Role: schakel.RoleAdmin}}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("second administrator by an operator: %v", err)
			}
			// An existing organisation with people but no administrator
			// (svb) is not open to every administrator: otherwise one could
			// announce a second login of its own there and then give it any
			// role. Nothing is written.
			if _, err := d.CreateUser(ctx, uwvAdmin, directory.UserInput{Issuer: "demo", Subject: "tweede-login", Name: "Tweede login", RoleInput: directory.RoleInput{Organisation: "svb", Role: schakel.RoleAdmin}}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("first administrator of svb, which has members: %v", err)
			}
			demoUsers, _, err := st.Users(ctx, schakel.UserFilter{Issuer: "demo"})
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range demoUsers {
				if u.Subject == "tweede-login" {
					t.Fatal("the refused user was written")
				}
			}
			// Nor may it make an existing user (itself) the administrator.
			if _, err := d.GrantRole(ctx, uwvAdmin, uwvAdmin.ID, directory.RoleInput{Organisation: "svb", Role: schakel.RoleAdmin}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("an operator makes itself administrator of svb: %v", err)
			}
			if _, err := d.CreateUser(ctx, uwvAdmin, directory.UserInput{Issuer: "demo", Subject: "nieuw-pro", Name: "Pro", RoleInput: directory.RoleInput{Organisation: nieuw.Code, Role: schakel.RoleProfessional}}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("another role by an operator: %v", err)
			}

			// Lists: the administrator's own people only.
			us, err := d.AdministeredUsers(ctx, uwvAdmin)
			if err != nil || len(us) != 3 {
				t.Fatalf("administered users: %d, %v", len(us), err)
			}
			for _, u := range us {
				if u.ID == svbPro.ID || u.ID == first.ID {
					t.Fatalf("lists %s", u.Name)
				}
			}
			if _, err := d.Members(ctx, uwvAdmin, svb.ID); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("svb's members: %v", err)
			}
		})
	}
}
