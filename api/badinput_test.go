package api_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
)

// TestBadInput sends every POST endpoint the usual ways to get a body wrong
// and checks that each answers problem+json with the right status, names
// every bad field, and stores nothing.
func TestBadInput(t *testing.T) {
	e := newEnv(t)
	e.seedPrinciples()
	huge := `{"naam": "` + strings.Repeat("a", 2<<20) + `"}`

	type badCase struct {
		name        string
		body        string
		contentType string // default application/json
		status      int
		fields      []string
	}
	// Cases every endpoint shares, whatever its fields.
	common := []badCase{
		{name: "malformed", body: `{"code": "x",`, status: 400, fields: []string{"body"}},
		{name: "trailing data", body: `{} {}`, status: 400, fields: []string{"body"}},
		{name: "not an object", body: `["code"]`, status: 400, fields: []string{"body"}},
		{name: "null", body: `null`, status: 400, fields: []string{"body"}},
		{name: "string", body: `"x"`, status: 400, fields: []string{"body"}},
		{name: "2 MiB", body: huge, status: 413},
		{name: "form post", body: `code=x`, contentType: "application/x-www-form-urlencoded", status: 400, fields: []string{"Content-Type"}},
	}
	endpoints := []struct {
		name  string
		path  string
		user  *schakel.User
		cases []badCase
	}{
		{
			name: "organisaties", path: "/api/v1/organisaties", user: e.admin,
			cases: []badCase{
				{name: "empty", body: ``, status: 400, fields: []string{"body"}},
				{name: "unknown fields", body: `{"Code": "x", "extra": 1, "bwbId": "BWBX"}`, status: 400, fields: []string{"Code", "extra", "bwbId", "code", "naam", "type"}},
				{name: "missing", body: `{}`, status: 400, fields: []string{"code", "naam", "type"}},
				{name: "wrong types", body: `{"code": 1, "naam": true, "type": ["gemeente"], "opdrachtgevers": "min-szw"}`, status: 400, fields: []string{"code", "naam", "type", "opdrachtgevers"}},
				{name: "bad enum", body: `{"code": "x", "naam": "X", "type": "bank"}`, status: 400, fields: []string{"type"}},
				{name: "duplicate", body: `{"code": "x", "code": "y", "naam": "X", "type": "gemeente"}`, status: 400, fields: []string{"code"}},
				{name: "everything at once", body: `{"code": "X Y", "naam": 7, "type": "bank", "opdrachtgevers": ["min-xyz", 3], "website": "x"}`, status: 400,
					fields: []string{"code", "naam", "type", "opdrachtgevers", "opdrachtgevers[1]", "website"}},
			},
		},
		{
			name: "beginselen", path: "/api/v1/beginselen", user: e.admin,
			cases: []badCase{
				{name: "empty", body: ` `, status: 400, fields: []string{"body"}},
				{name: "unknown fields", body: `{"code": "x", "naam": "X", "naamEn": "X", "organisatie": "uwv", "Naam": "x", "bwbId": "BWBX"}`, status: 400, fields: []string{"Naam", "bwbId"}},
				{name: "missing", body: `{}`, status: 400, fields: []string{"code", "naam", "naamEn", "organisatie"}},
				{name: "wrong types", body: `{"code": 1, "groep": 2, "ouder": false, "naam": {}, "naamEn": [], "bron": 1.5, "omschrijving": 0, "organisatie": 3}`, status: 400,
					fields: []string{"code", "groep", "ouder", "naam", "naamEn", "bron", "omschrijving", "organisatie"}},
				{name: "bad enum", body: `{"code": "x", "groep": "wet", "naam": "X", "naamEn": "X", "organisatie": "uwv"}`, status: 400, fields: []string{"groep"}},
				{name: "everything at once", body: `{"code": "X", "groep": "wet", "ouder": "nee", "naam": "", "naamEn": 1, "organisatie": "uwv", "bwbId": "BWBR1"}`, status: 400,
					fields: []string{"code", "groep", "ouder", "naam", "naamEn", "bwbId"}},
			},
		},
		{
			name: "intrekking", path: "/api/v1/beginselen/rechtsstaat/intrekking", user: e.admin,
			cases: []badCase{
				{name: "unknown fields", body: `{"reden": "x", "code": "y", "bwbId": "BWBX"}`, status: 400, fields: []string{"code", "bwbId"}},
				{name: "reason not text", body: `{"reden": 1}`, status: 400, fields: []string{"reden"}},
			},
		},
		{
			name: "validaties", path: "/api/v1/regelverwijzingen/validaties", user: nil,
			cases: []badCase{
				{name: "empty", body: ``, status: 400, fields: []string{"body"}},
				{name: "unknown fields", body: `{"verwijzing": "BWBR0005537", "Artikel": "1", "bwb": "BWBX"}`, status: 400, fields: []string{"Artikel", "bwb"}},
				{name: "missing", body: `{}`, status: 400, fields: []string{"soort"}},
				{name: "wrong types", body: `{"soort": 1, "bwbId": 2, "hoofdstuk": 3, "artikel": 4, "lid": 5, "onderdeel": 6, "titel": null}`, status: 400,
					fields: []string{"soort", "bwbId", "hoofdstuk", "artikel", "lid", "onderdeel"}},
				{name: "bad enum", body: `{"soort": "verdrag", "bwbId": "BWBV0001234"}`, status: 400, fields: []string{"soort"}},
				{name: "bad BWB id", body: `{"soort": "wet", "bwbId": "BWBR000553"}`, status: 400, fields: []string{"bwbId"}},
				{name: "bad BWB id, lower case", body: `{"soort": "wet", "bwbId": "bwbr0005537"}`, status: 400, fields: []string{"bwbId"}},
				{name: "bad BWB id in text", body: `{"verwijzing": "jci1.3:c:BWBR00055370&artikel=4:84"}`, status: 400, fields: []string{"verwijzing"}},
				{name: "everything at once", body: `{"soort": "wet", "bwbId": "BWBR1", "artikel": 4, "lid": "0", "onderdeel": "", "x": 1}`, status: 400,
					fields: []string{"bwbId", "artikel", "lid", "x"}},
			},
		},
	}
	// The request endpoints, on a request the professional made.
	e.create(generalBody, e.prof)
	for _, sub := range []string{"", "/1/ontvangstbevestigingen", "/1/antwoorden", "/1/betwistingen", "/1/verlengingen", "/1/intrekkingen", "/1/afsluitingen"} {
		endpoints = append(endpoints, struct {
			name  string
			path  string
			user  *schakel.User
			cases []badCase
		}{name: "verantwoordingsverzoeken" + sub, path: "/api/v1/verantwoordingsverzoeken" + sub, user: e.prof})
	}
	for _, ep := range endpoints {
		t.Run(ep.name, func(t *testing.T) {
			for _, tc := range append(append([]badCase(nil), common...), ep.cases...) {
				t.Run(tc.name, func(t *testing.T) {
					before := e.counts()
					retiredBefore := e.retired()
					req := httptest.NewRequest("POST", ep.path, bytes.NewReader([]byte(tc.body)))
					ct := tc.contentType
					if ct == "" {
						ct = "application/json"
					}
					req.Header.Set("Content-Type", ct)
					if ep.user != nil {
						req.Header.Set(testUserHeader, strconv.FormatInt(ep.user.ID, 10))
					}
					rec := httptest.NewRecorder()
					e.srv.ServeHTTP(rec, req)
					wantProblem(t, rec, tc.status, tc.fields...)
					if after := e.counts(); after != before {
						t.Errorf("counts %v after refused write, want %v", after, before)
					}
					if e.retired() != retiredBefore {
						t.Error("a principle was retired by a refused request")
					}
				})
			}
		})
	}
}

// retired returns how many principles are retired.
func (e *env) retired() int {
	e.t.Helper()
	all, err := e.st.Principles(e.t.Context(), schakel.PrincipleFilter{IncludeRetired: true})
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, p := range all {
		if p.Retired() {
			n++
		}
	}
	return n
}

// TestNotFound checks that unknown API paths, trailing slashes included,
// are 404 problems and known paths with another method 405.
func TestNotFound(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{
		"/api/",
		"/api/v1",
		"/api/v1/",
		"/api/v2/organisaties",
		"/api/v1/bestaat-niet",
		"/api/v1/organisaties/",
		"/api/v1/organisaties/uwv/",
		"/api/v1/beginselen/",
		"/api/v1/beginselen/x/intrekking/",
		"/api/v1/gebruikers/ik/",
		"/api/v1/openapi.json/",
	} {
		t.Run(path, func(t *testing.T) {
			rec := e.do("GET", path, "", nil)
			p := wantProblem(t, rec, http.StatusNotFound)
			if p.Instance != path {
				t.Errorf("instance = %q, want %q", p.Instance, path)
			}
		})
	}
	for _, tc := range []struct{ method, path, allow string }{
		{"DELETE", "/api/v1/organisaties", "GET, HEAD, POST"},
		{"PUT", "/api/v1/organisaties/uwv", "GET, HEAD"},
		{"GET", "/api/v1/beginselen/x/intrekking", "POST"},
		{"GET", "/api/v1/regelverwijzingen/validaties", "POST"},
		{"POST", "/api/v1/gebruikers/ik", "GET, HEAD"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := e.do(tc.method, tc.path, "", e.admin)
			wantProblem(t, rec, http.StatusMethodNotAllowed)
			if got := rec.Header().Get("Allow"); got != tc.allow {
				t.Errorf("Allow = %q, want %q", got, tc.allow)
			}
		})
	}
}
