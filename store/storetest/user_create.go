package storetest

import (
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["PrepareUser"] = testPrepareUserAtomic
}

// testPrepareUserAtomic proves an announced user and its first role
// are written together or not at all, and that an existing user is never
// touched.
func testPrepareUserAtomic(e *env) {
	by := schakel.Change{Via: schakel.ViaPage}
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	svb := MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	team := &schakel.Team{OrganisationID: uwv.ID, Name: "Maatwerkplaats"}
	must(e.t, e.s.CreateTeam(e.ctx, team))

	u := &schakel.User{Issuer: "https://idp.test", Subject: "nieuw", Name: " Nina ", Email: "nina@uwv.nl"}
	must(e.t, e.s.PrepareUser(e.ctx, u, schakel.Membership{OrganisationID: uwv.ID, TeamID: team.ID, Role: schakel.RoleProfessional}, by))
	if u.ID == 0 || u.Name != "Nina" || !u.CreatedAt.Equal(Start) || len(u.Memberships) != 1 || u.Memberships[0].TeamID != team.ID || !u.HasRole(uwv.ID, schakel.RoleProfessional) {
		e.t.Fatalf("created: %+v", u)
	}
	got, err := e.s.User(e.ctx, u.ID)
	must(e.t, err)
	if got.Subject != "nieuw" || !got.HasRole(uwv.ID, schakel.RoleProfessional) {
		e.t.Fatalf("stored: %+v", got)
	}

	// An existing issuer and subject is a conflict, and the existing user
	// keeps its name, e-mail and roles.
	existing := MustUser(e.t, e.s, "bestaand", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleProfessional})
	e.clock.Advance(time.Hour)
	wantCode(e.t, e.s.PrepareUser(e.ctx, &schakel.User{Issuer: existing.Issuer, Subject: existing.Subject, Name: "Overschreven", Email: "ander@example.nl"},
		schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin}, by), schakel.ECONFLICT)
	after, err := e.s.User(e.ctx, existing.ID)
	must(e.t, err)
	if after.Name != existing.Name || after.Email != existing.Email || len(after.Memberships) != 1 || after.HasRole(uwv.ID, schakel.RoleAdmin) {
		e.t.Fatalf("existing user changed: %+v", after)
	}

	// A membership that cannot be written leaves no user behind.
	before, total, err := e.s.Users(e.ctx, schakel.UserFilter{})
	must(e.t, err)
	wantFields(e.t, e.s.PrepareUser(e.ctx, &schakel.User{Issuer: "https://idp.test", Subject: "wees", Name: "Wees"},
		schakel.Membership{OrganisationID: 99998, Role: schakel.RoleProfessional}, by), "organisatieId")
	wantFields(e.t, e.s.PrepareUser(e.ctx, &schakel.User{Issuer: "https://idp.test", Subject: "wees", Name: "Wees"},
		schakel.Membership{OrganisationID: svb.ID, TeamID: team.ID, Role: schakel.RoleProfessional}, by), "teamId")
	wantFields(e.t, e.s.PrepareUser(e.ctx, &schakel.User{Email: "geen adres"}, schakel.Membership{Role: "koning"}, by),
		"issuer", "subject", "naam", "email", "organisatieId", "rol")
	now, totalNow, err := e.s.Users(e.ctx, schakel.UserFilter{})
	must(e.t, err)
	if totalNow != total || len(now) != len(before) {
		e.t.Fatalf("users after failures: %d, before %d", totalNow, total)
	}
	// The subject is still free: nothing half-written holds it.
	w := &schakel.User{Issuer: "https://idp.test", Subject: "wees", Name: "Wees"}
	must(e.t, e.s.PrepareUser(e.ctx, w, schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleProfessional}, by))
}
