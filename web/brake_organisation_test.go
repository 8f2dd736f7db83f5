package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/requests"
)

func TestOrganisationBrake(t *testing.T) {
	e := newBrakeEnv(t)
	board := e.as("uwv-bestuur")
	r := e.get(board, "/noodrem/organisatie")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantSelector(t, r, `form[method="post"][action="/noodrem/organisatie"] select#organisatie option[value="uwv"][selected]`)
	wantNoSelector(t, r, `select#organisatie option[value="svb"]`)
	wantSelector(t, r, `textarea#betreft[required]`)
	wantSelector(t, r, `fieldset#gronden select#gronden-0-beginsel`)
	wantSelector(t, r, `fieldset#regels input#regels-0:not([required])`)
	wantContains(t, r, `tr.budget-row[data-organisatie="uwv"]`, "Ministerie van Sociale Zaken en Werkgelegenheid 2026 0 van 1 1")

	// Invalid input.
	r = e.post(board, "/noodrem/organisatie", validAssignment(func(v url.Values) {
		v.Set("betreft", " ")
		v.Set("gronden[0].beginsel", "")
		v.Set("gronden[0].toelichting", "")
	}))
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.error-summary a[href="#betreft"]`)
	wantSelector(t, r, `.error-summary a[href="#gronden-0-beginsel"]`)
	wantContains(t, r, "#betreft-fout", "Beschrijf de opdracht die u teruggeeft.")

	// Another organisation's assignment is not the board's to return.
	r = e.post(board, "/noodrem/organisatie", validAssignment(func(v url.Values) { v.Set("organisatie", "svb") }))
	wantStatus(t, r, http.StatusForbidden)
	checkPage(t, r, "nl")
	wantText(t, r, `.error-summary a[href="#organisatie"]`, "Welke organisatie geeft de opdracht terug?: Alleen het bestuur van de organisatie kan een opdracht teruggeven.")

	// Returned: the request's page, addressed to the ministry's policy.
	id := idFromLocation(t, e.post(board, "/noodrem/organisatie", validAssignment(nil)))
	r = e.get(board, requestPath(id))
	wantStatus(t, r, http.StatusOK)
	wantText(t, r, ".requester", "Marleen Visser, namens UWV")
	wantText(t, r, ".current-addressee", "Ministerie van Sociale Zaken en Werkgelegenheid, beleid")
	if n := r.Count(t, "ol.ladder li"); n != 3 {
		t.Errorf("%d rungs, want policy, minister and parliament", n)
	}

	// The budget is spent for the year: refused, saying when it renews.
	r = e.get(board, "/noodrem/organisatie")
	wantContains(t, r, `tr.budget-row[data-organisatie="uwv"] .available`, "op weer aangevuld op 1 januari 2027")
	r = e.post(board, "/noodrem/organisatie", validAssignment(func(v url.Values) { v.Set("onderwerp", "Een tweede opdracht") }))
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")
	wantText(t, r, `.brake-notice[role="alert"]`, "Het budget van 1 doorverwijzing(en) per jaar is voor 2026 op. Het wordt op 1 januari 2027 weer aangevuld; een doorverwijzing waarop het ministerie het verzoek volgt (comply), komt eerder terug.")
	wantSelector(t, r, `input#onderwerp[value="Een tweede opdracht"]`)
	if _, n, err := e.st.Brakes(context.Background(), schakel.BrakeFilter{Level: schakel.LevelOrganisation}); err != nil || n != 1 {
		t.Errorf("%d organisation brakes stored, want 1 (%v)", n, err)
	}
	en := e.as("uwv-bestuur")
	e.setLang(en, "en")
	r = e.post(en, "/noodrem/organisatie", validAssignment(nil))
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "en")
	wantText(t, r, ".brake-notice", "The budget of 1 referral(s) a year is spent for 2026. It is renewed on 1 January 2027; a referral the ministry complies with comes back sooner.")

	// A comply gives the referral back.
	e.answerAs("szw-beleid", id, schakel.Comply, "De opdracht wordt aangepast.")
	r = e.get(board, "/noodrem/organisatie")
	wantContains(t, r, `tr.budget-row[data-organisatie="uwv"]`, "0 van 1 1")
	idFromLocation(t, e.post(board, "/noodrem/organisatie", validAssignment(nil)))
}

func TestOrganisationBrakeOnlyForBoards(t *testing.T) {
	e := newBrakeEnv(t)
	for _, subject := range []string{"svb-professional", "szw-beleid", "uwv-coordinator"} {
		c := e.as(subject)
		r := e.get(c, "/noodrem/organisatie")
		wantStatus(t, r, http.StatusForbidden)
		checkPage(t, r, "nl")
		wantNoSelector(t, r, `form[action="/noodrem/organisatie"]`)
		wantSelector(t, r, ".empty-state")
	}
	// Posting anyway is refused, and nothing is stored.
	r := e.post(e.as("svb-professional"), "/noodrem/organisatie", validAssignment(nil))
	wantStatus(t, r, http.StatusForbidden)
	checkPage(t, r, "nl")
	if _, n, err := e.st.Brakes(context.Background(), schakel.BrakeFilter{}); err != nil || n != 0 {
		t.Errorf("%d brakes stored (%v)", n, err)
	}
	wantLocation(t, e.get(e.client(), "/noodrem/organisatie"), "/inloggen")
	wantLocation(t, e.post(e.client(), "/noodrem/organisatie", validAssignment(nil)), "/inloggen")
}

func TestParliamentView(t *testing.T) {
	e := newBrakeEnv(t)
	ctx := context.Background()
	board := e.as("uwv-bestuur")
	id := idFromLocation(t, e.post(board, "/noodrem/organisatie", validAssignment(nil)))

	// Open, the returned assignment is listed with the date its answer is
	// due (it used to be left out until answered).
	item := `article.parliament-item[data-id="` + itoa(id) + `"]`
	r := e.get(e.client(), "/parlement")
	wantStatus(t, r, http.StatusOK)
	wantSelector(t, r, item+" .due time")
	wantNoSelector(t, r, item+" .answer")

	// The policy directorate explains; the board contests; the minister
	// answers.
	e.answerAs("szw-beleid", id, schakel.Explain, "De beleidsdirectie ziet geen ruimte")
	r = e.get(e.client(), "/parlement")
	wantNoSelector(t, r, item+" .answer")
	if _, err := e.h.Requests.Contest(ctx, e.user("uwv-bestuur"), id, requests.StepInput{Reason: "Wij vragen de minister zelf."}); err != nil {
		t.Fatal(err)
	}
	e.answerAs("szw-minister", id, schakel.Explain, "De minister houdt vast aan de opdracht")

	for _, lang := range []string{"nl", "en"} {
		c := e.client()
		e.setLang(c, lang)
		r = e.get(c, "/parlement")
		wantStatus(t, r, http.StatusOK)
		checkPage(t, r, lang)
		wantNoSelector(t, r, item+" .due")
		wantContains(t, r, item+" h3", "UWV")
		wantText(t, r, item+" .from", "UWV")
		wantText(t, r, item+" .to", "Ministerie van Sociale Zaken en Werkgelegenheid")
		// Only the minister's answer is published; the board's own texts
		// stay with the organisation and the ministry.
		for _, text := range []string{"Handhavingsopdracht zonder ruimte voor maatwerk", "Opdrachtbrief handhaving 2026"} {
			if strings.Contains(r.Body, text) {
				t.Errorf("the view publishes the board's text %q", text)
			}
		}
		wantSelector(t, r, item+` .principles-list a[href="/beginselen#evenredigheid"]`)
		wantContains(t, r, item+" .motivation", "De minister houdt vast aan de opdracht (evenredigheid)")
		if strings.Contains(r.Body, "De beleidsdirectie ziet geen ruimte") {
			t.Error("the policy directorate's answer is shown as the minister's")
		}
		if strings.Contains(r.Body, e.user("szw-minister").Name) || strings.Contains(r.Body, e.user("uwv-bestuur").Name) {
			t.Error("the view names people")
		}
		wantSelector(t, r, item+` a[href="/noodremmen/`+itoa(id)+`"]`)
		if lang == "nl" {
			wantContains(t, r, item+" .answer h4", "Antwoord van het ministerie: explain: uitleg waarom niet")
			wantContains(t, r, item+" .answer", "Ministerie van Sociale Zaken en Werkgelegenheid, bewindspersoon")
			wantText(t, r, item+" .deadline", "geen termijn gemist")
		} else {
			wantContains(t, r, item+" .answer h4", "Answer of the ministry: explain")
			wantText(t, r, item+" .deadline", "no term missed")
		}
	}
}
