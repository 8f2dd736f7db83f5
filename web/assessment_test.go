package web

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/schakel-nl/schakel"
)

// TestDeliveryFormShowsEveryInvalidField posts invalid assessments: every
// invalid field is named at once, at the row where it was typed, the form
// keeps what was entered, and nothing is stored.
func TestDeliveryFormShowsEveryInvalidField(t *testing.T) {
	onAssessmentBackends(t, func(t *testing.T, e *assessmentEnv) {
		_, as := e.registered("Geen terugvordering van het WIA-voorschot", "uwv")
		a := as["uwv"]
		path := assessmentPath(a.ID)
		board := e.as("uwv-bestuur")
		cases := []struct {
			name string
			form url.Values
			ids  []string
		}{
			{"everything wrong", url.Values{
				"kosten.eenmalig":        {"veel"},
				"kosten.fteEenmalig":     {"2,55"},
				"kosten.structureel":     {"-5"},
				"effecten[1].groep":      {"Ouderen"},
				"effecten[1].burgers":    {"heel veel"},
				"conflicten[2].beginsel": {"bestaat-niet"},
				"start":                  {"2026-13-01"},
			}, []string{"oordeel-uitvoerbaar", "kosten-eenmalig", "kosten-fteEenmalig", "kosten-structureel", "effecten-1-burgers", "effecten-1-richting",
				"effecten-1-toelichting", "conflicten-2-beginsel", "conflicten-2-reden", "start"}},
			{"under conditions without conditions", url.Values{"oordeel": {"uitvoerbaar-onder-voorwaarden"}, "kosten.eenmalig": {"1000"}},
				[]string{"kosten-drager", "voorwaarden-0", "start"}},
			{"not executable without alternatives", url.Values{"oordeel": {"niet-uitvoerbaar"}, "start": {"2026-06-01"}, "effecten[2].richting": {"zijwaarts"}},
				[]string{"effecten-2-groep", "effecten-2-richting", "effecten-2-toelichting", "alternatieven-0"}},
			{"a verdict that does not exist", url.Values{"oordeel": {"misschien"}, "start": {"2026-06-01"}}, []string{"oordeel-uitvoerbaar"}},
			{"a start in the past", validDelivery(func(v url.Values) { v.Set("start", "2026-01-05") }), []string{"start"}},
			{"the same value twice", validDelivery(func(v url.Values) { v.Set("conflicten[2].beginsel", "evenredigheid") }), []string{"conflicten-2-beginsel"}},
		}
		for _, tc := range cases {
			r := e.post(board, path+"/oordeel", tc.form)
			wantStatus(t, r, http.StatusBadRequest)
			checkPage(t, r, "nl")
			wantErrorsAt(t, r, tc.ids...)
			for k, v := range tc.form {
				if id := fieldID(k); r.Count(t, "input#"+id) > 0 {
					if got, _ := r.Doc(t).Find("input#" + id).Attr("value"); got != v[0] {
						t.Errorf("%s: %s shows %q, want %q", tc.name, k, got, v[0])
					}
				}
			}
			if got := e.assessment(a.ID).State; got != schakel.AssessmentRequested {
				t.Fatalf("%s: the assessment is %s", tc.name, got)
			}
		}
		wantSelector(t, e.get(board, path), "form.deliver")
	})
}

// TestAnswerFormRefusals checks the minister's answer form for what a
// browser cannot send but a forged form can: an item the assessment does
// not have and an acceptance that is neither yes nor no.
func TestAnswerFormRefusals(t *testing.T) {
	onAssessmentBackends(t, func(t *testing.T, e *assessmentEnv) {
		_, as := e.registered("Geen terugvordering van het WIA-voorschot", "gemeente-eindhoven")
		a := e.deliverAs("eindhoven-bestuur", as["gemeente-eindhoven"].ID, deliverInput())
		path := assessmentPath(a.ID)
		minister := e.as("szw-minister")
		r := e.post(minister, path+"/antwoord", answerForm(a, func(v url.Values) {
			v.Set("antwoorden.voorwaarde-9", "Een antwoord op een voorwaarde die niet bestaat.")
			v.Set("aanvaard.oordeel", "misschien")
			v.Set("antwoorden.voorwaarde-2", "Te kort.")
		}))
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "aanvaard-oordeel-ja", "antwoorden-oordeel", "antwoorden-voorwaarde-2")
		wantContains(t, r, "#antwoorden-oordeel-fout", "voorwaarde-9")
		wantSelector(t, r, "#aanvaard-voorwaarde-1-ja[checked]")
		wantNoSelector(t, r, "#aanvaard-oordeel-ja[checked], #aanvaard-oordeel-nee[checked]")
		if got := e.assessment(a.ID); got.State != schakel.AssessmentDelivered || len(got.Answers) != 0 {
			t.Fatalf("a refused answer stored %s with %d answers", got.State, len(got.Answers))
		}
		// Answered: the form is gone, the answers stand next to the items.
		wantStatus(t, e.post(minister, path+"/antwoord", answerForm(a, nil)), http.StatusSeeOther)
		r = e.get(minister, path+"?gedaan=beantwoord")
		wantSelector(t, r, ".notice--ok")
		wantNoSelector(t, r, "form.answer-form")
		wantCount(t, r, "table.side-by-side .answer .accepted", len(a.Items()))
		r = e.post(minister, path+"/antwoord", answerForm(a, nil))
		wantStatus(t, r, http.StatusConflict)
		wantSelector(t, r, ".conflict")
	})
}
