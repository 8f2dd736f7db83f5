package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/store/storetest"
)

// people are the users of the request tests, besides env's: the
// professional e.prof makes requests; coord and board answer for uwv;
// policy works at uwv's ministry; outsider works at svb and sees nothing of
// uwv's requests.
type people struct {
	coord, board, policy, outsider *schakel.User
}

// newRequestEnv is newEnv with the principle catalogue and the people.
func newRequestEnv(t *testing.T) (*env, people) {
	t.Helper()
	e := newEnv(t)
	e.seedPrinciples()
	return e, people{
		coord:    storetest.MustUser(t, e.st, "coordinator", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleCoordinator}),
		board:    storetest.MustUser(t, e.st, "bestuur", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard}),
		policy:   storetest.MustUser(t, e.st, "beleid", schakel.Membership{OrganisationID: e.minSZW.ID, Role: schakel.RolePolicy}),
		outsider: storetest.MustUser(t, e.st, "buitenstaander", schakel.Membership{OrganisationID: e.svb.ID, Role: schakel.RoleProfessional}),
	}
}

// Bodies of new requests: a general request to uwv's board (ladder: uwv
// board, then the ministry's policy officials) and a complaint to uwv's
// coordinator (ladder: coordinator, then the board).
const (
	generalBody   = `{"type": "verzoek", "onderwerp": "Terugvordering zonder hoorzitting", "toelichting": "Zie het dossier.", "gronden": [{"beginsel": "zorgvuldigheid", "toelichting": "Niemand is gehoord."}], "geadresseerde": {"organisatie": "uwv"}}`
	complaintBody = `{"type": "klacht", "onderwerp": "Bejegening", "gronden": [{"beginsel": "zorgvuldigheid", "toelichting": "Niet gehoord."}, {"beginsel": "legaliteit", "toelichting": "Geen grondslag."}], "geadresseerde": {"organisatie": "uwv"}}`
)

// create posts body as u and returns the new request.
func (e *env) create(body string, u *schakel.User) api.Request {
	e.t.Helper()
	rec := e.do("POST", "/api/v1/verantwoordingsverzoeken", body, u)
	if rec.Code != http.StatusCreated {
		e.t.Fatalf("create: status %d: %s", rec.Code, rec.Body)
	}
	var r api.Request
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		e.t.Fatal(err)
	}
	if loc := rec.Header().Get("Location"); loc != fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", r.ID) {
		e.t.Errorf("Location = %q for request %d", loc, r.ID)
	}
	return r
}

// step posts body to a sub-resource of request id as u and, for a 200,
// returns the request after it.
func (e *env) step(id int64, sub, body string, u *schakel.User, status int) (api.Request, *httptest.ResponseRecorder) {
	e.t.Helper()
	rec := e.do("POST", fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d/%s", id, sub), body, u)
	if rec.Code != status {
		e.t.Fatalf("%s on %d: status %d, want %d: %s", sub, id, rec.Code, status, rec.Body)
	}
	var r api.Request
	if status == http.StatusOK {
		if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
			e.t.Fatal(err)
		}
	}
	return r, rec
}

// get reads request id as u.
func (e *env) get(id int64, u *schakel.User) api.RequestDetail {
	e.t.Helper()
	rec := e.do("GET", fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", id), "", u)
	if rec.Code != http.StatusOK {
		e.t.Fatalf("get %d: status %d: %s", id, rec.Code, rec.Body)
	}
	var r api.RequestDetail
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		e.t.Fatal(err)
	}
	return r
}

// list reads a page of requests as u and returns their ids and the total.
func (e *env) list(query string, u *schakel.User) ([]int64, int) {
	e.t.Helper()
	rec := e.do("GET", "/api/v1/verantwoordingsverzoeken"+query, "", u)
	if rec.Code != http.StatusOK {
		e.t.Fatalf("list %s: status %d: %s", query, rec.Code, rec.Body)
	}
	var p api.RequestPage
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		e.t.Fatal(err)
	}
	ids := []int64{}
	for _, r := range p.Results {
		ids = append(ids, r.ID)
	}
	return ids, p.Total
}

func eventTypes(d api.RequestDetail) []string {
	var out []string
	for _, ev := range d.History {
		out = append(out, ev.Type)
	}
	return out
}

func TestTerm(t *testing.T) {
	e := newEnv(t)
	t.Run("the issue's example", func(t *testing.T) {
		rec := e.do("GET", "/api/v1/termijnen?startdatum=2026-04-01&duur=P6W", "", nil)
		wantJSON(t, rec, http.StatusOK, `{"startdatum": "2026-04-01", "duur": "P6W", "einddatum": "2026-05-13",
			"einde": "2026-05-13T22:00:00Z", "verlengd": false, "redenen": []}`)
	})
	t.Run("ends on Hemelvaartsdag", func(t *testing.T) {
		rec := e.do("GET", "/api/v1/termijnen?startdatum=2026-04-02&duur=p6w", "", nil)
		wantJSON(t, rec, http.StatusOK, `{"startdatum": "2026-04-02", "duur": "P6W", "einddatum": "2026-05-15",
			"einde": "2026-05-15T22:00:00Z", "verlengd": true,
			"redenen": ["eindigt op Hemelvaartsdag (donderdag 14 mei 2026), verlengd tot en met vrijdag 15 mei 2026 (art. 1 Atw)"]}`)
	})
	t.Run("the operator's equated day", func(t *testing.T) {
		prev := e.h.Calendar
		defer func() { e.h.Calendar = prev }()
		e.h.Calendar = calendar.New(calendar.EquatedDay{Date: calendar.MustParseDate("2026-05-15"), Name: "vrijdag na Hemelvaartsdag"})
		rec := e.do("GET", "/api/v1/termijnen?startdatum=2026-04-02&duur=P6W", "", nil)
		wantJSON(t, rec, http.StatusOK, `{"startdatum": "2026-04-02", "duur": "P6W", "einddatum": "2026-05-18",
			"einde": "2026-05-18T22:00:00Z", "verlengd": true,
			"redenen": ["eindigt op Hemelvaartsdag (donderdag 14 mei 2026), verlengd tot en met maandag 18 mei 2026 (art. 1 Atw)"]}`)
	})
	t.Run("weekend and winter time", func(t *testing.T) {
		// 14 days after Friday 4 December 2026 is Friday 18 December; a
		// month after 31 October is 30 November, a Monday; 2 weeks after
		// 5 December end on Saturday 19 December and run to Monday 21.
		rec := e.do("GET", "/api/v1/termijnen?startdatum=2026-12-05&duur=P2W", "", nil)
		wantJSON(t, rec, http.StatusOK, `{"startdatum": "2026-12-05", "duur": "P2W", "einddatum": "2026-12-21",
			"einde": "2026-12-21T23:00:00Z", "verlengd": true,
			"redenen": ["eindigt op zaterdag 19 december 2026, verlengd tot en met maandag 21 december 2026 (art. 1 Atw)"]}`)
		rec = e.do("GET", "/api/v1/termijnen?startdatum=2026-10-31&duur=P1M", "", nil)
		wantJSON(t, rec, http.StatusOK, `{"startdatum": "2026-10-31", "duur": "P1M", "einddatum": "2026-11-30",
			"einde": "2026-11-30T23:00:00Z", "verlengd": false, "redenen": []}`)
	})
	t.Run("working days", func(t *testing.T) {
		// After Wednesday 1 April 2026: Thursday 2, (Goede Vrijdag 3,
		// weekend, Tweede Paasdag 6) Tuesday 7, 8, 9, Friday 10 April.
		rec := e.do("GET", "/api/v1/termijnen?startdatum=2026-04-01&werkdagen=5", "", nil)
		wantJSON(t, rec, http.StatusOK, `{"startdatum": "2026-04-01", "werkdagen": 5, "einddatum": "2026-04-10",
			"einde": "2026-04-10T22:00:00Z", "verlengd": false, "redenen": []}`)
	})
	t.Run("bad input", func(t *testing.T) {
		for _, tc := range []struct {
			name, query string
			fields      []string
			reason      string // part of the first field's reason
		}{
			{"nothing", "", []string{"startdatum", "duur"}, "JJJJ-MM-DD"},
			{"no term", "startdatum=2026-04-01", []string{"duur"}, "P6W"},
			{"both terms", "startdatum=2026-04-01&duur=P6W&werkdagen=5", []string{"duur", "werkdagen"}, "niet allebei"},
			{"bad date", "startdatum=01-04-2026&duur=P6W", []string{"startdatum"}, "geen datum in de vorm JJJJ-MM-DD"},
			{"no such day", "startdatum=2026-02-29&duur=P6W", []string{"startdatum"}, "februari 2026 heeft 28 dagen"},
			{"year out of range", "startdatum=2201-01-01&duur=P6W", []string{"startdatum"}, "tussen 1900 en 2200"},
			{"years", "startdatum=2026-04-01&duur=P1Y", []string{"duur"}, "P12M"},
			{"hours", "startdatum=2026-04-01&duur=PT24H", []string{"duur"}, "uren"},
			{"mixed", "startdatum=2026-04-01&duur=P1W2D", []string{"duur"}, "één eenheid"},
			{"zero", "startdatum=2026-04-01&duur=P0D", []string{"duur"}, "minstens 1 dag"},
			{"negative", "startdatum=2026-04-01&duur=-P6W", []string{"duur"}, "negatief"},
			{"working days not a number", "startdatum=2026-04-01&werkdagen=vijf", []string{"werkdagen"}, "geheel aantal werkdagen"},
			{"zero working days", "startdatum=2026-04-01&werkdagen=0", []string{"werkdagen"}, "minstens 1 werkdag"},
			{"too many working days", "startdatum=2026-04-01&werkdagen=9999", []string{"werkdagen"}, "2610 werkdagen"},
			{"all at once", "startdatum=x&duur=P1,5W&einddatum=2026-05-13", []string{"einddatum", "startdatum", "duur"}, ""},
			{"repeated", "startdatum=2026-04-01&startdatum=2026-04-02&duur=P6W", []string{"startdatum"}, "hoogstens één keer"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := wantProblem(t, e.do("GET", "/api/v1/termijnen?"+tc.query, "", nil), http.StatusBadRequest, tc.fields...)
				if tc.reason != "" && !strings.Contains(p.InvalidParams[0].Reason, tc.reason) {
					t.Errorf("reason %q lacks %q", p.InvalidParams[0].Reason, tc.reason)
				}
			})
		}
		p := wantProblem(t, e.do("GET", "/api/v1/termijnen?startdatum=2026-04-01&duur=P1Y", "", nil), http.StatusBadRequest, "duur")
		if p.InvalidParams[0].Code != "years" {
			t.Errorf("code %q, want the calendar's code years", p.InvalidParams[0].Code)
		}
	})
}

func TestCreateListGetRequest(t *testing.T) {
	e, ps := newRequestEnv(t)
	rec := e.do("POST", "/api/v1/verantwoordingsverzoeken", complaintBody, e.prof)
	if rec.Header().Get("Location") != "/api/v1/verantwoordingsverzoeken/1" {
		t.Errorf("Location = %q", rec.Header().Get("Location"))
	}
	request := fmt.Sprintf(`{
		"id": 1, "type": "klacht", "onderwerp": "Bejegening", "toelichting": "",
		"gronden": [{"beginsel": "zorgvuldigheid", "toelichting": "Niet gehoord."}, {"beginsel": "legaliteit", "toelichting": "Geen grondslag."}],
		"urgent": false,
		"verzoeker": {"soort": "gebruiker", "gebruiker": %d},
		"ladder": [{"organisatie": "uwv", "rol": "coordinator"}, {"organisatie": "uwv", "rol": "bestuur"}],
		"trede": 0,
		"geadresseerde": {"organisatie": "uwv", "rol": "coordinator"},
		"status": "open",
		"antwoordUiterlijk": "2026-05-13", "antwoordDeadline": "2026-05-13T22:00:00Z",
		"verlopen": false, "verlengd": false, "betwist": false, "gemisteTermijnen": 0, "gemistOpHoogsteTrede": false, "laatBeantwoord": false,
		"versie": 1, "aangemaaktOp": "2026-04-01T09:00:00Z", "bijgewerktOp": "2026-04-01T09:00:00Z"`, e.prof.ID)
	wantJSON(t, rec, http.StatusCreated, request+"}")

	// A professional's brake needs an acknowledgement within 7 days, and is
	// urgent here: 5 working days.
	brake := e.create(`{"type": "noodrem-professional", "onderwerp": "Stop", "urgent": true, "gronden": [{"beginsel": "zorgvuldigheid", "toelichting": "x"}], "geadresseerde": {"organisatie": "uwv"}}`, e.prof)
	if brake.AckDue != "2026-04-08" || brake.AckDeadline != "2026-04-08T22:00:00Z" || brake.AnswerDue != "2026-04-10" || !brake.Urgent ||
		brake.Addressee != (api.Addressee{Organisation: "uwv", Role: "coordinator"}) || len(brake.Ladder) != 3 || brake.Ladder[2] != (api.Addressee{Organisation: "min-szw", Role: "beleid"}) {
		t.Errorf("brake: %+v", brake)
	}
	// The board of uwv asks its ministry, for uwv.
	board := storetest.MustUser(t, e.st, "bestuur-2", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleBoard})
	ret := e.create(`{"type": "noodrem-organisatie", "onderwerp": "Opdracht terug", "gronden": [{"beginsel": "legaliteit", "toelichting": "x"}], "geadresseerde": {"organisatie": "min-szw"}, "namens": "uwv"}`, board)
	if ret.Requester != (api.Party{Kind: "organisatie", User: board.ID, Organisation: "uwv"}) || ret.Addressee != (api.Addressee{Organisation: "min-szw", Role: "beleid"}) {
		t.Errorf("organisation's brake: %+v", ret)
	}
	general := e.create(`{"type": "verzoek", "onderwerp": "Vraag", "gronden": [{"beginsel": "zorgvuldigheid", "toelichting": "x"}], "geadresseerde": {"organisatie": "uwv", "rol": "coordinator"}}`, e.prof)
	if len(general.Ladder) != 3 || general.Addressee.Role != "coordinator" {
		t.Errorf("general with a role: %+v", general.Ladder)
	}

	t.Run("get with history", func(t *testing.T) {
		rec := e.do("GET", "/api/v1/verantwoordingsverzoeken/1", "", ps.coord)
		stripOpenings(t, rec) // random: checked there, and in TestOpeningsCheckTextsAgainstTheLog
		wantJSON(t, rec, http.StatusOK, request+fmt.Sprintf(`, "geschiedenis": [{"volgnummer": 1, "type": "aangemaakt", "op": "2026-04-01T09:00:00Z",
			"actor": {"soort": "gebruiker", "gebruiker": %d}, "status": "open", "trede": 0, "antwoordUiterlijk": "2026-05-13"}]}`, e.prof.ID))
	})

	t.Run("list", func(t *testing.T) {
		for _, tc := range []struct {
			name, query string
			u           *schakel.User
			ids         []int64
			total       int
		}{
			// The professional made 1, 2 and 4 and, as a member of uwv,
			// sees what uwv's board asked for uwv.
			{"requester sees own and its organisation's", "", e.prof, []int64{2, 1, 3, 4}, 4},
			{"coordinator sees uwv's", "", ps.coord, []int64{2, 1, 3, 4}, 4},
			{"ministry sees what reaches it on a ladder", "", ps.policy, []int64{2, 3, 4}, 3},
			{"outsider sees nothing", "", ps.outsider, []int64{}, 0},
			{"by addressee", "?geadresseerde=min-szw", ps.coord, []int64{3}, 1},
			{"by role", "?rol=coordinator", ps.coord, []int64{2, 1, 4}, 3},
			{"by addressee and role", "?geadresseerde=uwv&rol=bestuur", ps.coord, []int64{}, 0},
			{"by type", "?type=klacht", ps.coord, []int64{1}, 1},
			{"by state", "?status=open", ps.coord, []int64{2, 1, 3, 4}, 4},
			{"by state, none", "?status=beantwoord", ps.coord, []int64{}, 0},
			{"overdue", "?verlopen=true", ps.coord, []int64{}, 0},
			{"not overdue", "?verlopen=false", ps.coord, []int64{2, 1, 3, 4}, 4},
			{"paged", "?pagina=2&paginaGrootte=2", ps.coord, []int64{3, 4}, 4},
			{"paged, not overdue", "?verlopen=false&pagina=2&paginaGrootte=3", ps.coord, []int64{4}, 4},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ids, total := e.list(tc.query, tc.u)
				if fmt.Sprint(ids) != fmt.Sprint(tc.ids) || total != tc.total {
					t.Errorf("ids %v total %d, want %v total %d", ids, total, tc.ids, tc.total)
				}
			})
		}
	})

	t.Run("list, bad query", func(t *testing.T) {
		for _, tc := range []struct {
			name, query string
			fields      []string
		}{
			{"unknown addressee", "geadresseerde=nee", []string{"geadresseerde"}},
			{"bad role", "rol=baas", []string{"rol"}},
			{"bad state", "status=klaar", []string{"status"}},
			{"bad type", "type=brief", []string{"type"}},
			{"bad overdue", "verlopen=ja", []string{"verlopen"}},
			{"bad paging", "pagina=0&paginaGrootte=501", []string{"pagina", "paginaGrootte"}},
			{"unknown", "geadresseerd=uwv&status=open&status=open", []string{"geadresseerd", "status"}},
			{"all at once", "geadresseerde=nee&rol=x&status=x&type=x&verlopen=x&pagina=x&sort=x", []string{"geadresseerde", "rol", "status", "type", "verlopen", "pagina", "sort"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantProblem(t, e.do("GET", "/api/v1/verantwoordingsverzoeken?"+tc.query, "", ps.coord), http.StatusBadRequest, tc.fields...)
			})
		}
		wantProblem(t, e.do("GET", "/api/v1/verantwoordingsverzoeken?status=x", "", nil), http.StatusUnauthorized)
	})
}

func TestRequestComplyFlow(t *testing.T) {
	e, ps := newRequestEnv(t)
	r := e.create(generalBody, e.prof)
	if r.Addressee != (api.Addressee{Organisation: "uwv", Role: "bestuur"}) || len(r.Ladder) != 2 {
		t.Fatalf("addressee %+v ladder %+v", r.Addressee, r.Ladder)
	}
	e.clock.Advance(24 * time.Hour)
	// Only the addressee acknowledges; the requester may not.
	e.step(r.ID, "ontvangstbevestigingen", "", e.prof, http.StatusForbidden)
	r, _ = e.step(r.ID, "ontvangstbevestigingen", "", ps.board, http.StatusOK)
	if r.State != "ontvangen" || r.Version != 2 || r.UpdatedAt != "2026-04-02T09:00:00Z" {
		t.Errorf("after acknowledging: %+v", r)
	}
	e.step(r.ID, "ontvangstbevestigingen", "{}", ps.board, http.StatusConflict)
	r, _ = e.step(r.ID, "antwoorden", `{"soort": "comply", "wijzigingen": "We horen voortaan eerst.", "uiterlijk": "2026-06-01"}`, ps.board, http.StatusOK)
	if r.State != "beantwoord" || r.Answer != "comply" || r.AnsweredLate {
		t.Errorf("after answering: %+v", r)
	}
	// Answering an answered request is a conflict that names the state.
	_, rec := e.step(r.ID, "antwoorden", `{"soort": "comply", "wijzigingen": "Nog iets.", "uiterlijk": "2026-06-01"}`, ps.board, http.StatusConflict)
	if p := wantProblem(t, rec, http.StatusConflict); !strings.Contains(p.Detail, "beantwoord (comply)") {
		t.Errorf("conflict detail %q does not name the state", p.Detail)
	}
	e.step(r.ID, "afsluitingen", "", ps.board, http.StatusForbidden)
	r, _ = e.step(r.ID, "afsluitingen", `{"reden": "Dank."}`, e.prof, http.StatusOK)
	if r.State != "gesloten" || r.Version != 4 {
		t.Errorf("after closing: %+v", r)
	}
	e.step(r.ID, "intrekkingen", `{"reden": "Toch niet."}`, e.prof, http.StatusConflict)

	d := e.get(r.ID, ps.board)
	if got := eventTypes(d); fmt.Sprint(got) != "[aangemaakt ontvangst-bevestigd beantwoord gesloten]" {
		t.Errorf("history %v", got)
	}
	ans := d.History[2]
	if ans.Answer != "comply" || ans.Changes != "We horen voortaan eerst." || ans.ByWhen != "2026-06-01" ||
		ans.Actor != (api.Party{Kind: "gebruiker", User: ps.board.ID, Organisation: "uwv"}) || ans.State != "beantwoord" {
		t.Errorf("answer event %+v", ans)
	}
	if d.History[3].Reason != "Dank." || d.History[3].Actor.User != e.prof.ID {
		t.Errorf("close event %+v", d.History[3])
	}
}

func TestRequestExplainContestFlow(t *testing.T) {
	e, ps := newRequestEnv(t)
	r := e.create(complaintBody, e.prof)
	e.clock.Advance(7 * 24 * time.Hour) // 8 April 2026
	// The explain needs a motivation per cited principle.
	_, rec := e.step(r.ID, "antwoorden", `{"soort": "explain", "motiveringen": {"zorgvuldigheid": "Wel gehoord."}}`, ps.coord, http.StatusBadRequest)
	wantProblem(t, rec, http.StatusBadRequest, "motiveringen.legaliteit")
	r, _ = e.step(r.ID, "antwoorden", `{"soort": "explain", "motiveringen": {"zorgvuldigheid": "Wel gehoord.", "legaliteit": "Art. 4:57 Awb."}}`, ps.coord, http.StatusOK)
	if r.State != "beantwoord" || r.Answer != "explain" {
		t.Fatalf("after explaining: %+v", r)
	}
	// Only the requester contests.
	e.step(r.ID, "betwistingen", `{"reden": "Niet overtuigend."}`, ps.coord, http.StatusForbidden)
	r, _ = e.step(r.ID, "betwistingen", `{"reden": "Niet overtuigend."}`, e.prof, http.StatusOK)
	want := api.Addressee{Organisation: "uwv", Role: "bestuur"}
	// Six weeks from 8 April: 20 May 2026.
	if r.State != "geescaleerd" || r.Rung != 1 || r.Addressee != want || !r.Contested || r.Answer != "" ||
		r.AnswerDue != "2026-05-20" || r.AnswerDeadline != "2026-05-20T22:00:00Z" {
		t.Errorf("after contesting: %+v", r)
	}
	// The coordinator is no longer the addressee; the board is.
	e.step(r.ID, "antwoorden", `{"soort": "explain", "motiveringen": {"zorgvuldigheid": "x", "legaliteit": "y"}}`, ps.coord, http.StatusForbidden)
	r, _ = e.step(r.ID, "antwoorden", `{"soort": "explain", "motiveringen": {"zorgvuldigheid": "Bestuur: wel gehoord.", "legaliteit": "Bestuur: grondslag is er."}}`, ps.board, http.StatusOK)
	if r.State != "beantwoord" || r.Answer != "explain" || r.Rung != 1 {
		t.Errorf("after the board's answer: %+v", r)
	}
	// One contest only, and the board is the top of a complaint's ladder.
	_, rec = e.step(r.ID, "betwistingen", `{"reden": "Nog steeds niet."}`, e.prof, http.StatusConflict)
	wantProblem(t, rec, http.StatusConflict)

	d := e.get(r.ID, e.prof)
	if got := eventTypes(d); fmt.Sprint(got) != "[aangemaakt beantwoord betwist beantwoord]" {
		t.Errorf("history %v", got)
	}
	c := d.History[2]
	if c.Reason != "Niet overtuigend." || c.From == nil || *c.From != (api.Addressee{Organisation: "uwv", Role: "coordinator"}) ||
		c.To == nil || *c.To != want || c.AnswerDue != "2026-05-20" || c.State != "geescaleerd" || c.Rung != 1 {
		t.Errorf("contest event %+v", c)
	}
	if m := d.History[1].Motivations; m["legaliteit"] != "Art. 4:57 Awb." || len(m) != 2 {
		t.Errorf("explain motivations %v", m)
	}
}

func TestRequestExtendWithdraw(t *testing.T) {
	e, ps := newRequestEnv(t)
	r := e.create(generalBody, e.prof)
	// A general request may be extended by at most 4 weeks, by the addressee.
	_, rec := e.step(r.ID, "verlengingen", `{"termijn": "P5W", "reden": "Drukte."}`, ps.board, http.StatusBadRequest)
	if p := wantProblem(t, rec, http.StatusBadRequest, "termijn"); !strings.Contains(p.InvalidParams[0].Reason, "10 juni 2026") {
		t.Errorf("reason %q does not name the limit", p.InvalidParams[0].Reason)
	}
	e.step(r.ID, "verlengingen", `{"termijn": "P2W", "reden": "Drukte."}`, e.prof, http.StatusForbidden)
	r, _ = e.step(r.ID, "verlengingen", `{"termijn": "P2W", "reden": "Drukte."}`, ps.board, http.StatusOK)
	if !r.Extended || r.AnswerDue != "2026-05-27" || r.State != "open" {
		t.Errorf("after extending: %+v", r)
	}
	_, rec = e.step(r.ID, "verlengingen", `{"termijn": "P1W", "reden": "Nog meer drukte."}`, ps.board, http.StatusConflict)
	if p := wantProblem(t, rec, http.StatusConflict); !strings.Contains(p.Detail, "al eens verlengd") {
		t.Errorf("detail %q", p.Detail)
	}
	e.step(r.ID, "intrekkingen", `{"reden": "Opgelost."}`, ps.board, http.StatusForbidden)
	r, _ = e.step(r.ID, "intrekkingen", `{"reden": "Opgelost."}`, e.prof, http.StatusOK)
	if r.State != "ingetrokken" {
		t.Errorf("after withdrawing: %+v", r)
	}
	e.step(r.ID, "intrekkingen", `{"reden": "Opgelost."}`, e.prof, http.StatusConflict)
	e.step(r.ID, "antwoorden", `{"soort": "comply", "wijzigingen": "x", "uiterlijk": "2026-06-01"}`, ps.board, http.StatusConflict)
	d := e.get(r.ID, e.prof)
	if got := eventTypes(d); fmt.Sprint(got) != "[aangemaakt verlengd ingetrokken]" {
		t.Errorf("history %v", got)
	}
	if ext := d.History[1]; ext.Term != "P2W" || ext.AnswerDue != "2026-05-27" || ext.Reason != "Drukte." {
		t.Errorf("extension event %+v", ext)
	}
}

func TestRequestAccess(t *testing.T) {
	e, ps := newRequestEnv(t)
	r := e.create(generalBody, e.prof)
	path := fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d", r.ID)
	subs := []string{"ontvangstbevestigingen", "antwoorden", "betwistingen", "verlengingen", "intrekkingen", "afsluitingen"}

	t.Run("not logged in", func(t *testing.T) {
		wantProblem(t, e.do("GET", "/api/v1/verantwoordingsverzoeken", "", nil), http.StatusUnauthorized)
		wantProblem(t, e.do("GET", path, "", nil), http.StatusUnauthorized)
		wantProblem(t, e.do("POST", "/api/v1/verantwoordingsverzoeken", generalBody, nil), http.StatusUnauthorized)
		for _, sub := range subs {
			wantProblem(t, e.do("POST", path+"/"+sub, `{"reden": "x"}`, nil), http.StatusUnauthorized)
		}
	})
	t.Run("another organisation sees 404", func(t *testing.T) {
		a := wantProblem(t, e.do("GET", path, "", ps.outsider), http.StatusNotFound)
		b := wantProblem(t, e.do("GET", "/api/v1/verantwoordingsverzoeken/999", "", ps.outsider), http.StatusNotFound)
		if a.Title != b.Title {
			t.Errorf("hidden %q and missing %q differ", a.Title, b.Title)
		}
		for _, sub := range subs {
			// Also with a bad body: who may not see the request learns nothing from validation.
			wantProblem(t, e.do("POST", path+"/"+sub, `{"x": 1}`, ps.outsider), http.StatusNotFound)
		}
	})
	t.Run("bad ids are 404", func(t *testing.T) {
		for _, id := range []string{"999", "0", "-1", "abc", "01", "1.0", "99999999999999999999"} {
			wantProblem(t, e.do("GET", "/api/v1/verantwoordingsverzoeken/"+id, "", e.prof), http.StatusNotFound)
			wantProblem(t, e.do("POST", "/api/v1/verantwoordingsverzoeken/"+id+"/intrekkingen", `{"reden": "x"}`, e.prof), http.StatusNotFound)
		}
	})
	t.Run("forbidden", func(t *testing.T) {
		// The ministry sees the request (it is on the ladder) but is not
		// the addressee now, nor the requester.
		e.get(r.ID, ps.policy)
		for _, sub := range subs {
			_, rec := e.step(r.ID, sub, `{"reden": "x", "x": 1}`, ps.policy, http.StatusForbidden)
			wantProblem(t, rec, http.StatusForbidden)
		}
		// Requesting for an organisation needs its board or leadership.
		body := strings.Replace(generalBody, `"geadresseerde"`, `"namens": "uwv", "geadresseerde"`, 1)
		wantProblem(t, e.do("POST", "/api/v1/verantwoordingsverzoeken", body, e.prof), http.StatusForbidden)
	})
	if d := e.get(r.ID, e.prof); d.Version != 1 || len(d.History) != 1 {
		t.Errorf("refused steps changed the request: version %d, %d events", d.Version, len(d.History))
	}
}

// TestRequestBadInput sends each POST bodies with every kind of mistake and
// checks that the 400 names every invalid field by its JSON path and that
// nothing was stored.
func TestRequestBadInput(t *testing.T) {
	e, ps := newRequestEnv(t)
	r := e.create(complaintBody, e.prof)
	sub := func(s string) string { return fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d/%s", r.ID, s) }
	// answered is explained, so that it can be contested and closed.
	answered := e.create(complaintBody, e.prof)
	answered, _ = e.step(answered.ID, "antwoorden", `{"soort": "explain", "motiveringen": {"zorgvuldigheid": "x", "legaliteit": "y"}}`, ps.coord, http.StatusOK)
	subA := func(s string) string { return fmt.Sprintf("/api/v1/verantwoordingsverzoeken/%d/%s", answered.ID, s) }
	for _, tc := range []struct {
		name, path, body string
		u                *schakel.User
		fields           []string
	}{
		{"create, empty object", "/api/v1/verantwoordingsverzoeken", `{}`, e.prof, []string{"type", "onderwerp", "gronden", "geadresseerde"}},
		{"create, empty body", "/api/v1/verantwoordingsverzoeken", ``, e.prof, []string{"body"}},
		{"create, not JSON", "/api/v1/verantwoordingsverzoeken", `{"type":`, e.prof, []string{"body"}},
		{"create, unknown field only", "/api/v1/verantwoordingsverzoeken", strings.Replace(generalBody, `"type"`, `"extra": 1, "type"`, 1), e.prof, []string{"extra"}},
		{"create, wrong types", "/api/v1/verantwoordingsverzoeken",
			`{"type": 1, "onderwerp": true, "toelichting": [], "gronden": {}, "urgent": "ja", "geadresseerde": "uwv", "namens": 3}`, e.prof,
			[]string{"type", "onderwerp", "toelichting", "gronden", "urgent", "geadresseerde", "namens"}},
		{"create, addressee's organisation of the wrong type", "/api/v1/verantwoordingsverzoeken",
			strings.Replace(generalBody, `{"organisatie": "uwv"}`, `{"organisatie": 5}`, 1), e.prof, []string{"geadresseerde.organisatie"}},
		{"create, no urgency for a complaint", "/api/v1/verantwoordingsverzoeken",
			strings.Replace(complaintBody, `"type"`, `"urgent": true, "type"`, 1), e.prof, []string{"urgent"}},
		{"create, everything at once", "/api/v1/verantwoordingsverzoeken",
			`{"type": "brief", "onderwerp": " ", "gronden": [{"beginsel": "nee", "toelichting": ""}, {"beginsel": 1}, {"beginsel": "nee", "toelichting": "x"}], "geadresseerde": {"organisatie": "nee", "rol": "baas"}, "namens": "nee", "extra": 1}`, e.prof,
			[]string{"type", "onderwerp", "gronden[0].beginsel", "gronden[0].toelichting", "gronden[1].beginsel", "gronden[1].toelichting", "gronden[2].beginsel",
				"geadresseerde", "geadresseerde.rol", "namens", "extra"}},
		{"create, a brake at a ministry", "/api/v1/verantwoordingsverzoeken",
			`{"type": "noodrem-professional", "onderwerp": "x", "gronden": [{"beginsel": "zorgvuldigheid", "toelichting": "x"}], "geadresseerde": {"organisatie": "min-szw"}}`, e.prof, []string{"geadresseerde"}},
		{"create, retired or unknown principle", "/api/v1/verantwoordingsverzoeken",
			strings.Replace(generalBody, `"zorgvuldigheid"`, `"eerlijkheid"`, 1), e.prof, []string{"gronden[0].beginsel"}},

		{"acknowledge, unknown field", sub("ontvangstbevestigingen"), `{"reden": "x"}`, ps.coord, []string{"reden"}},
		{"acknowledge, not an object", sub("ontvangstbevestigingen"), `[]`, ps.coord, []string{"body"}},

		{"answer, empty", sub("antwoorden"), `{}`, ps.coord, []string{"soort"}},
		{"answer, bad kind", sub("antwoorden"), `{"soort": "misschien"}`, ps.coord, []string{"soort"}},
		{"comply, missing", sub("antwoorden"), `{"soort": "comply"}`, ps.coord, []string{"wijzigingen", "uiterlijk"}},
		{"comply, bad date", sub("antwoorden"), `{"soort": "comply", "wijzigingen": "x", "uiterlijk": "2026-13-01"}`, ps.coord, []string{"uiterlijk"}},
		{"comply, past date and motivations", sub("antwoorden"), `{"soort": "comply", "wijzigingen": "x", "uiterlijk": "2026-03-31", "motiveringen": {"zorgvuldigheid": "x"}}`, ps.coord, []string{"uiterlijk", "motiveringen"}},
		{"comply, wrong types", sub("antwoorden"), `{"soort": "comply", "wijzigingen": 1, "uiterlijk": 20260601, "motiveringen": "x"}`, ps.coord, []string{"wijzigingen", "uiterlijk", "motiveringen"}},
		{"comply, unknown field only", sub("antwoorden"), `{"soort": "comply", "wijzigingen": "x", "uiterlijk": "2026-06-01", "toelichting": "x"}`, ps.coord, []string{"toelichting"}},
		{"explain, missing motivations", sub("antwoorden"), `{"soort": "explain"}`, ps.coord, []string{"motiveringen.zorgvuldigheid", "motiveringen.legaliteit"}},
		{"explain, empty and uncited", sub("antwoorden"), `{"soort": "explain", "motiveringen": {"zorgvuldigheid": " ", "legaliteit": "x", "rechtsstaat": "x"}}`, ps.coord, []string{"motiveringen.zorgvuldigheid", "motiveringen.rechtsstaat"}},
		{"explain, with a date", sub("antwoorden"), `{"soort": "explain", "uiterlijk": "2026-06-01", "motiveringen": {"zorgvuldigheid": "x", "legaliteit": "x"}}`, ps.coord, []string{"uiterlijk"}},
		{"explain, with changes and a date", sub("antwoorden"), `{"soort": "explain", "wijzigingen": "x", "uiterlijk": "2026-06-01", "motiveringen": {"zorgvuldigheid": "x", "legaliteit": "x"}}`, ps.coord, []string{"wijzigingen", "uiterlijk"}},
		{"explain, motivation not text", sub("antwoorden"), `{"soort": "explain", "motiveringen": {"zorgvuldigheid": 1, "legaliteit": "x"}}`, ps.coord, []string{"motiveringen"}},

		{"contest, empty", subA("betwistingen"), `{}`, e.prof, []string{"reden"}},
		{"contest, unknown field only", subA("betwistingen"), `{"reden": "x", "naar": "min-szw"}`, e.prof, []string{"naar"}},
		{"extend, empty", sub("verlengingen"), `{}`, ps.coord, []string{"termijn", "reden"}},
		{"extend, years and no reason", sub("verlengingen"), `{"termijn": "P1Y", "reden": ""}`, ps.coord, []string{"termijn", "reden"}},
		{"extend, wrong types", sub("verlengingen"), `{"termijn": 14, "reden": ["x"]}`, ps.coord, []string{"termijn", "reden"}},
		{"extend, unknown field only", sub("verlengingen"), `{"termijn": "P1W", "reden": "x", "tot": "2026-06-01"}`, ps.coord, []string{"tot"}},
		{"withdraw, no reason", sub("intrekkingen"), `{"reden": ""}`, e.prof, []string{"reden"}},
		{"withdraw, unknown field only", sub("intrekkingen"), `{"reden": "x", "stil": true}`, e.prof, []string{"stil"}},
		{"close, reason not text", subA("afsluitingen"), `{"reden": 1}`, e.prof, []string{"reden"}},
		{"close, unknown field only", subA("afsluitingen"), `{"oordeel": "goed"}`, e.prof, []string{"oordeel"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, before, _ := e.st.Requests(t.Context(), schakel.RequestFilter{})
			rec := e.do("POST", tc.path, tc.body, tc.u)
			wantProblem(t, rec, http.StatusBadRequest, tc.fields...)
			if d := e.get(r.ID, e.prof); d.Version != 1 {
				t.Errorf("the request changed: version %d", d.Version)
			}
			if d := e.get(answered.ID, e.prof); d.Version != 2 {
				t.Errorf("the answered request changed: version %d", d.Version)
			}
			if _, after, _ := e.st.Requests(t.Context(), schakel.RequestFilter{}); after != before {
				t.Errorf("%d requests after a refused create, want %d", after, before)
			}
		})
	}
	// A step the state does not allow is a conflict even with a bad body:
	// the state is checked first.
	_, rec := e.step(r.ID, "betwistingen", `{}`, e.prof, http.StatusConflict)
	wantProblem(t, rec, http.StatusConflict)
}

// TestRequestDeadlineSweep moves the clock past the answer deadline: the
// request is overdue at once and escalates when the sweep runs.
func TestRequestDeadlineSweep(t *testing.T) {
	e, ps := newRequestEnv(t)
	r := e.create(complaintBody, e.prof)
	other := e.create(generalBody, e.prof)
	e.step(other.ID, "verlengingen", `{"termijn": "P1W", "reden": "Drukte."}`, ps.board, http.StatusOK)

	// One second before 14 May 2026 in Amsterdam the term still runs.
	e.clock.Set(time.Date(2026, 5, 13, 21, 59, 59, 0, time.UTC))
	if d := e.get(r.ID, e.prof); d.Overdue {
		t.Error("overdue before the deadline passed")
	}
	e.clock.Set(time.Date(2026, 5, 13, 22, 0, 0, 0, time.UTC))
	d := e.get(r.ID, e.prof)
	if !d.Overdue || d.State != "open" {
		t.Errorf("at the deadline: verlopen %v, status %s", d.Overdue, d.State)
	}
	if ids, total := e.list("?verlopen=true", ps.coord); fmt.Sprint(ids) != fmt.Sprint([]int64{r.ID}) || total != 1 {
		t.Errorf("verlopen=true: %v (%d)", ids, total)
	}
	if ids, total := e.list("?verlopen=false", ps.coord); fmt.Sprint(ids) != fmt.Sprint([]int64{other.ID}) || total != 1 {
		t.Errorf("verlopen=false: %v (%d)", ids, total)
	}

	sw := &jobs.Sweeper{Store: e.st, Engine: &comply.Engine{Calendar: calendar.New()}, Clock: e.clock}
	res, err := sw.SweepOnce(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if res.Escalated != 1 {
		t.Errorf("sweep: %+v, want one escalation", res)
	}
	d = e.get(r.ID, ps.board)
	// Escalated on Thursday 14 May (Amsterdam): six weeks later is 25 June.
	if d.State != "geescaleerd" || d.Rung != 1 || d.Addressee != (api.Addressee{Organisation: "uwv", Role: "bestuur"}) ||
		d.Overdue || d.MissedCount != 1 || d.AnswerDue != "2026-06-25" {
		t.Errorf("after the sweep: %+v", d.Request)
	}
	last := d.History[len(d.History)-1]
	if last.Type != "geescaleerd" || last.Actor != (api.Party{Kind: "systeem"}) || last.Missed != "antwoord" || last.To == nil || last.To.Role != "bestuur" {
		t.Errorf("escalation event %+v", last)
	}
	if ids, _ := e.list("?status=geescaleerd&geadresseerde=uwv&rol=bestuur", ps.board); fmt.Sprint(ids) != fmt.Sprint([]int64{r.ID}) {
		t.Errorf("board's escalated: %v", ids)
	}
	// The board answers within its own, fresh term: not late, though the
	// miss below it stays on record.
	r2, _ := e.step(r.ID, "antwoorden", `{"soort": "comply", "wijzigingen": "Excuses en een gesprek.", "uiterlijk": "2026-06-01"}`, ps.board, http.StatusOK)
	if r2.State != "beantwoord" || r2.AnsweredLate || r2.MissedCount != 1 {
		t.Errorf("after the board's answer: %+v", r2)
	}

	// At the top rung a missed deadline is recorded, not swallowed.
	e.clock.Set(time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC))
	if _, err := sw.SweepOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	o := e.get(other.ID, e.prof)
	if o.State != "geescaleerd" || o.Addressee != (api.Addressee{Organisation: "min-szw", Role: "beleid"}) || o.MissedCount != 1 {
		t.Errorf("other after sweep: %+v", o.Request)
	}
}

// TestRequestEventCoversEventData holds the API's event to every field of
// schakel.EventData, under the same JSON names.
func TestRequestEventCoversEventData(t *testing.T) {
	names := func(typ reflect.Type) []string {
		var out []string
		for i := 0; i < typ.NumField(); i++ {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			out = append(out, name)
		}
		return out
	}
	api := names(reflect.TypeFor[api.RequestEvent]())
	for _, n := range names(reflect.TypeFor[schakel.EventData]()) {
		if !slices.Contains(api, n) {
			t.Errorf("EventData field %q is not in api.RequestEvent", n)
		}
	}
}
