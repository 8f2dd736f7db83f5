package api_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// memberLoginNeeded are the operations of teams, users and roles; all need
// a login.
var memberLoginNeeded = []string{"createTeam", "createUser", "grantRole", "revokeRole", "getUser", "getUserHistory", "disableUser", "enableUser"}

// checkMemberResponses is the part of TestResponsesConformToOpenAPI for
// teams, users and roles: it reaches every documented 2xx and error.
func checkMemberResponses(t *testing.T, e *env, check func(method, path, body string, u *schakel.User, wantStatus int) *httptest.ResponseRecorder) {
	t.Helper()
	huge := `{"naam": "` + strings.Repeat("x", 1<<20) + `"}`
	teams := "/api/v1/organisaties/uwv/teams"
	team := decodeJSON[api.Team](t, check("POST", teams, `{"naam": "Maatwerkplaats"}`, e.admin, 201).Body.Bytes())
	check("POST", teams, `{"naam": 1, "x": 2}`, e.admin, 400)
	check("POST", teams, `{}`, nil, 401)
	check("POST", teams, `{"naam": "X"}`, e.svbAdmin, 403)
	check("POST", "/api/v1/organisaties/nee/teams", `{"naam": "X"}`, e.admin, 404)
	check("POST", teams, huge, e.admin, 413)

	users := "/api/v1/gebruikers"
	newUser := fmt.Sprintf(`{"naam": "Nieuwe Collega", "email": "collega@uwv.example", "issuer": "https://idp.test", "subject": "nieuw", "organisatie": "uwv", "rol": "professional", "teamId": %d}`, team.ID)
	u := decodeJSON[api.Me](t, check("POST", users, newUser, e.admin, 201).Body.Bytes())
	check("POST", users, `{"naam": 1}`, e.admin, 400)
	check("POST", users, `{}`, nil, 401)
	check("POST", users, `{}`, e.prof, 403)
	check("POST", users, huge, e.admin, 413)

	roles := fmt.Sprintf("/api/v1/gebruikers/%d/rollen", u.ID)
	check("POST", roles, `{"organisatie": "uwv", "rol": "coordinator"}`, e.admin, 200)
	check("POST", roles, `{"organisatie": "uwv", "rol": "coordinator"}`, e.admin, 409)
	check("POST", roles, `{"organisatie": "uwv", "rol": "koning"}`, e.admin, 400)
	check("POST", roles, `{}`, nil, 401)
	check("POST", roles, `{"organisatie": "uwv", "rol": "bestuur"}`, e.prof, 403)
	check("POST", "/api/v1/gebruikers/999/rollen", `{"organisatie": "uwv", "rol": "bestuur"}`, e.admin, 404)
	check("POST", roles, huge, e.admin, 413)
	revoke := fmt.Sprintf("/api/v1/gebruikers/%d/rollen/uwv/coordinator", u.ID)
	check("DELETE", revoke, "", nil, 401)
	check("DELETE", revoke, "", e.prof, 403)
	check("DELETE", revoke, "", e.admin, 204)
	check("DELETE", revoke, "", e.admin, 404)
	checkAccountResponses(t, e, check, u.ID)
}

func TestMembersAPI(t *testing.T) {
	e := newEnv(t)
	// Every invalid field at once, the transport's among them.
	rec := e.do("POST", "/api/v1/gebruikers", `{"naam": "", "email": "geen", "issuer": "", "subject": 7, "organisatie": "nee", "rol": "koning", "teamId": -1}`, e.admin)
	// Without a subject (7 is no text) the user is prepared by e-mail.
	wantProblem(t, rec, 400, "email", "subject", "organisatie", "rol", "teamId")
	// Another organisation's administrator may not give roles at uwv.
	rec = e.do("POST", fmt.Sprintf("/api/v1/gebruikers/%d/rollen", e.prof.ID), `{"organisatie": "uwv", "rol": "bestuur"}`, e.svbAdmin)
	if rec.Code != 404 {
		t.Fatalf("svb's administrator sees uwv's professional: %d %s", rec.Code, rec.Body)
	}
	// uwv's administrator may not make its professional a minister.
	rec = e.do("POST", fmt.Sprintf("/api/v1/gebruikers/%d/rollen", e.prof.ID), `{"organisatie": "min-szw", "rol": "bewindspersoon"}`, e.admin)
	if rec.Code != 403 {
		t.Fatalf("a minister made by uwv's administrator: %d %s", rec.Code, rec.Body)
	}
	// The first administrator only of an organisation nobody works at yet:
	// gemeente-utrecht has a professional but no administrator, so uwv's
	// administrator may not announce one there (it could be a second login
	// of its own, then given any role).
	storetest.MustUser(t, e.st, "utrecht-pro", schakel.Membership{OrganisationID: e.utrecht.ID, Role: schakel.RoleProfessional})
	rec = e.do("POST", "/api/v1/gebruikers", `{"naam": "Tweede login", "issuer": "https://idp.test", "subject": "tweede-login", "organisatie": "gemeente-utrecht", "rol": "beheerder"}`, e.admin)
	if rec.Code != 403 {
		t.Fatalf("first administrator of an organisation with members: %d %s", rec.Code, rec.Body)
	}
	rec = e.do("POST", "/api/v1/organisaties", `{"code": "gemeente-nieuw", "naam": "Gemeente Nieuw", "type": "gemeente"}`, e.admin)
	if rec.Code != 201 {
		t.Fatalf("new organisation: %d %s", rec.Code, rec.Body)
	}
	rec = e.do("POST", "/api/v1/gebruikers", `{"naam": "Beheer Nieuw", "issuer": "https://idp.test", "subject": "nieuw-beheer", "organisatie": "gemeente-nieuw", "rol": "beheerder"}`, e.admin)
	if rec.Code != 201 {
		t.Fatalf("first administrator of a new organisation: %d %s", rec.Code, rec.Body)
	}

	rec = e.do("POST", fmt.Sprintf("/api/v1/gebruikers/%d/rollen", e.prof.ID), `{"organisatie": "uwv", "rol": "coordinator"}`, e.admin)
	me := decodeJSON[api.Me](t, rec.Body.Bytes())
	if rec.Code != 200 || len(me.Roles) != 2 {
		t.Fatalf("grant: %d %s", rec.Code, rec.Body)
	}
}
