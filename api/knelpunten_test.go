package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/schakel-nl/schakel/api"
)

// TestKnelpuntMergeAndSplit: a coordinator merges an open knelpunt into
// another, whose totals then count every signal, and splits a signal off
// into a knelpunt of its own; a professional may do neither, and a merged
// knelpunt takes no signals any more.
func TestKnelpuntMergeAndSplit(t *testing.T) {
	onEveryBackend(t, func(t *testing.T, e *signalEnv) {
		a := e.file(wiaSignal, e.prof)
		b := e.file(wiaSimilar, e.prof)
		if a.Knelpunt.ID == b.Knelpunt.ID {
			t.Fatal("two new knelpunten expected")
		}
		into := fmt.Sprintf("/api/v1/knelpunten/%d", a.Knelpunt.ID)
		merge := fmt.Sprintf(`{"van": %d}`, b.Knelpunt.ID)
		wantProblem(t, e.do("POST", into+"/samenvoegingen", merge, e.prof), http.StatusForbidden)
		wantProblem(t, e.do("POST", into+"/samenvoegingen", fmt.Sprintf(`{"van": %d}`, a.Knelpunt.ID), e.coord), http.StatusBadRequest, "van")
		wantProblem(t, e.do("POST", into+"/samenvoegingen", `{"van": 999}`, e.coord), http.StatusBadRequest, "van")
		wantProblem(t, e.do("POST", into+"/samenvoegingen", `{"van": "x", "y": 1}`, e.coord), http.StatusBadRequest, "van", "y")
		k := signalStep[api.KnelpuntDetail](e, "POST", into+"/samenvoegingen", merge, e.coord, http.StatusOK)
		if k.ID != a.Knelpunt.ID || k.SignalCount != 2 || len(k.Signals) != 2 || k.Citizens != (api.Citizens{Low: 3000, High: 8000}) {
			t.Fatalf("merged: %+v", k)
		}
		if last := k.History[len(k.History)-1]; last.Type != "samengevoegd" || last.Other != b.Knelpunt.ID || last.By != e.coord.ID {
			t.Errorf("the merge in the history: %+v", last)
		}
		gone := signalStep[api.KnelpuntDetail](e, "GET", fmt.Sprintf("/api/v1/knelpunten/%d", b.Knelpunt.ID), "", e.prof, http.StatusOK)
		if gone.State != "samengevoegd" || gone.MergedInto != a.Knelpunt.ID || gone.SignalCount != 0 {
			t.Errorf("merged away: %+v", gone)
		}
		wantProblem(t, e.do("POST", "/api/v1/signalen", joining(otherLaw, b.Knelpunt.ID), e.prof), http.StatusConflict)
		moved := signalStep[api.SignalDetail](e, "GET", fmt.Sprintf("/api/v1/signalen/%d", b.Signal.ID), "", e.prof, http.StatusOK)
		if moved.Knelpunt != a.Knelpunt.ID || len(moved.History) != 2 || moved.History[1].Type != "verplaatst" || moved.History[1].From != b.Knelpunt.ID {
			t.Errorf("the moved signal: %+v", moved)
		}

		// Split the second signal off again, under a title with a name in it.
		wantProblem(t, e.do("POST", into+"/splitsingen", `{"signalen": [0, "x"], "titel": ""}`, e.coord), http.StatusBadRequest, "signalen[0]", "signalen[1]", "titel")
		split := fmt.Sprintf(`{"signalen": [%d], "titel": "Voorschotten van mevrouw Jansen"}`, b.Signal.ID)
		wantProblem(t, e.do("POST", into+"/splitsingen", split, e.prof), http.StatusForbidden)
		rec := e.do("POST", into+"/splitsingen", split, e.coord)
		if rec.Code != http.StatusCreated {
			t.Fatalf("split: %d %s", rec.Code, rec.Body)
		}
		nk := decodeJSON[api.KnelpuntDetail](t, rec.Body.Bytes())
		if rec.Header().Get("Location") != fmt.Sprintf("/api/v1/knelpunten/%d", nk.ID) || nk.SignalCount != 1 || nk.Signals[0].ID != b.Signal.ID || nk.State != "open" {
			t.Fatalf("split off: %+v (Location %q)", nk, rec.Header().Get("Location"))
		}
		if nk.Title == "Voorschotten van mevrouw Jansen" || nk.Title == "" {
			t.Errorf("the new title is not redacted: %q", nk.Title)
		}
		k = signalStep[api.KnelpuntDetail](e, "GET", into, "", e.coord, http.StatusOK)
		if k.SignalCount != 1 || k.Citizens.High != 5000 {
			t.Errorf("after the split: %+v", k)
		}
		// A signal that is not in the knelpunt cannot be split off it.
		wantProblem(t, e.do("POST", into+"/splitsingen", fmt.Sprintf(`{"signalen": [%d], "titel": "x"}`, b.Signal.ID), e.coord), http.StatusBadRequest, "signalen")
	})
}

// TestKnelpuntVisibility: before its board sends it, a knelpunt and its
// signals are uwv's alone — another organisation and the public do not
// find them, in a list or by id — and no one outside learns who filed.
func TestKnelpuntVisibility(t *testing.T) {
	onEveryBackend(t, func(t *testing.T, e *signalEnv) {
		f := e.file(wiaSignal, e.prof)
		kpath := fmt.Sprintf("/api/v1/knelpunten/%d", f.Knelpunt.ID)
		spath := fmt.Sprintf("/api/v1/signalen/%d", f.Signal.ID)
		wantProblem(t, e.do("GET", kpath, "", nil), http.StatusNotFound)
		wantProblem(t, e.do("GET", kpath, "", e.svbAdmin), http.StatusNotFound)
		wantProblem(t, e.do("GET", spath, "", e.svbAdmin), http.StatusNotFound)
		wantProblem(t, e.do("GET", spath, "", e.mp), http.StatusNotFound)
		wantProblem(t, e.do("GET", spath, "", nil), http.StatusUnauthorized)
		wantProblem(t, e.do("GET", "/api/v1/signalen?organisatie=uwv", "", e.svbAdmin), http.StatusForbidden)
		wantProblem(t, e.do("GET", "/api/v1/signalen", "", e.prof), http.StatusBadRequest, "organisatie")
		wantProblem(t, e.do("GET", "/api/v1/signalen?organisatie=nee&regel=x&knelpunt=-1&status=y&z=1", "", e.prof), http.StatusBadRequest,
			"organisatie", "regel", "knelpunt", "status", "z")
		wantProblem(t, e.do("POST", kpath+"/voorleggingen", "", e.svbAdmin), http.StatusNotFound)
		for _, u := range []string{"", "?organisatie=uwv"} {
			if p := signalStep[api.KnelpuntPage](e, "GET", "/api/v1/knelpunten"+u, "", e.svbAdmin, http.StatusOK); p.Total != 0 {
				t.Errorf("svb lists %+v", p)
			}
			if p := signalStep[api.KnelpuntPage](e, "GET", "/api/v1/knelpunten"+u, "", nil, http.StatusOK); p.Total != 0 {
				t.Errorf("the public lists %+v", p)
			}
		}
		own := signalStep[api.KnelpuntPage](e, "GET", "/api/v1/knelpunten?organisatie=uwv&status=open&niveau=team&regel=wet:BWBR0019057", "", e.admin, http.StatusOK)
		if own.Total != 1 || own.Results[0].ID != f.Knelpunt.ID {
			t.Errorf("uwv lists %+v", own)
		}
		sigs := signalStep[api.SignalPage](e, "GET", fmt.Sprintf("/api/v1/signalen?organisatie=uwv&knelpunt=%d&regel=artikel:BWBR0019057/76", f.Knelpunt.ID), "", e.admin, http.StatusOK)
		if sigs.Total != 1 || sigs.Results[0].FiledBy != e.prof.ID {
			t.Errorf("uwv's signals: %+v", sigs)
		}
		if none := signalStep[api.SignalPage](e, "GET", "/api/v1/signalen?organisatie=uwv&regel=wet:BWBR0015703", "", e.admin, http.StatusOK); none.Total != 0 {
			t.Errorf("signals on another law: %+v", none)
		}
		// The figures are public from the start and count without naming.
		laws := signalStep[api.FigurePage](e, "GET", "/api/v1/wetten", "", nil, http.StatusOK)
		if laws.Total != 1 || laws.Results[0].Signals != 1 || laws.Results[0].OpenAnswers != 0 {
			t.Errorf("laws: %+v", laws)
		}
		wantProblem(t, e.do("GET", "/api/v1/wetten/BWBR0015703", "", nil), http.StatusNotFound)
		wantProblem(t, e.do("GET", "/api/v1/wetten/wia", "", nil), http.StatusNotFound)
		law := signalStep[api.LawFigures](e, "GET", "/api/v1/wetten/BWBR0019057", "", nil, http.StatusOK)
		if law.KnelpuntenTotal != 0 || len(law.Knelpunten) != 0 || law.Law.Knelpunten != 1 {
			t.Errorf("the law shows an unsent knelpunt: %+v", law)
		}
		// Put to the team, the figures count an answer owed.
		signalStep[api.KnelpuntDetail](e, "POST", kpath+"/voorleggingen", "{}", e.prof, http.StatusOK)
		law = signalStep[api.LawFigures](e, "GET", "/api/v1/wetten/BWBR0019057", "", nil, http.StatusOK)
		if law.Law.OpenAnswers != 1 || !slices.ContainsFunc(law.Articles, func(f api.RuleFigure) bool { return f.OpenAnswers == 1 }) {
			t.Errorf("open answers: %+v", law)
		}
	})
}
