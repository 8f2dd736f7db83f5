package api_test

import (
	"net/http"
	"testing"
	"time"
)

// TestRequestPartialAnswer: soort deels needs the done part (wijzigingen,
// uiterlijk) and the not-done part (a motivation per cited principle);
// every missing field is named at once, and the answer is shown with both
// parts and may be contested like an explain.
func TestRequestPartialAnswer(t *testing.T) {
	e, ps := newRequestEnv(t)
	r := e.create(complaintBody, e.prof)
	e.clock.Advance(7 * 24 * time.Hour) // 8 April 2026
	_, rec := e.step(r.ID, "antwoorden", `{"soort": "deels", "motiveringen": {"zorgvuldigheid": "Het gesprek komt er niet."}}`, ps.coord, http.StatusBadRequest)
	wantProblem(t, rec, http.StatusBadRequest, "wijzigingen", "uiterlijk", "motiveringen.legaliteit")
	_, rec = e.step(r.ID, "antwoorden", `{"soort": "deels", "wijzigingen": "x", "uiterlijk": "2026-13-01", "motiveringen": {"zorgvuldigheid": "a", "legaliteit": "b", "gelijkheid": "c"}}`, ps.coord, http.StatusBadRequest)
	wantProblem(t, rec, http.StatusBadRequest, "uiterlijk", "motiveringen.gelijkheid")
	r, _ = e.step(r.ID, "antwoorden", `{"soort": "deels", "wijzigingen": "We bieden een betalingsregeling aan.", "uiterlijk": "2026-06-01",
		"motiveringen": {"zorgvuldigheid": "Het dossier is wel gelezen.", "legaliteit": "Kwijtschelden kan niet: de wet verplicht terugvordering."}}`, ps.coord, http.StatusOK)
	if r.State != "beantwoord" || r.Answer != "deels" {
		t.Fatalf("after answering in part: %+v", r)
	}
	d := e.get(r.ID, e.prof)
	ans := d.History[len(d.History)-1]
	if ans.Answer != "deels" || ans.Changes != "We bieden een betalingsregeling aan." || ans.ByWhen != "2026-06-01" ||
		ans.Motivations["legaliteit"] != "Kwijtschelden kan niet: de wet verplicht terugvordering." {
		t.Errorf("answer event %+v", ans)
	}
	r, _ = e.step(r.ID, "betwistingen", `{"reden": "Kwijtschelden kan wel, met de hardheidsclausule."}`, e.prof, http.StatusOK)
	if r.State != "geescaleerd" || r.Rung != 1 || r.Answer != "" {
		t.Errorf("after contesting: %+v", r)
	}
}
