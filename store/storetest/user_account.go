package storetest

import (
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
)

func init() {
	tests["UserByLogin"] = testAccountLife
	tests["RecordLogin"] = testAccountLife
	tests["UserEvents"] = testAccountLife
	tests["CreateAccount"] = testCreateAccount
	tests["SetUserDisabled"] = testSetUserDisabled
	tests["ChangeRoles"] = testChangeRoles
	tests["ChangeRoles (owner)"] = testChangeRolesOwner
}

// kinds lists the kinds of a history, for comparing.
func kinds(es []schakel.UserEvent) []schakel.UserEventKind {
	out := make([]schakel.UserEventKind, len(es))
	for i, e := range es {
		out[i] = e.Kind
	}
	return out
}

func wantKinds(e *env, id int64, want ...schakel.UserEventKind) []schakel.UserEvent {
	e.t.Helper()
	es, err := e.s.UserEvents(e.ctx, id)
	must(e.t, err)
	got := kinds(es)
	if len(got) != len(want) {
		e.t.Fatalf("history = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			e.t.Fatalf("history = %v, want %v", got, want)
		}
	}
	return es
}

// testAccountLife: a user prepared by e-mail has no login yet and is found
// by its prepared address; its first login binds it to the broker's
// identity, keeping the prepared name where the broker sends none; the
// history names each step with who did it and how. A second user cannot
// take the same identity; a prepared e-mail is prepared once.
func testAccountLife(e *env) {
	org := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	admin := MustUser(e.t, e.s, "admin")
	mail := "Jan.Jansen@UWV.nl"
	u := &schakel.User{Issuer: schakel.IssuerPreparedByEmail, Subject: schakel.PreparedEmailSubject(mail), Name: "Jan Jansen", Email: mail}
	by := schakel.Change{ByUserID: admin.ID, Via: schakel.ViaPage, Reason: "nieuwe collega"}
	must(e.t, e.s.PrepareUser(e.ctx, u, schakel.Membership{OrganisationID: org.ID, Role: schakel.RoleProfessional}, by))
	if !u.Prepared() || u.ID == 0 || len(u.Memberships) != 1 || u.Memberships[0].ByRule {
		e.t.Fatalf("prepared user = %+v", u)
	}
	again := &schakel.User{Issuer: schakel.IssuerPreparedByEmail, Subject: "jan.jansen@uwv.nl", Name: "Ander", Email: "jan.jansen@uwv.nl"}
	wantCode(e.t, e.s.PrepareUser(e.ctx, again, schakel.Membership{OrganisationID: org.ID, Role: schakel.RoleBoard}, by), schakel.ECONFLICT)
	wantFields(e.t, e.s.PrepareUser(e.ctx, &schakel.User{}, schakel.Membership{}, by), "issuer", "subject", "naam", "organisatieId", "rol")
	if _, err := e.s.UserByLogin(e.ctx, "https://idp.test", "jan"); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("unbound user found by its future login: %v", err)
	}
	found, err := e.s.UserByLogin(e.ctx, schakel.IssuerPreparedByEmail, "jan.jansen@uwv.nl")
	must(e.t, err)
	if found.ID != u.ID || len(found.Memberships) != 1 {
		e.t.Fatalf("by prepared e-mail = %+v", found)
	}

	bindPrepared(e, u, admin, org)
}

// bindPrepared is the second half of testAccountLife: the first login of
// the prepared user u binds it, and the history tells each step.
func bindPrepared(e *env, u, admin *schakel.User, org *schakel.Organisation) {
	e.clock.Advance(time.Hour)
	bound, err := e.s.RecordLogin(e.ctx, u.ID, schakel.BrokerIdentity{Issuer: "https://idp.test", Subject: "jan", Email: "jan.jansen@uwv.nl"}, schakel.UserBound)
	must(e.t, err)
	if bound.Issuer != "https://idp.test" || bound.Subject != "jan" || bound.Name != "Jan Jansen" || bound.Email != "jan.jansen@uwv.nl" ||
		bound.Prepared() || !bound.LastLoginAt.Equal(e.clock.Now()) || len(bound.Memberships) != 1 {
		e.t.Fatalf("bound user = %+v", bound)
	}
	// A login with blanks keeps what is stored.
	e.clock.Advance(time.Hour)
	same, err := e.s.RecordLogin(e.ctx, u.ID, schakel.BrokerIdentity{Issuer: "https://idp.test", Subject: "jan"}, "")
	must(e.t, err)
	if same.Name != "Jan Jansen" || same.Email != "jan.jansen@uwv.nl" || !same.LastLoginAt.Equal(e.clock.Now()) {
		e.t.Fatalf("after a login without claims: %+v", same)
	}
	byLogin, err := e.s.UserByLogin(e.ctx, "https://idp.test", "jan")
	must(e.t, err)
	if byLogin.ID != u.ID {
		e.t.Fatalf("by login = %d, want %d", byLogin.ID, u.ID)
	}
	// Another user cannot take jan's identity.
	_, err = e.s.RecordLogin(e.ctx, admin.ID, schakel.BrokerIdentity{Issuer: "https://idp.test", Subject: "jan"}, schakel.UserMoved)
	wantCode(e.t, err, schakel.ECONFLICT)
	_, err = e.s.RecordLogin(e.ctx, 999999, schakel.BrokerIdentity{Issuer: "https://idp.test", Subject: "nobody"}, "")
	wantCode(e.t, err, schakel.ENOTFOUND)
	_, err = e.s.RecordLogin(e.ctx, u.ID, schakel.BrokerIdentity{}, "")
	wantFields(e.t, err, "issuer", "subject")

	es := wantKinds(e, u.ID, schakel.UserPrepared, schakel.UserRoleGiven, schakel.UserBound)
	if es[0].ByUserID != admin.ID || es[0].Via != schakel.ViaPage || es[0].Reason != "nieuwe collega" || !es[0].At.Equal(Start) {
		e.t.Fatalf("prepared event = %+v", es[0])
	}
	if es[1].OrganisationID != org.ID || es[1].Role != schakel.RoleProfessional || es[1].ByUserID != admin.ID {
		e.t.Fatalf("role event = %+v", es[1])
	}
	if es[2].Via != schakel.ViaLogin || es[2].ByUserID != 0 || !es[2].At.Equal(Start.Add(time.Hour)) {
		e.t.Fatalf("bound event = %+v", es[2])
	}
	wantKinds(e, admin.ID)
}

// testCreateAccount: a rule's user is created logged in, with its roles
// (marked as a rule's where the rule says so) and their history; an
// unknown organisation leaves no user behind; a taken identity conflicts.
func testCreateAccount(e *env) {
	org := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	rule := schakel.Change{Via: schakel.ViaAccessRule}
	u := &schakel.User{Issuer: "https://idp.test", Subject: "piet", Name: "Piet", Email: "piet@uwv.nl"}
	must(e.t, e.s.CreateAccount(e.ctx, u, []schakel.Membership{{OrganisationID: org.ID, Role: schakel.RoleProfessional}, {OrganisationID: org.ID, Role: schakel.RoleBoard, ByRule: true}}, rule))
	if u.Prepared() || u.DisabledAt != nil || len(u.Memberships) != 2 || !u.Memberships[0].ByRule || u.Memberships[1].ByRule {
		e.t.Fatalf("created = %+v", u)
	}
	wantKinds(e, u.ID, schakel.UserCreated, schakel.UserRoleGiven, schakel.UserRoleGiven)
	wantCode(e.t, e.s.CreateAccount(e.ctx, &schakel.User{Issuer: "https://idp.test", Subject: "piet", Name: "P"}, nil, rule), schakel.ECONFLICT)
	bad := &schakel.User{Issuer: "https://idp.test", Subject: "kees", Name: "Kees"}
	wantFields(e.t, e.s.CreateAccount(e.ctx, bad, []schakel.Membership{{OrganisationID: 424242, Role: schakel.RoleProfessional}}, rule), "organisatieId")
	if _, err := e.s.UserByLogin(e.ctx, "https://idp.test", "kees"); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("a failed creation left a user: %v", err)
	}
	wantFields(e.t, e.s.CreateAccount(e.ctx, &schakel.User{}, nil, rule), "issuer", "subject", "naam")
}

// testSetUserDisabled: switching off stamps the store's now and is
// recorded; switching off twice or on twice conflicts; an unknown user is
// not found.
func testSetUserDisabled(e *env) {
	admin := MustUser(e.t, e.s, "admin")
	u := MustUser(e.t, e.s, "jan")
	by := schakel.Change{ByUserID: admin.ID, Via: schakel.ViaAPI, Reason: "uit dienst"}
	e.clock.Advance(time.Minute)
	off, err := e.s.SetUserDisabled(e.ctx, u.ID, true, by)
	must(e.t, err)
	if off.DisabledAt == nil || !off.DisabledAt.Equal(e.clock.Now()) {
		e.t.Fatalf("switched off = %+v", off.DisabledAt)
	}
	_, err = e.s.SetUserDisabled(e.ctx, u.ID, true, by)
	wantCode(e.t, err, schakel.ECONFLICT)
	again, err := e.s.User(e.ctx, u.ID)
	must(e.t, err)
	if again.DisabledAt == nil {
		e.t.Fatal("User does not read disabled_at")
	}
	on, err := e.s.SetUserDisabled(e.ctx, u.ID, false, schakel.Change{Via: schakel.ViaCommand})
	must(e.t, err)
	if on.DisabledAt != nil {
		e.t.Fatalf("switched on = %+v", on.DisabledAt)
	}
	_, err = e.s.SetUserDisabled(e.ctx, u.ID, false, by)
	wantCode(e.t, err, schakel.ECONFLICT)
	_, err = e.s.SetUserDisabled(e.ctx, 999999, true, by)
	wantCode(e.t, err, schakel.ENOTFOUND)
	es := wantKinds(e, u.ID, schakel.UserDisabled, schakel.UserEnabled)
	if es[0].Reason != "uit dienst" || es[0].Via != schakel.ViaAPI || es[1].Via != schakel.ViaCommand || es[1].ByUserID != 0 {
		e.t.Fatalf("history = %+v", es)
	}
}

// testChangeRoles: roles given and taken in one go, each in the history;
// a role not held or held already, or an unknown organisation, changes
// nothing at all.
func testChangeRoles(e *env) {
	org := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	u := MustUser(e.t, e.s, "jan", schakel.Membership{OrganisationID: org.ID, Role: schakel.RoleProfessional})
	rule := schakel.Change{Via: schakel.ViaClaimRule}
	got, err := e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{{OrganisationID: org.ID, Role: schakel.RoleBoard, ByRule: true}},
		[]schakel.Membership{{OrganisationID: org.ID, Role: schakel.RoleProfessional}}, rule)
	must(e.t, err)
	if len(got.Memberships) != 1 || got.Memberships[0].Role != schakel.RoleBoard || !got.Memberships[0].ByRule {
		e.t.Fatalf("after change = %+v", got.Memberships)
	}
	// Taking a role not held undoes the grant in the same call.
	_, err = e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{{OrganisationID: org.ID, Role: schakel.RoleAdmin}},
		[]schakel.Membership{{OrganisationID: org.ID, Role: schakel.RoleCounsel}}, rule)
	wantCode(e.t, err, schakel.ENOTFOUND)
	_, err = e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{{OrganisationID: org.ID, Role: schakel.RoleAdmin}, {OrganisationID: org.ID, Role: schakel.RoleAdmin}}, nil, rule)
	wantCode(e.t, err, schakel.ECONFLICT)
	_, err = e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{{OrganisationID: 424242, Role: schakel.RoleAdmin}}, nil, rule)
	wantFields(e.t, err, "organisatieId")
	_, err = e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{{OrganisationID: org.ID, Role: "koning"}}, nil, rule)
	wantFields(e.t, err, "rol")
	now, err := e.s.User(e.ctx, u.ID)
	must(e.t, err)
	if len(now.Memberships) != 1 || now.Memberships[0].Role != schakel.RoleBoard {
		e.t.Fatalf("a refused change changed roles: %+v", now.Memberships)
	}
	es := wantKinds(e, u.ID, schakel.UserRoleTaken, schakel.UserRoleGiven)
	if es[0].Role != schakel.RoleProfessional || es[1].Role != schakel.RoleBoard || es[1].Via != schakel.ViaClaimRule {
		e.t.Fatalf("history = %+v", es)
	}
}

// testChangeRolesOwner: a role held already is the rules' or a person's.
// A rule's grant of it is done and writes nothing (two logins at once both
// give it); a rule's revoke takes only a role a rule still owns; a
// person's grant of a rule's role makes it the person's, with a line of
// history; a person's grant of a person's role conflicts.
func testChangeRolesOwner(e *env) {
	org := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	team := &schakel.Team{OrganisationID: org.ID, Name: "Handhaving"}
	must(e.t, e.s.CreateTeam(e.ctx, team))
	admin := MustUser(e.t, e.s, "admin")
	u := MustUser(e.t, e.s, "jan", schakel.Membership{OrganisationID: org.ID, Role: schakel.RoleProfessional})
	rule := schakel.Change{Via: schakel.ViaClaimRule}
	by := schakel.Change{ByUserID: admin.ID, Via: schakel.ViaPage}
	byRule := func(r schakel.Role) schakel.Membership {
		return schakel.Membership{OrganisationID: org.ID, Role: r, ByRule: true}
	}
	roles := func(u *schakel.User) map[schakel.Role]bool {
		out := map[schakel.Role]bool{}
		for _, m := range u.Memberships {
			out[m.Role] = m.ByRule
		}
		return out
	}
	_, err := e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{byRule(schakel.RoleBoard)}, nil, rule)
	must(e.t, err)
	// The second login's view was stale: the roles are there already.
	got, err := e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{byRule(schakel.RoleProfessional), byRule(schakel.RoleBoard)}, nil, rule)
	must(e.t, err)
	if r := roles(got); len(r) != 2 || r[schakel.RoleProfessional] || !r[schakel.RoleBoard] {
		e.t.Fatalf("after a rule's grant of held roles: %+v", got.Memberships)
	}
	// An administrator gives the role a rule gave: it becomes theirs.
	got, err = e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{{OrganisationID: org.ID, Role: schakel.RoleBoard, TeamID: team.ID}}, nil, by)
	must(e.t, err)
	if r := roles(got); len(r) != 2 || r[schakel.RoleBoard] || got.Memberships[0].TeamID != team.ID {
		e.t.Fatalf("after an administrator's grant of a rule's role: %+v", got.Memberships)
	}
	_, err = e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{{OrganisationID: org.ID, Role: schakel.RoleBoard}}, nil, by)
	wantCode(e.t, err, schakel.ECONFLICT)
	// A rule takes neither a role a person owns nor one not held.
	got, err = e.s.ChangeRoles(e.ctx, u.ID, nil, []schakel.Membership{byRule(schakel.RoleBoard), byRule(schakel.RoleCounsel)}, rule)
	must(e.t, err)
	if r := roles(got); len(r) != 2 {
		e.t.Fatalf("a rule took a person's role: %+v", got.Memberships)
	}
	es := wantKinds(e, u.ID, schakel.UserRoleGiven, schakel.UserRoleGiven)
	if es[0].Via != schakel.ViaClaimRule || es[1].Role != schakel.RoleBoard || es[1].ByUserID != admin.ID || es[1].Via != schakel.ViaPage {
		e.t.Fatalf("history = %+v", es)
	}
	// Logins at once, each giving and taking the same rule roles: none
	// fails, and each change is in the history once.
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := e.s.ChangeRoles(e.ctx, u.ID, []schakel.Membership{byRule(schakel.RoleCoordinator), byRule(schakel.RolePolicy)}, nil, rule); err != nil {
				e.t.Error(err)
			}
		})
	}
	wg.Wait()
	for range 4 {
		wg.Go(func() {
			if _, err := e.s.ChangeRoles(e.ctx, u.ID, nil, []schakel.Membership{byRule(schakel.RolePolicy)}, rule); err != nil {
				e.t.Error(err)
			}
		})
	}
	wg.Wait()
	wantKinds(e, u.ID, schakel.UserRoleGiven, schakel.UserRoleGiven, schakel.UserRoleGiven, schakel.UserRoleGiven, schakel.UserRoleTaken)
}
