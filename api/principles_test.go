package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

const (
	zorgvuldigheidJSON = `{"code": "zorgvuldigheid", "groep": "abbb", "naam": "Zorgvuldigheid", "naamEn": "Due care", "bron": "Awb 3:2", "omschrijving": "Eerst de feiten.", "aangemaaktOp": "2026-04-01T09:00:00Z"}`
	rechtsstaatJSON    = `{"code": "rechtsstaat", "groep": "rechtsstaat", "naam": "Rechtsstaat", "naamEn": "Rule of law", "bron": "ROB", "omschrijving": "", "aangemaaktOp": "2026-04-01T09:00:00Z"}`
	legaliteitJSON     = `{"code": "legaliteit", "groep": "rechtsstaat", "ouder": "rechtsstaat", "naam": "Legaliteit", "naamEn": "Legality", "bron": "ROB", "omschrijving": "", "aangemaaktOp": "2026-04-01T09:00:00Z"}`
)

func TestListPrinciples(t *testing.T) {
	e := newEnv(t)
	wantJSON(t, e.do("GET", "/api/v1/beginselen", "", nil), http.StatusOK, `{"resultaten": []}`)
	e.seedPrinciples()
	wantJSON(t, e.do("GET", "/api/v1/beginselen", "", nil), http.StatusOK,
		`{"resultaten": [`+zorgvuldigheidJSON+`,`+rechtsstaatJSON+`,`+legaliteitJSON+`]}`)
	wantJSON(t, e.do("GET", "/api/v1/beginselen?groep=rechtsstaat", "", nil), http.StatusOK,
		`{"resultaten": [`+rechtsstaatJSON+`,`+legaliteitJSON+`]}`)

	// An organisation principle carries the organisation's code; a retired
	// one shows only with ingetrokken=true, with its time.
	if err := e.st.CreatePrinciple(t.Context(), &schakel.Principle{Code: "uwv-menselijke-maat", Group: schakel.GroupOrganisation, Name: "Menselijke maat", NameEN: "Human measure", OrganisationID: e.uwv.ID}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Hour)
	if err := e.st.RetirePrinciple(t.Context(), "zorgvuldigheid"); err != nil {
		t.Fatal(err)
	}
	own := `{"code": "uwv-menselijke-maat", "groep": "eigen", "naam": "Menselijke maat", "naamEn": "Human measure", "bron": "", "omschrijving": "", "organisatie": "uwv", "aangemaaktOp": "2026-04-01T09:00:00Z"}`
	retired := `{"code": "zorgvuldigheid", "groep": "abbb", "naam": "Zorgvuldigheid", "naamEn": "Due care", "bron": "Awb 3:2", "omschrijving": "Eerst de feiten.", "aangemaaktOp": "2026-04-01T09:00:00Z", "ingetrokkenOp": "2026-04-01T10:00:00Z"}`
	wantJSON(t, e.do("GET", "/api/v1/beginselen", "", nil), http.StatusOK,
		`{"resultaten": [`+rechtsstaatJSON+`,`+legaliteitJSON+`,`+own+`]}`)
	wantJSON(t, e.do("GET", "/api/v1/beginselen?ingetrokken=false", "", nil), http.StatusOK,
		`{"resultaten": [`+rechtsstaatJSON+`,`+legaliteitJSON+`,`+own+`]}`)
	wantJSON(t, e.do("GET", "/api/v1/beginselen?ingetrokken=true", "", nil), http.StatusOK,
		`{"resultaten": [`+retired+`,`+rechtsstaatJSON+`,`+legaliteitJSON+`,`+own+`]}`)
	wantJSON(t, e.do("GET", "/api/v1/beginselen?groep=abbb&ingetrokken=true", "", nil), http.StatusOK,
		`{"resultaten": [`+retired+`]}`)

	for _, tc := range []struct {
		name, query string
		fields      []string
	}{
		{"bad group", "groep=wet", []string{"groep"}},
		{"bad bool", "ingetrokken=ja", []string{"ingetrokken"}},
		{"capital bool", "ingetrokken=True", []string{"ingetrokken"}},
		{"unknown", "zoek=x&pagina=2", []string{"pagina", "zoek"}},
		{"all at once", "groep=x&ingetrokken=1&q=y", []string{"groep", "ingetrokken", "q"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, e.do("GET", "/api/v1/beginselen?"+tc.query, "", nil), http.StatusBadRequest, tc.fields...)
		})
	}
}

func TestDefaultCatalogue(t *testing.T) {
	e := newEnv(t)
	n, err := e.st.SeedPrinciples(t.Context(), schakel.DefaultPrinciples())
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Results []map[string]any `json:"resultaten"`
	}
	rec := e.do("GET", "/api/v1/beginselen", "", nil)
	if err := jsonDecode(rec.Body, &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Results) != n {
		t.Errorf("%d principles listed, %d seeded", len(list.Results), n)
	}
	for _, p := range list.Results {
		if _, ok := p["organisatie"]; ok {
			t.Errorf("national principle %v has an organisatie", p["code"])
		}
	}
}

func TestGetPrinciple(t *testing.T) {
	e := newEnv(t)
	e.seedPrinciples()
	wantJSON(t, e.do("GET", "/api/v1/beginselen/legaliteit", "", nil), http.StatusOK, legaliteitJSON)
	wantProblem(t, e.do("GET", "/api/v1/beginselen/bestaat-niet", "", nil), http.StatusNotFound)
	// A retired principle can still be read.
	e.clock.Advance(time.Minute)
	if err := e.st.RetirePrinciple(t.Context(), "rechtsstaat"); err != nil {
		t.Fatal(err)
	}
	wantJSON(t, e.do("GET", "/api/v1/beginselen/rechtsstaat", "", nil), http.StatusOK,
		`{"code": "rechtsstaat", "groep": "rechtsstaat", "naam": "Rechtsstaat", "naamEn": "Rule of law", "bron": "ROB", "omschrijving": "", "aangemaaktOp": "2026-04-01T09:00:00Z", "ingetrokkenOp": "2026-04-01T09:01:00Z"}`)
}

func TestCreatePrinciple(t *testing.T) {
	e := newEnv(t)
	e.seedPrinciples()
	body := `{"code": "uwv-menselijke-maat", "ouder": "rechtsstaat", "naam": "Menselijke maat", "naamEn": "Human measure", "bron": "Visie UWV", "omschrijving": "Kijk naar de mens achter het dossier.", "organisatie": "uwv"}`

	t.Run("authz", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			user   *schakel.User
			body   string
			status int
		}{
			{"not logged in", nil, body, http.StatusUnauthorized},
			{"professional", e.prof, body, http.StatusForbidden},
			{"professional, bad body", e.prof, `{`, http.StatusForbidden},
			{"admin of another organisation", e.svbAdmin, body, http.StatusForbidden},
			{"admin of another organisation, other fields bad", e.svbAdmin, `{"code": "X", "organisatie": "uwv"}`, http.StatusForbidden},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.counts()
				wantProblem(t, e.do("POST", "/api/v1/beginselen", tc.body, tc.user), tc.status)
				if after := e.counts(); after != before {
					t.Errorf("counts %v after refused write, want %v", after, before)
				}
			})
		}
	})

	e.clock.Advance(time.Second)
	rec := e.do("POST", "/api/v1/beginselen", body, e.admin)
	want := `{"code": "uwv-menselijke-maat", "groep": "eigen", "ouder": "rechtsstaat", "naam": "Menselijke maat", "naamEn": "Human measure", "bron": "Visie UWV", "omschrijving": "Kijk naar de mens achter het dossier.", "organisatie": "uwv", "aangemaaktOp": "2026-04-01T09:00:01Z"}`
	wantJSON(t, rec, http.StatusCreated, want)
	if loc := rec.Header().Get("Location"); loc != "/api/v1/beginselen/uwv-menselijke-maat" {
		t.Errorf("Location = %q", loc)
	}
	wantJSON(t, e.do("GET", "/api/v1/beginselen/uwv-menselijke-maat", "", nil), http.StatusOK, want)

	// The group may be given, as long as it is "eigen".
	wantJSON(t, e.do("POST", "/api/v1/beginselen", `{"code": "svb-waarde", "groep": "eigen", "naam": "Waarde", "naamEn": "Value", "organisatie": "svb"}`, e.svbAdmin), http.StatusCreated,
		`{"code": "svb-waarde", "groep": "eigen", "naam": "Waarde", "naamEn": "Value", "bron": "", "omschrijving": "", "organisatie": "svb", "aangemaaktOp": "2026-04-01T09:00:01Z"}`)

	e.clock.Advance(time.Second)
	if err := e.st.RetirePrinciple(t.Context(), "legaliteit"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, body string
		status     int
		fields     []string
	}{
		{"code taken", `{"code": "zorgvuldigheid", "naam": "Z", "naamEn": "Z", "organisatie": "uwv"}`, http.StatusConflict, nil},
		{"national group", `{"code": "x", "groep": "abbb", "naam": "X", "naamEn": "X", "organisatie": "uwv"}`, http.StatusBadRequest, []string{"groep"}},
		{"unknown group", `{"code": "x", "groep": "waarden", "naam": "X", "naamEn": "X", "organisatie": "uwv"}`, http.StatusBadRequest, []string{"groep"}},
		{"unknown parent", `{"code": "x", "ouder": "bestaat-niet", "naam": "X", "naamEn": "X", "organisatie": "uwv"}`, http.StatusBadRequest, []string{"ouder"}},
		{"retired parent", `{"code": "x", "ouder": "legaliteit", "naam": "X", "naamEn": "X", "organisatie": "uwv"}`, http.StatusBadRequest, []string{"ouder"}},
		{"own parent", `{"code": "x", "ouder": "x", "naam": "X", "naamEn": "X", "organisatie": "uwv"}`, http.StatusBadRequest, []string{"ouder"}},
		{"no organisation", `{"code": "x", "naam": "X", "naamEn": "X"}`, http.StatusBadRequest, []string{"organisatie"}},
		{"unknown organisation", `{"code": "x", "naam": "X", "naamEn": "X", "organisatie": "abc"}`, http.StatusBadRequest, []string{"organisatie"}},
		{"everything missing", `{}`, http.StatusBadRequest, []string{"code", "naam", "naamEn", "organisatie"}},
		{"too long", fmt.Sprintf(`{"code": "x", "naam": %q, "naamEn": "X", "bron": %q, "omschrijving": %q, "organisatie": "uwv"}`, longString(201), longString(201), longString(2001)), http.StatusBadRequest, []string{"naam", "bron", "omschrijving"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.counts()
			wantProblem(t, e.do("POST", "/api/v1/beginselen", tc.body, e.admin), tc.status, tc.fields...)
			if after := e.counts(); after != before {
				t.Errorf("counts %v after refused write, want %v", after, before)
			}
		})
	}
}

func TestRetirePrinciple(t *testing.T) {
	e := newEnv(t)
	e.seedPrinciples()
	if err := e.st.CreatePrinciple(t.Context(), &schakel.Principle{Code: "uwv-waarde", Group: schakel.GroupOrganisation, Name: "Waarde", NameEN: "Value", OrganisationID: e.uwv.ID}); err != nil {
		t.Fatal(err)
	}
	retiredCount := func() int {
		t.Helper()
		active, err := e.st.Principles(t.Context(), schakel.PrincipleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return 4 - len(active)
	}

	for _, tc := range []struct {
		name, code string
		user       *schakel.User
		status     int
	}{
		{"not logged in", "zorgvuldigheid", nil, http.StatusUnauthorized},
		{"professional, national", "zorgvuldigheid", e.prof, http.StatusForbidden},
		{"professional, own organisation", "uwv-waarde", e.prof, http.StatusForbidden},
		{"admin of another organisation", "uwv-waarde", e.svbAdmin, http.StatusForbidden},
		// An organisation's administrator is no operator (issue 16).
		{"admin, national", "zorgvuldigheid", e.svbAdmin, http.StatusForbidden},
		{"unknown principle", "bestaat-niet", e.admin, http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, e.do("POST", "/api/v1/beginselen/"+tc.code+"/intrekking", "", tc.user), tc.status)
			if n := retiredCount(); n != 0 {
				t.Errorf("%d principles retired after a refused retirement", n)
			}
		})
	}

	// A national principle: an operator, without a body.
	e.clock.Advance(2 * time.Hour)
	wantJSON(t, e.do("POST", "/api/v1/beginselen/zorgvuldigheid/intrekking", "", e.admin), http.StatusOK,
		`{"code": "zorgvuldigheid", "groep": "abbb", "naam": "Zorgvuldigheid", "naamEn": "Due care", "bron": "Awb 3:2", "omschrijving": "Eerst de feiten.", "aangemaaktOp": "2026-04-01T09:00:00Z", "ingetrokkenOp": "2026-04-01T11:00:00Z"}`)
	// An organisation's principle: its admin, with an empty object.
	wantJSON(t, e.do("POST", "/api/v1/beginselen/uwv-waarde/intrekking", "{}", e.admin), http.StatusOK,
		`{"code": "uwv-waarde", "groep": "eigen", "naam": "Waarde", "naamEn": "Value", "bron": "", "omschrijving": "", "organisatie": "uwv", "aangemaaktOp": "2026-04-01T09:00:00Z", "ingetrokkenOp": "2026-04-01T11:00:00Z"}`)
	// Twice is a conflict.
	wantProblem(t, e.do("POST", "/api/v1/beginselen/zorgvuldigheid/intrekking", "", e.admin), http.StatusConflict)
	if n := retiredCount(); n != 2 {
		t.Errorf("%d principles retired, want 2", n)
	}
	// Unknown fields are refused, not ignored.
	wantProblem(t, e.do("POST", "/api/v1/beginselen/rechtsstaat/intrekking", `{"waarom": "verouderd"}`, e.admin), http.StatusBadRequest, "waarom")
	if n := retiredCount(); n != 2 {
		t.Errorf("%d principles retired after a refused retirement, want 2", n)
	}
	// Reinstating: not by an organisation's administrator; an operator
	// may, with a reason that goes into the history.
	wantProblem(t, e.do("POST", "/api/v1/beginselen/zorgvuldigheid/herstel", "", e.svbAdmin), http.StatusForbidden)
	rec := e.do("POST", "/api/v1/beginselen/zorgvuldigheid/herstel", `{"reden": "ten onrechte ingetrokken"}`, e.admin)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "ingetrokkenOp") {
		t.Fatalf("reinstate: %d %s", rec.Code, rec.Body)
	}
	wantProblem(t, e.do("POST", "/api/v1/beginselen/zorgvuldigheid/herstel", "", e.admin), http.StatusConflict)
	if n := retiredCount(); n != 1 {
		t.Errorf("%d principles retired after the reinstatement, want 1", n)
	}
	es, err := e.st.PrincipleEvents(t.Context(), "zorgvuldigheid")
	if err != nil || len(es) != 2 || es[1].Kind != schakel.PrincipleReinstated || es[1].ByUserID != e.admin.ID || es[1].Via != schakel.ViaAPI || es[1].Reason != "ten onrechte ingetrokken" {
		t.Fatalf("history %+v, %v", es, err)
	}
}
