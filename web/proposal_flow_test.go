package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
)

// TestAssessmentFlowThroughPages takes a proposal through the pages:
// registered, assessments asked of UWV and Eindhoven, each delivered by
// its board, answered item by item by the minister, signed by the
// secretary-general, sent to parliament and entered into force, with the
// refusals on the way: a step while an assessment or answer is missing,
// an unanswered item, the same answer twice, an unsigned proposal.
func TestAssessmentFlowThroughPages(t *testing.T) {
	onAssessmentBackends(t, func(t *testing.T, e *assessmentEnv) {
		// UWV signalled on the article already: a knelpunt sent to the
		// ministry (public) and one still in its own team (not public).
		sent := e.adopted("Terugvordering van het WIA-voorschot na een te laat besluit", wia76)
		e.sendLetter()
		own := e.fileAs("uwv-professional", signalInput("Voorschot WIA bij herbeoordeling", wia76)).Knelpunt

		officer, sg, minister := e.as("szw-beleid"), e.as("szw-sg"), e.as("szw-minister")
		uwvBoard, ehvBoard := e.as("uwv-bestuur"), e.as("eindhoven-bestuur")
		id := e.register(officer, validProposal(nil))
		pPath := proposalPath(id)
		e.clock.Advance(time.Hour)

		// Asking for assessments: none chosen, or a ministry, is refused.
		r := e.post(officer, pPath+"/toetsaanvraag", url.Values{})
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "organisaties")
		r = e.post(officer, pPath+"/toetsaanvraag", url.Values{"organisaties": {"uwv", "min-jenv"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "organisaties")
		wantContains(t, r, ".error-summary", "voert geen wetten uit")
		wantSelector(t, r, `#organisatie-uwv[checked]`)
		if p := e.proposal(id); p.State != schakel.ProposalRegistered {
			t.Fatalf("a refused request moved the proposal to %s", p.State)
		}
		r = e.post(officer, pPath+"/toetsaanvraag", url.Values{"organisaties": {"uwv", "gemeente-eindhoven"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantLocation(t, r, pPath+"?gedaan=gevraagd")
		v, err := e.svc().Get(context.Background(), nil, id)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		for _, av := range v.Assessments {
			ids[av.Organisation.Code] = av.Assessment.ID
		}
		uwvPath, ehvPath := assessmentPath(ids["uwv"]), assessmentPath(ids["gemeente-eindhoven"])
		r = e.get(officer, pPath)
		wantNoSelector(t, r, `#organisatie-uwv`)
		wantSelector(t, r, `#organisatie-svb`)
		wantCount(t, r, "section.assessment", 2)

		// Nothing delivered: neither signing nor sending.
		r = e.post(officer, pPath+"/verzending", nil)
		wantStatus(t, r, http.StatusConflict)
		checkPage(t, r, "nl")
		wantCount(t, r, ".conflict-missing li", 3)
		wantContains(t, r, ".conflict-missing", "UWV heeft de toets nog niet uitgebracht")
		wantContains(t, r, ".conflict-missing", "De secretaris-generaal heeft nog niet getekend")
		r = e.post(sg, pPath+"/handtekening", url.Values{"verklaring": {"Ik teken: de uitvoering is haalbaar met deze toetsen."}})
		wantStatus(t, r, http.StatusConflict)
		wantCount(t, r, ".conflict-missing li", 2)
		if got, _ := r.Doc(t).Find("#verklaring").Html(); !strings.Contains(got, "Ik teken") {
			t.Errorf("the statement is not shown again after the conflict: %q", got)
		}

		// UWV's board finds the request in its inbox and is sent to the
		// assessment to deliver it there.
		r = e.get(uwvBoard, "/verzoeken/"+strconv.FormatInt(e.assessment(ids["uwv"]).RequestID, 10))
		wantStatus(t, r, http.StatusOK)
		wantSelector(t, r, `.assessment-link a[href="`+uwvPath+`"]`)
		wantNoSelector(t, r, `input[name="soort"][value="comply"]`)
		wantNoSelector(t, r, `input[name="soort"][value="explain"]`)
		r = e.post(uwvBoard, uwvPath+"/oordeel", validDelivery(nil))
		wantStatus(t, r, http.StatusSeeOther)
		wantLocation(t, r, uwvPath+"?gedaan=uitgebracht")
		r = e.get(uwvBoard, uwvPath+"?gedaan=uitgebracht")
		wantSelector(t, r, ".notice--ok")
		wantNoSelector(t, r, "form.deliver")
		a := e.assessment(ids["uwv"])
		if a.CostOnce != 1_250_000_00 || a.CostYearly != 250_000_50 || a.FTEOnce != 25 || a.FTEYearly != 120 || len(a.Effects) != 2 || len(a.Conditions) != 2 || len(a.Conflicts) != 2 || len(a.Dilemmas) != 1 {
			t.Errorf("delivered %+v", a)
		}
		r = e.post(uwvBoard, uwvPath+"/oordeel", validDelivery(nil))
		wantStatus(t, r, http.StatusConflict)
		wantSelector(t, r, ".conflict")
		e.clock.Advance(time.Hour)

		// The minister answers item by item; the toetsreactie request
		// sends there too.
		r = e.get(minister, "/verzoeken/"+strconv.FormatInt(a.AnswerRequestID, 10))
		wantSelector(t, r, `.assessment-link a[href="`+uwvPath+`"]`)
		r = e.get(minister, pPath)
		wantSelector(t, r, `a.act-answer[href="`+uwvPath+`#beantwoorden"]`)
		wantNoSelector(t, r, "a.act-deliver")
		r = e.get(minister, uwvPath)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		for _, it := range a.Items() {
			wantSelector(t, r, `fieldset.answer-item[data-item="`+it.Principle+`"] textarea[name="antwoorden.`+it.Principle+`"]`)
			wantSelector(t, r, `fieldset.answer-item[data-item="`+it.Principle+`"] input[type="radio"][name="aanvaard.`+it.Principle+`"][value="nee"]`)
		}
		// One item unanswered, one the same as another, one not chosen.
		r = e.post(minister, uwvPath+"/antwoord", answerForm(a, func(v url.Values) {
			v.Del("antwoorden.voorwaarde-1")
			v.Set("antwoorden.waarde-evenredigheid", v.Get("antwoorden.oordeel"))
			v.Del("aanvaard.voorwaarde-2")
		}))
		wantStatus(t, r, http.StatusBadRequest)
		checkPage(t, r, "nl")
		wantErrorsAt(t, r, "antwoorden-voorwaarde-1", "antwoorden-waarde-evenredigheid", "aanvaard-voorwaarde-2-ja")
		wantContains(t, r, "#antwoorden-waarde-evenredigheid-fout", "hetzelfde als dat op")
		wantSelector(t, r, `fieldset.answer-item[data-item="voorwaarde-2"] .utrecht-form-field-error-message`)
		if got := e.assessment(a.ID).State; got != schakel.AssessmentDelivered {
			t.Fatalf("a refused answer left the assessment %s", got)
		}
		r = e.post(minister, uwvPath+"/antwoord", answerForm(a, func(v url.Values) {
			v.Set("aanvaard.voorwaarde-1", acceptNo)
			v.Set("antwoorden.voorwaarde-1", "Dat betaalt UWV uit de middelen die het voor vernieuwing van de systemen al heeft.")
		}))
		wantStatus(t, r, http.StatusSeeOther)
		wantLocation(t, r, uwvPath+"?gedaan=beantwoord")

		// Eindhoven's answer is still missing.
		r = e.post(officer, pPath+"/verzending", nil)
		wantStatus(t, r, http.StatusConflict)
		wantCount(t, r, ".conflict-missing li", 2)
		wantContains(t, r, ".conflict-missing", "Gemeente Eindhoven")
		r = e.post(ehvBoard, ehvPath+"/oordeel", url.Values{"oordeel": {"uitvoerbaar"}, "start": {"2026-06-01"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = e.post(minister, ehvPath+"/antwoord", url.Values{"aanvaard.oordeel": {"ja"}, "antwoorden.oordeel": {"Fijn dat de gemeente het zonder extra middelen kan uitvoeren."}})
		wantStatus(t, r, http.StatusSeeOther)
		e.clock.Advance(time.Hour)

		// Unsigned: still not to parliament.
		r = e.post(officer, pPath+"/verzending", nil)
		wantStatus(t, r, http.StatusConflict)
		wantCount(t, r, ".conflict-missing li", 1)
		wantContains(t, r, ".conflict-missing", "De secretaris-generaal heeft nog niet getekend voor de uitvoering.")
		r = e.get(sg, pPath)
		wantSelector(t, r, `form[action="`+pPath+`/handtekening"]`)
		r = e.post(sg, pPath+"/handtekening", url.Values{"verklaring": {"Ja."}})
		wantStatus(t, r, http.StatusBadRequest)
		wantErrorsAt(t, r, "verklaring")
		r = e.post(sg, pPath+"/handtekening", url.Values{"verklaring": {"Ik teken: de uitvoering is haalbaar met deze toetsen en antwoorden."}})
		wantStatus(t, r, http.StatusSeeOther)
		wantLocation(t, r, pPath+"?gedaan=getekend")
		e.clock.Advance(time.Hour)
		r = e.post(officer, pPath+"/verzending", nil)
		wantStatus(t, r, http.StatusSeeOther)
		wantLocation(t, r, pPath+"?gedaan=verstuurd")

		// What parliament reads.
		r = e.get(e.client(), pPath)
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, "nl")
		wantContains(t, r, ".state", "naar het parlement")
		wantContains(t, r, ".signature", "Getekend door de secretaris-generaal van Ministerie van Sociale Zaken en Werkgelegenheid op 2 maart 2026. De handtekening dekt 2 uitvoeringstoetsen, met de antwoorden van de minister.")
		wantContains(t, r, ".signature .statement", "de uitvoering is haalbaar")
		wantNoSelector(t, r, "#ontbreekt")
		uwv := `section.assessment[data-id="` + strconv.FormatInt(a.ID, 10) + `"]`
		wantContains(t, r, uwv+" .verdict", "uitvoerbaar onder voorwaarden")
		wantContains(t, r, uwv+" .cost-once", "€ 1.250.000 · 2,5 fte")
		wantContains(t, r, uwv+" .cost-yearly", "€ 250.000,50 · 12 fte")
		wantContains(t, r, uwv+" .term--assess", "op tijd")
		wantContains(t, r, uwv+` table[data-item="voorwaarde-1"] .says`, "Het ministerie betaalt de aanpassing van de systemen.")
		wantContains(t, r, uwv+` table[data-item="voorwaarde-1"] .answer`, "niet aanvaard")
		wantContains(t, r, uwv+` table[data-item="voorwaarde-1"] .answer`, "Dat betaalt UWV uit de middelen")
		wantContains(t, r, uwv+` table[data-item="waarde-rechtszekerheid"] .answer`, "aanvaard")
		wantCount(t, r, uwv+" table.side-by-side", 5)
		wantCount(t, r, uwv+" .effects li", 2)
		wantSelector(t, r, uwv+` .attached-knelpunten a[href="`+knelpuntPath(sent.ID)+`"]`)
		wantNoSelector(t, r, uwv+` .attached-knelpunten a[href="`+knelpuntPath(own.ID)+`"]`)
		wantContains(t, r, ".proposal-figures", "al 2 signalen van 1 organisatie, in 2 knelpunten.")
		wantNoSelector(t, r, ".since")
		wantCount(t, r, ".timeline__event", 12)
		wantText(t, r, ".timeline__event:first-child .timeline__title", "Voorstel geregistreerd")
		wantContains(t, r, ".timeline", "Naar het parlement gestuurd")
		// UWV's members see their own knelpunt attached too.
		r = e.get(e.as("uwv-professional"), pPath)
		wantSelector(t, r, uwv+` .attached-knelpunten a[href="`+knelpuntPath(own.ID)+`"]`)

		// Sending twice is a conflict; then the entry into force.
		r = e.post(officer, pPath+"/verzending", nil)
		wantStatus(t, r, http.StatusConflict)
		for _, day := range []string{"2026-13-01", "2026-12-01", ""} {
			r = e.post(officer, pPath+"/inwerkingtreding", url.Values{"datum": {day}})
			wantStatus(t, r, http.StatusBadRequest)
			wantErrorsAt(t, r, "datum")
		}
		e.clock.Advance(72 * time.Hour)
		r = e.post(officer, pPath+"/inwerkingtreding", url.Values{"datum": {"2026-03-05"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantLocation(t, r, pPath+"?gedaan=inwerking")
		e.clock.Advance(time.Hour)
		e.fileAs("uwv-professional", signalInput("Voorschot wordt alsnog teruggevorderd", wia76))
		r = e.get(e.client(), pPath)
		wantContains(t, r, ".in-force", "donderdag 5 maart 2026")
		wantContains(t, r, ".since", "Sinds de inwerkingtreding: 1 signaal.")
		wantNoSelector(t, r, "#handelingen")
		r = e.get(officer, pPath)
		wantNoSelector(t, r, "main form")
	})
}

// wantCount checks that n elements match sel.
func wantCount(t *testing.T, r *response, sel string, n int) {
	t.Helper()
	if got := r.Count(t, sel); got != n {
		t.Errorf("%d elements match %s, want %d: %s", got, sel, n, r.Text(t, sel))
	}
}
