package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/schakel-nl/schakel"
)

const defaultTermsJSON = `{"organisatie": "uwv", "resultaten": [
	{"type": "verzoek", "eigen": false, "antwoord": "P6W", "maximaleVerlenging": "P4W", "herinneringWerkdagen": 3},
	{"type": "bezwaar", "eigen": false, "antwoord": "P6W", "maximaleVerlenging": "P6W", "herinneringWerkdagen": 3},
	{"type": "klacht", "eigen": false, "antwoord": "P6W", "maximaleVerlenging": "P4W", "herinneringWerkdagen": 3},
	{"type": "noodrem-burger", "eigen": false, "antwoord": "P6W", "maximaleVerlenging": "P6W", "herinneringWerkdagen": 3},
	{"type": "noodrem-professional", "eigen": false, "ontvangst": "P7D", "antwoord": "P6W", "spoed": "5 werkdagen", "maximaleVerlenging": "P6W", "buitengrens": "P3M", "herinneringWerkdagen": 3},
	{"type": "noodrem-organisatie", "eigen": false, "antwoord": "P6W", "maximaleVerlenging": "P6W", "herinneringWerkdagen": 3},
	{"type": "knelpunt", "eigen": false, "antwoord": "P6W", "maximaleVerlenging": "P6W", "herinneringWerkdagen": 3},
	{"type": "uitvoeringstoets", "eigen": false, "antwoord": "P8W", "spoed": "5 werkdagen", "maximaleVerlenging": "P4W", "herinneringWerkdagen": 3},
	{"type": "toetsreactie", "eigen": false, "antwoord": "P4W", "maximaleVerlenging": "P2W", "herinneringWerkdagen": 3}]}`

func TestOrganisationTermsDefaults(t *testing.T) {
	e := newEnv(t)
	wantJSON(t, e.do("GET", "/api/v1/organisaties/uwv/termijnen", "", nil), http.StatusOK, defaultTermsJSON)
	wantProblem(t, e.do("GET", "/api/v1/organisaties/bestaat-niet/termijnen", "", nil), http.StatusNotFound)
}

// TestOrganisationTermsApply: terms an administrator sets decide the
// deadlines of requests made to the organisation from then on, other
// organisations keep the defaults, and deleting restores them.
func TestOrganisationTermsApply(t *testing.T) {
	e, p := newRequestEnv(t)
	// start is Wednesday 1 April 2026: two weeks is 15 April, six weeks 13 May.
	rec := e.do("PUT", "/api/v1/organisaties/uwv/termijnen/verzoek", `{"antwoord": "P2W", "maximaleVerlenging": "P1W", "herinneringWerkdagen": 2}`, e.admin)
	wantJSON(t, rec, http.StatusOK, `{"type": "verzoek", "eigen": true, "antwoord": "P2W", "maximaleVerlenging": "P1W", "herinneringWerkdagen": 2, "gewijzigdOp": "2026-04-01T09:00:00Z"}`)

	if r := e.create(generalBody, e.prof); r.AnswerDue != "2026-04-15" {
		t.Fatalf("request to uwv due %s, want 2026-04-15 (its own two weeks)", r.AnswerDue)
	}
	toSVB := `{"type": "verzoek", "onderwerp": "X", "gronden": [{"beginsel": "zorgvuldigheid", "toelichting": "Y"}], "geadresseerde": {"organisatie": "svb"}}`
	if r := e.create(toSVB, e.prof); r.AnswerDue != "2026-05-13" {
		t.Fatalf("request to svb due %s, want 2026-05-13 (the default six weeks)", r.AnswerDue)
	}
	if r := e.create(complaintBody, e.prof); r.AnswerDue != "2026-05-13" {
		t.Fatalf("complaint to uwv due %s, want 2026-05-13 (another type keeps the default)", r.AnswerDue)
	}
	// The extension is held to the configured maximum of one week.
	r := e.create(generalBody, e.prof)
	wantProblem(t, e.do("POST", fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d/verlengingen", r.ID), `{"termijn": "P2W", "reden": "Drukte."}`, p.board),
		http.StatusBadRequest, "termijn")

	rec = e.do("GET", "/api/v1/organisaties/uwv/termijnen", "", nil)
	var got struct {
		Results []struct {
			Type   string `json:"type"`
			Own    bool   `json:"eigen"`
			Answer string `json:"antwoord"`
		} `json:"resultaten"`
	}
	if err := jsonDecode(rec.Body, &got); err != nil || len(got.Results) != len(schakel.RequestTypes) {
		t.Fatalf("GET: %v %s", err, rec.Body)
	}
	for _, tt := range got.Results {
		if own := tt.Type == "verzoek"; tt.Own != own || (own && tt.Answer != "P2W") {
			t.Errorf("%+v, want own terms only for verzoek", tt)
		}
	}

	rec = e.do("DELETE", "/api/v1/organisaties/uwv/termijnen/verzoek", "", e.admin)
	if rec.Code != http.StatusNoContent || rec.Body.Len() != 0 {
		t.Fatalf("DELETE: %d %s", rec.Code, rec.Body)
	}
	if r := e.create(generalBody, e.prof); r.AnswerDue != "2026-05-13" {
		t.Fatalf("after delete due %s, want 2026-05-13 (the default again)", r.AnswerDue)
	}
	wantJSON(t, e.do("GET", "/api/v1/organisaties/uwv/termijnen", "", nil), http.StatusOK, defaultTermsJSON)
	// Deleting again is no error.
	if rec := e.do("DELETE", "/api/v1/organisaties/uwv/termijnen/verzoek", "", e.admin); rec.Code != http.StatusNoContent {
		t.Fatalf("second DELETE: %d %s", rec.Code, rec.Body)
	}

	// Who changed what when is kept.
	changes, err := e.st.TermChanges(context.Background(), e.uwv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 2 || changes[0].Old != nil || changes[0].New == nil || changes[1].New != nil || changes[0].By != e.admin.ID || changes[1].By != e.admin.ID {
		t.Fatalf("history %+v, want a set and a delete by the administrator", changes)
	}
}

func TestOrganisationTermsInvalid(t *testing.T) {
	e := newEnv(t)
	const path = "/api/v1/organisaties/uwv/termijnen/"
	for _, c := range []struct {
		name, typ, body string
		fields          []string
	}{
		{"every field at once", "bezwaar",
			`{"ontvangst": "zeven dagen", "antwoord": "P13W", "spoed": "P14W", "maximaleVerlenging": "P2M", "buitengrens": 5, "herinneringWerkdagen": 30, "onbekend": 1}`,
			[]string{"ontvangst", "antwoord", "spoed", "maximaleVerlenging", "buitengrens", "herinneringWerkdagen", "onbekend"}},
		{"answer required", "verzoek", `{}`, []string{"antwoord"}},
		{"answer null", "verzoek", `{"antwoord": null}`, []string{"antwoord"}},
		{"complaint beyond Awb 9:11", "klacht", `{"antwoord": "P11W", "maximaleVerlenging": "P5W"}`, []string{"antwoord", "maximaleVerlenging"}},
		{"brake needs acknowledgement and outer bound", "noodrem-professional", `{"antwoord": "P6W"}`, []string{"ontvangst", "buitengrens"}},
		{"brake: working days that may outlast the law", "noodrem-professional", `{"ontvangst": "5 werkdagen", "antwoord": "P6W", "buitengrens": "P4M"}`, []string{"ontvangst", "buitengrens"}},
		{"outer bound shorter than the answer", "verzoek", `{"antwoord": "P6W", "buitengrens": "P1W"}`, []string{"buitengrens"}},
		{"bad terms", "verzoek", `{"antwoord": "P1Y", "spoed": "0 werkdagen", "ontvangst": "P1W2D"}`, []string{"antwoord", "spoed", "ontvangst"}},
		{"wrong types", "verzoek", `{"antwoord": 6, "herinneringWerkdagen": "drie"}`, []string{"antwoord", "herinneringWerkdagen"}},
		{"not an object", "verzoek", `[]`, []string{"body"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantProblem(t, e.do("PUT", path+c.typ, c.body, e.admin), http.StatusBadRequest, c.fields...)
		})
	}
	if got, err := e.st.TermSettings(context.Background(), 0); err != nil || len(got) != 0 {
		t.Fatalf("refused input was stored: %+v %v", got, err)
	}
}

func TestOrganisationTermsPermission(t *testing.T) {
	e := newEnv(t)
	const path = "/api/v1/organisaties/uwv/termijnen/verzoek"
	const body = `{"antwoord": "P2W"}`
	wantProblem(t, e.do("PUT", path, body, nil), http.StatusUnauthorized)
	wantProblem(t, e.do("PUT", path, body, e.prof), http.StatusForbidden)
	// An administrator of another organisation may not either, and learns
	// nothing from the validation of a bad body.
	wantProblem(t, e.do("PUT", path, `{"antwoord": "x"}`, e.svbAdmin), http.StatusForbidden)
	wantProblem(t, e.do("DELETE", path, "", nil), http.StatusUnauthorized)
	wantProblem(t, e.do("DELETE", path, "", e.prof), http.StatusForbidden)
	wantProblem(t, e.do("DELETE", path, "", e.svbAdmin), http.StatusForbidden)
	wantProblem(t, e.do("PUT", "/api/v1/organisaties/uwv/termijnen/bestaat-niet", body, e.admin), http.StatusNotFound)
	wantProblem(t, e.do("PUT", "/api/v1/organisaties/bestaat-niet/termijnen/verzoek", body, e.admin), http.StatusNotFound)
	if got, err := e.st.TermSettings(context.Background(), 0); err != nil || len(got) != 0 {
		t.Fatalf("refused input was stored: %+v %v", got, err)
	}
	// The administrator of svb may set svb's.
	if rec := e.do("PUT", "/api/v1/organisaties/svb/termijnen/verzoek", body, e.svbAdmin); rec.Code != http.StatusOK {
		t.Fatalf("svb admin at svb: %d %s", rec.Code, rec.Body)
	}
}
