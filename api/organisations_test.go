package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/schakel-nl/schakel"
)

func TestListOrganisations(t *testing.T) {
	e := newEnv(t)
	rec := e.do("GET", "/api/v1/organisaties", "", nil)
	wantJSON(t, rec, http.StatusOK, `{
		"resultaten": [
			{"id": 5, "code": "gemeente-utrecht", "naam": "Organisatie gemeente-utrecht", "type": "gemeente", "opdrachtgevers": [], "aangemaaktOp": "2026-04-01T09:00:00Z"},
			{"id": 2, "code": "min-bzk", "naam": "Organisatie min-bzk", "type": "ministerie", "opdrachtgevers": [], "aangemaaktOp": "2026-04-01T09:00:00Z"},
			{"id": 1, "code": "min-szw", "naam": "Organisatie min-szw", "type": "ministerie", "opdrachtgevers": [], "aangemaaktOp": "2026-04-01T09:00:00Z"},
			{"id": 4, "code": "svb", "naam": "Organisatie svb", "type": "uitvoeringsorganisatie", "opdrachtgevers": ["min-szw", "min-bzk"], "aangemaaktOp": "2026-04-01T09:00:00Z"},
			{"id": 3, "code": "uwv", "naam": "Organisatie uwv", "type": "uitvoeringsorganisatie", "opdrachtgevers": ["min-szw"], "aangemaaktOp": "2026-04-01T09:00:00Z"}
		],
		"totaal": 5, "pagina": 1, "paginaGrootte": 50
	}`)

	t.Run("filters", func(t *testing.T) {
		for _, tc := range []struct {
			name, query string
			codes       []string
			total       int
		}{
			{"type", "type=ministerie", []string{"min-bzk", "min-szw"}, 2},
			{"principal", "opdrachtgever=min-bzk", []string{"svb"}, 1},
			{"both", "type=uitvoeringsorganisatie&opdrachtgever=min-szw", []string{"svb", "uwv"}, 2},
			{"none match", "type=parlement", []string{}, 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rec := e.do("GET", "/api/v1/organisaties?"+tc.query, "", nil)
				page := decodePage(t, rec)
				if fmt.Sprint(page.codes) != fmt.Sprint(tc.codes) || page.Total != tc.total {
					t.Errorf("codes %v total %d, want %v total %d", page.codes, page.Total, tc.codes, tc.total)
				}
			})
		}
	})

	t.Run("pagination", func(t *testing.T) {
		want := [][]string{{"gemeente-utrecht", "min-bzk"}, {"min-szw", "svb"}, {"uwv"}, {}}
		for i, codes := range want {
			rec := e.do("GET", fmt.Sprintf("/api/v1/organisaties?pagina=%d&paginaGrootte=2", i+1), "", nil)
			page := decodePage(t, rec)
			if fmt.Sprint(page.codes) != fmt.Sprint(codes) || page.Total != 5 || page.Page != i+1 || page.PageSize != 2 {
				t.Errorf("page %d: codes %v total %d pagina %d grootte %d, want %v 5 %d 2", i+1, page.codes, page.Total, page.Page, page.PageSize, codes, i+1)
			}
		}
		rec := e.do("GET", "/api/v1/organisaties?paginaGrootte=500", "", nil)
		if page := decodePage(t, rec); len(page.codes) != 5 || page.PageSize != 500 {
			t.Errorf("paginaGrootte=500: %d results, size %d", len(page.codes), page.PageSize)
		}
	})

	t.Run("bad query", func(t *testing.T) {
		for _, tc := range []struct {
			name, query string
			fields      []string
		}{
			{"bad type", "type=bank", []string{"type"}},
			{"empty type", "type=", []string{"type"}},
			{"unknown principal", "opdrachtgever=min-xyz", []string{"opdrachtgever"}},
			{"page zero", "pagina=0", []string{"pagina"}},
			{"page not a number", "pagina=een", []string{"pagina"}},
			{"page too large", "pagina=1000001", []string{"pagina"}},
			{"size too large", "paginaGrootte=501", []string{"paginaGrootte"}},
			{"size negative", "paginaGrootte=-1", []string{"paginaGrootte"}},
			{"size fraction", "paginaGrootte=2.5", []string{"paginaGrootte"}},
			{"unknown params", "page=2&zoek=uwv", []string{"page", "zoek"}},
			{"repeated", "type=ministerie&type=gemeente", []string{"type"}},
			{"all at once", "type=bank&opdrachtgever=nee&pagina=x&paginaGrootte=0&sort=naam", []string{"type", "opdrachtgever", "pagina", "paginaGrootte", "sort"}},
			{"bad escape", "type=%zz", []string{"query"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantProblem(t, e.do("GET", "/api/v1/organisaties?"+tc.query, "", nil), http.StatusBadRequest, tc.fields...)
			})
		}
	})
}

type orgPage struct {
	Results []struct {
		Code string `json:"code"`
	} `json:"resultaten"`
	Total    int `json:"totaal"`
	Page     int `json:"pagina"`
	PageSize int `json:"paginaGrootte"`
	codes    []string
}

func decodePage(t *testing.T, rec interface {
	Result() *http.Response
}) orgPage {
	t.Helper()
	res := rec.Result()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	var p orgPage
	if err := jsonDecode(res.Body, &p); err != nil {
		t.Fatal(err)
	}
	p.codes = []string{}
	for _, r := range p.Results {
		p.codes = append(p.codes, r.Code)
	}
	return p
}

func TestGetOrganisation(t *testing.T) {
	e := newEnv(t)
	wantJSON(t, e.do("GET", "/api/v1/organisaties/svb", "", nil), http.StatusOK,
		`{"id": 4, "code": "svb", "naam": "Organisatie svb", "type": "uitvoeringsorganisatie", "opdrachtgevers": ["min-szw", "min-bzk"], "aangemaaktOp": "2026-04-01T09:00:00Z"}`)
	wantProblem(t, e.do("GET", "/api/v1/organisaties/bestaat-niet", "", nil), http.StatusNotFound)
	wantProblem(t, e.do("GET", "/api/v1/organisaties/UWV", "", nil), http.StatusNotFound)
}

func TestCreateOrganisation(t *testing.T) {
	e := newEnv(t)
	body := `{"code": "ind", "naam": " Immigratie- en Naturalisatiedienst ", "type": "uitvoeringsorganisatie", "opdrachtgevers": ["min-bzk", "min-szw"]}`

	t.Run("authz", func(t *testing.T) {
		before := e.counts()
		wantProblem(t, e.do("POST", "/api/v1/organisaties", body, nil), http.StatusUnauthorized)
		wantProblem(t, e.do("POST", "/api/v1/organisaties", body, e.prof), http.StatusForbidden)
		// Permission is checked before the body: a bad body still gets 403.
		wantProblem(t, e.do("POST", "/api/v1/organisaties", `{"x":`, e.prof), http.StatusForbidden)
		if after := e.counts(); after != before {
			t.Errorf("counts %v after refused writes, want %v", after, before)
		}
	})

	rec := e.do("POST", "/api/v1/organisaties", body, e.admin)
	wantJSON(t, rec, http.StatusCreated, `{"id": 6, "code": "ind", "naam": "Immigratie- en Naturalisatiedienst", "type": "uitvoeringsorganisatie", "opdrachtgevers": ["min-szw", "min-bzk"], "aangemaaktOp": "2026-04-01T09:00:00Z"}`)
	if loc := rec.Header().Get("Location"); loc != "/api/v1/organisaties/ind" {
		t.Errorf("Location = %q", loc)
	}
	// What was created is what GET returns.
	wantJSON(t, e.do("GET", "/api/v1/organisaties/ind", "", nil), http.StatusOK, rec.Body.String())

	// An organisation's administrator who is no operator may not (issue
	// 16: one could create ministries); an operator may.
	wantProblem(t, e.do("POST", "/api/v1/organisaties", `{"code": "min-nep", "naam": "Nep", "type": "ministerie"}`, e.svbAdmin), http.StatusForbidden)
	if rec := e.do("GET", "/api/v1/organisaties/min-nep", "", nil); rec.Code != http.StatusNotFound {
		t.Fatalf("a refused organisation exists: %d", rec.Code)
	}
	e.clock.Advance(90 * 60e9)
	wantJSON(t, e.do("POST", "/api/v1/organisaties", `{"code": "tweede-kamer", "naam": "Tweede Kamer", "type": "parlement"}`, e.admin), http.StatusCreated,
		`{"id": 7, "code": "tweede-kamer", "naam": "Tweede Kamer", "type": "parlement", "opdrachtgevers": [], "aangemaaktOp": "2026-04-01T10:30:00Z"}`)

	t.Run("refused", func(t *testing.T) {
		for _, tc := range []struct {
			name, body string
			status     int
			fields     []string
		}{
			{"code taken", `{"code": "uwv", "naam": "Nog een UWV", "type": "uitvoeringsorganisatie"}`, http.StatusConflict, nil},
			{"unknown principals", `{"code": "x", "naam": "X", "type": "inspectie", "opdrachtgevers": ["min-abc", "min-szw", "min-def"]}`, http.StatusBadRequest, []string{"opdrachtgevers", "opdrachtgevers"}},
			{"principal not a ministry", `{"code": "x", "naam": "X", "type": "inspectie", "opdrachtgevers": ["uwv"]}`, http.StatusBadRequest, []string{"opdrachtgevers"}},
			{"ministry with principal", `{"code": "min-x", "naam": "X", "type": "ministerie", "opdrachtgevers": ["min-szw"]}`, http.StatusBadRequest, []string{"opdrachtgevers"}},
			{"bad code and long name", fmt.Sprintf(`{"code": "Niet Goed", "naam": %q, "type": "gemeente"}`, longString(201)), http.StatusBadRequest, []string{"code", "naam"}},
			{"wrong principal item type", `{"code": "x", "naam": "X", "type": "inspectie", "opdrachtgevers": ["min-szw", 7, null]}`, http.StatusBadRequest, []string{"opdrachtgevers[1]", "opdrachtgevers[2]"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.counts()
				wantProblem(t, e.do("POST", "/api/v1/organisaties", tc.body, e.admin), tc.status, tc.fields...)
				if after := e.counts(); after != before {
					t.Errorf("counts %v after refused write, want %v", after, before)
				}
			})
		}
	})
}

func longString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}

func TestMe(t *testing.T) {
	e := newEnv(t)
	wantProblem(t, e.do("GET", "/api/v1/gebruikers/ik", "", nil), http.StatusUnauthorized)

	team := &schakel.Team{OrganisationID: e.uwv.ID, Name: "Maatwerkplaats"}
	if err := e.st.CreateTeam(t.Context(), team); err != nil {
		t.Fatal(err)
	}
	u := &schakel.User{Issuer: "https://idp.test", Subject: "coordinator", Name: "Fatima el Amrani", Email: "fatima@uwv.test"}
	if err := e.st.LoginUser(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	for _, m := range []schakel.Membership{
		{UserID: u.ID, OrganisationID: e.uwv.ID, TeamID: team.ID, Role: schakel.RoleCoordinator},
		{UserID: u.ID, OrganisationID: e.svb.ID, Role: schakel.RoleProfessional},
	} {
		if err := e.st.AddMembership(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	// The store orders roles by organisation id: uwv before svb.
	wantJSON(t, e.do("GET", "/api/v1/gebruikers/ik", "", u), http.StatusOK, fmt.Sprintf(`{"id": %d, "naam": "Fatima el Amrani", "email": "fatima@uwv.test", "rollen": [
		{"organisatie": "uwv", "rol": "coordinator", "teamId": %d},
		{"organisatie": "svb", "rol": "professional"}]}`, u.ID, team.ID))

	// A user without e-mail or roles: email left out, rollen empty.
	bare := &schakel.User{Issuer: "https://idp.test", Subject: "kaal", Name: "Kaal"}
	if err := e.st.LoginUser(t.Context(), bare); err != nil {
		t.Fatal(err)
	}
	wantJSON(t, e.do("GET", "/api/v1/gebruikers/ik", "", bare), http.StatusOK, fmt.Sprintf(`{"id": %d, "naam": "Kaal", "rollen": []}`, bare.ID))
}
