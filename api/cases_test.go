package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/store/storetest"
)

// A case written the way a professional would, full of personal data that
// must never reach the register.
const wiaCase = `{"organisatie": "uwv", "titel": "Terugvordering WIA-voorschot bij Annie de Boer",
	"situatie": "Mevrouw Annie de Boer (BSN 111222333, geboren op 3 maart 1961) woont op Kerkstraat 12, 1234 AB Utrecht. Zij kreeg een voorschot en moet nu € 4.120 terugbetalen. Bereikbaar op 06-12345678 of annie.deboer@example.nl; IBAN NL91ABNA0417164300.",
	"partijen": ["Annie de Boer"], "regels": ["jci1.3:c:BWBR0019057&artikel=76"],
	"bedoeling": "Een voorschot overbrugt de tijd tot het besluit.", "knelpunt": "Zij kon niet weten dat het een voorschot was; de fout lag bij ons.",
	"beginselen": ["evenredigheid", "zorgvuldigheid"]}`

// confirmed confirms every review category of a publication.
const confirmed = `"bevestigingen": ["namen", "plaatsen", "organisaties", "nummers-en-contactgegevens", "data-en-leeftijden", "gezin-en-gezondheid", "bedragen"]`

// boardOf adds a board member of uwv: the second reviewer, who publishes
// what the coordinator decided.
func (e *brakeEnv) boardOf() *schakel.User {
	e.t.Helper()
	return storetest.MustUser(e.t, e.st, fmt.Sprintf("uwv-bestuur-%d", time.Now().UnixNano()), schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard})
}

// personal is every piece of personal data in wiaCase.
var personal = []string{"Annie", "Boer", "111222333", "1961", "Kerkstraat 12", "1234 AB", "06-12345678", "annie.deboer@example.nl", "NL91ABNA0417164300"}

func (e *brakeEnv) caseStep(method, path, body string, u *schakel.User, want int) api.Case {
	e.t.Helper()
	rec := e.do(method, path, body, u)
	if rec.Code != want {
		e.t.Fatalf("%s %s: %d, want %d: %s", method, path, rec.Code, want, rec.Body)
	}
	if want >= 300 {
		return api.Case{}
	}
	return decodeJSON[api.Case](e.t, rec.Body.Bytes())
}

// TestCaseFlow: submitted, the table convened, views, a decision with a
// solve, the proposal redacted, published; the register shows none of the
// personal data; the history has every step.
func TestCaseFlow(t *testing.T) {
	e := newBrakeEnv(t)
	jurist := storetest.MustUser(t, e.st, "jurist", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleProfessional})
	c := e.caseStep("POST", "/api/v1/casussen", wiaCase, e.prof, 201)
	if c.State != "ingediend" || len(c.Missing) != 6 || c.Parties[0] != "Annie de Boer" {
		t.Fatalf("submitted: %+v", c)
	}
	path := fmt.Sprintf("/api/v1/casussen/%d", c.ID)
	// Another organisation sees nothing of it.
	wantProblem(t, e.do("GET", path, "", e.svbAdmin), http.StatusNotFound)
	// A professional cannot convene the table; the coordinator can.
	wantProblem(t, e.do("POST", path+"/uitnodigingen", fmt.Sprintf(`{"perspectief": "juridisch", "gebruiker": %d}`, jurist.ID), e.prof), http.StatusForbidden)
	c = e.caseStep("POST", path+"/uitnodigingen", fmt.Sprintf(`{"perspectief": "juridisch", "gebruiker": %d}`, jurist.ID), e.coord, 200)
	if c.State != "in-beraad" {
		t.Fatalf("after the invitation: %s", c.State)
	}
	wantProblem(t, e.do("POST", path+"/uitnodigingen", fmt.Sprintf(`{"perspectief": "financieel", "gebruiker": %d}`, e.svbAdmin.ID), e.coord), http.StatusBadRequest, "gebruiker")
	// Only the invited perspective speaks for itself.
	wantProblem(t, e.do("POST", path+"/standpunten", `{"perspectief": "financieel", "tekst": "x"}`, jurist), http.StatusForbidden)
	c = e.caseStep("POST", path+"/standpunten", `{"perspectief": "juridisch", "tekst": "Artikel 4:84 Awb laat afwijken toe bij bijzondere omstandigheden."}`, jurist, 200)
	c = e.caseStep("POST", path+"/standpunten", `{"perspectief": "financieel", "tekst": "Eenmalig € 4.120."}`, e.coord, 200)
	if len(c.Views) != 2 || len(c.Missing) != 4 {
		t.Fatalf("views %d, missing %v", len(c.Views), c.Missing)
	}
	// Deciding needs a legal ground, weighings and an explanation.
	wantProblem(t, e.do("POST", path+"/besluiten", `{"uitkomst": "maatwerk", "afwegingen": [{"beginsel": "bestaat-niet", "hoe": ""}], "kostenCenten": -1}`, e.coord),
		http.StatusBadRequest, "grondslag", "grondslagToelichting", "afwegingen[0].hoe", "afwegingen[0].beginsel", "kostenCenten", "uitleg")
	c = e.caseStep("POST", path+"/besluiten", `{"uitkomst": "maatwerk", "grondslag": "awb-4:84", "grondslagToelichting": "Bijzondere omstandigheden: de fout lag bij UWV.",
		"afwegingen": [{"beginsel": "evenredigheid", "hoe": "Terugbetalen van € 4.120 is onevenredig voor mevrouw De Boer."}, {"beginsel": "zorgvuldigheid", "hoe": "Het voorschot is niet als zodanig uitgelegd."}],
		"kostenCenten": 412000, "uitleg": "U hoeft het voorschot niet terug te betalen, mevrouw De Boer. Wij hebben een fout gemaakt.",
		"signaal": "Voorschotten bij te late besluiten niet meer terugvorderen.", "signaalRegels": ["jci1.3:c:BWBR0019057&artikel=76"]}`, e.coord, 200)
	if c.State != "besloten" || c.Decision == nil || c.Decision.Signal == nil || c.Decision.CostCents != 412000 {
		t.Fatalf("decided: %+v", c.Decision)
	}
	// The proposal is redacted and lists every replacement; the one who
	// decided may not publish (four eyes).
	rec := e.do("GET", path+"/publicatievoorstel", "", e.coord)
	prop := decodeJSON[api.Proposal](t, rec.Body.Bytes())
	publication := fmt.Sprint(prop.Precedent)
	for _, p := range personal {
		if strings.Contains(publication, p) {
			t.Errorf("the proposal's publication shows %q: %s", p, publication)
		}
	}
	found := map[string]bool{}
	for _, r := range prop.Replacements {
		found[r.Kind+":"+r.Text] = true
	}
	if !found["bsn:111222333"] || prop.MayPublish || prop.Why == "" || len(prop.Categories) != 7 {
		t.Errorf("the decider's proposal: replacements %v, may publish %v (%q), categories %v", found, prop.MayPublish, prop.Why, prop.Categories)
	}
	wantProblem(t, e.do("POST", path+"/publicaties", `{`+confirmed+`}`, e.coord), http.StatusForbidden)
	board := e.boardOf()
	wantProblem(t, e.do("POST", path+"/publicaties", `{"weglakken": [3]}`, board), http.StatusBadRequest, "weglakken[0]", "bevestigingen")
	// An edit that puts personal data back is redacted again.
	rec = e.do("POST", path+"/publicaties", `{"samenvatting": "Mevrouw Annie de Boer, BSN 111222333, moest een voorschot terugbetalen; zij woont in Utrecht.", "weglakken": ["Utrecht"], `+confirmed+`}`, board)
	if rec.Code != http.StatusCreated {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	reg := e.do("GET", "/api/v1/casusprudentie?q=voorschot", "", nil).Body.String() + e.do("GET", fmt.Sprintf("/api/v1/casusprudentie/%d", c.ID), "", nil).Body.String()
	for _, p := range append(personal, "Utrecht") {
		if strings.Contains(reg, p) {
			t.Errorf("the register shows %q", p)
		}
	}
	page := decodeJSON[api.PrecedentPage](t, e.do("GET", "/api/v1/casusprudentie?q=voorschot&uitkomst=maatwerk&regel=jci1.3:c:BWBR0019057%26artikel=76", "", nil).Body.Bytes())
	if page.Total != 1 || page.Results[0].ID != c.ID || page.Results[0].Outcome != "maatwerk" {
		t.Fatalf("search: %+v", page)
	}
	c = e.caseStep("GET", path, "", e.coord, 200)
	var steps []string
	for _, ev := range c.History {
		steps = append(steps, ev.Type)
	}
	if c.State != "gepubliceerd" || strings.Join(steps, ",") != "ingediend,uitgenodigd,standpunt,standpunt,besloten,gepubliceerd" {
		t.Fatalf("state %s, history %v", c.State, steps)
	}
	wantProblem(t, e.do("POST", path+"/publicaties", `{`+confirmed+`}`, board), http.StatusConflict)
}

// TestCaseBadInput: a case names every invalid field at once and stores
// nothing.
func TestCaseBadInput(t *testing.T) {
	e := newBrakeEnv(t)
	long := strings.Repeat("x", 20001)
	for _, tc := range []struct {
		name   string
		body   string
		user   *schakel.User
		status int
		fields []string
	}{
		{"nothing", `{}`, e.prof, 400, []string{"organisatie", "titel", "situatie", "bedoeling", "knelpunt", "regels"}},
		{"bad rule, unknown principle, long text", `{"organisatie": "uwv", "titel": "x", "situatie": "` + long + `", "bedoeling": "x", "knelpunt": "x",
			"regels": ["artikel 76 Wet op de vliegende schotels"], "beginselen": ["bestaat-niet", "evenredigheid", "evenredigheid"], "partijen": [""]}`, e.prof, 400,
			[]string{"situatie", "regels[0]", "beginselen[0]", "beginselen[2]", "partijen[0]"}},
		{"wrong types with the rest", `{"organisatie": "uwv", "titel": 3, "regels": "x", "extra": 1}`, e.prof, 400,
			[]string{"titel", "regels", "extra", "situatie", "bedoeling", "knelpunt"}},
		{"another organisation", strings.Replace(wiaCase, `"uwv"`, `"svb"`, 1), e.prof, 403, nil},
		{"no login", wiaCase, nil, 401, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, e.do("POST", "/api/v1/casussen", tc.body, tc.user), tc.status, tc.fields...)
		})
	}
	if _, n, err := e.st.Cases(t.Context(), schakel.CaseFilter{}); err != nil || n != 0 {
		t.Fatalf("%d cases stored by bad input (%v)", n, err)
	}
}

// TestCaseSimilarAndProposal: five similar fixes within 90 days propose a
// solve; a similar case decided otherwise is named in the warning.
func TestCaseSimilarAndProposal(t *testing.T) {
	e := newBrakeEnv(t)
	board := e.boardOf()
	decideAndPublish := func(outcome string) int64 {
		t.Helper()
		c := e.caseStep("POST", "/api/v1/casussen", wiaCase, e.prof, 201)
		path := fmt.Sprintf("/api/v1/casussen/%d", c.ID)
		body := `{"uitkomst": "maatwerk", "grondslag": "awb-4:84", "grondslagToelichting": "x", "afwegingen": [{"beginsel": "evenredigheid", "hoe": "Onevenredig."}], "uitleg": "U hoeft niet terug te betalen."}`
		if outcome == "gezagsvol-nee" {
			body = `{"uitkomst": "gezagsvol-nee", "grondslag": "beginsel", "grondslagToelichting": "x", "afwegingen": [{"beginsel": "evenredigheid", "hoe": "Evenredig."}], "uitleg": "U moet terugbetalen."}`
		}
		e.caseStep("POST", path+"/besluiten", body, e.coord, 200)
		if rec := e.do("POST", path+"/publicaties", `{`+confirmed+`}`, board); rec.Code != http.StatusCreated {
			t.Fatalf("publish: %d %s", rec.Code, rec.Body)
		}
		e.clock.Advance(24 * time.Hour)
		return c.ID
	}
	for range 4 {
		decideAndPublish("maatwerk")
	}
	no := decideAndPublish("gezagsvol-nee")
	c := e.caseStep("POST", "/api/v1/casussen", wiaCase, e.prof, 201)
	similar := func() api.SimilarResult {
		return decodeJSON[api.SimilarResult](t, e.do("GET", fmt.Sprintf("/api/v1/casussen/%d/vergelijkbaar", c.ID), "", e.prof).Body.Bytes())
	}
	res := similar()
	if len(res.Similar) != 5 || !res.Divergent || res.Proposal != nil {
		t.Fatalf("before deciding: %d similar, divergent %v, proposal %+v", len(res.Similar), res.Divergent, res.Proposal)
	}
	e.caseStep("POST", fmt.Sprintf("/api/v1/casussen/%d/besluiten", c.ID), `{"uitkomst": "maatwerk", "grondslag": "awb-4:84", "grondslagToelichting": "x",
		"afwegingen": [{"beginsel": "evenredigheid", "hoe": "Onevenredig."}], "uitleg": "U hoeft niet terug te betalen."}`, e.coord, 200)
	res = similar()
	if len(res.Inconsistent) != 1 || res.Inconsistent[0].ID != no {
		t.Fatalf("warning names %+v, want case %d", res.Inconsistent, no)
	}
	if res.Proposal == nil || res.Proposal.Count != 5 {
		t.Fatalf("proposal %+v, want 5 similar fixes (4 published and this one)", res.Proposal)
	}
	// A text being written is compared too, without logging in.
	cmp := decodeJSON[api.SimilarResult](t, e.do("POST", "/api/v1/casusprudentie/vergelijkingen",
		`{"tekst": "voorschot terugbetalen", "regels": ["jci1.3:c:BWBR0019057&artikel=76"], "beginselen": ["evenredigheid"]}`, nil).Body.Bytes())
	if len(cmp.Similar) != 5 {
		t.Fatalf("comparison: %d similar", len(cmp.Similar))
	}
}
