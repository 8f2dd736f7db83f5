package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
)

// TestErasurePage: an administrator erases the texts of a decided case on
// a data subject's request; the form names what is wrong, refuses a case
// still in deliberation, and is closed to anyone else; the log holds none
// of the texts.
func TestErasurePage(t *testing.T) {
	e := newCaseEnv(t)
	const situation = "Mevrouw Yara Haddad uit Oisterwijk kreeg een voorschot."
	in := cases.SubmitInput{Organisation: "uwv", Title: "Voorschot van mevrouw Haddad", Situation: situation, Parties: []string{"Yara Haddad"},
		RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Intent: "Het voorschot overbrugt de tijd.", Harm: "Zij raakt in de schulden.",
		Principles: []string{"evenredigheid"}}
	c := e.submitAs("uwv-professional", in)
	e.decideAs("uwv-coordinator", c.ID, cases.DecideInput{Outcome: schakel.OutcomeMaatwerk, LegalGround: "awb-4:84", LegalGroundText: "x",
		Weighings: []schakel.Weighing{{Principle: "evenredigheid", How: "Onevenredig voor mevrouw Haddad."}}, Explanation: "U hoeft niet te betalen."})
	open := e.submitAs("uwv-professional", in)
	admin := e.as("uwv-beheerder")

	wantStatus(t, e.get(e.as("uwv-professional"), "/beheer/wissen"), http.StatusForbidden)
	r := e.get(admin, "/beheer/wissen")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	for _, sel := range []string{`form.erase-form select#soort option[value="casus"]`, `form.erase-form input#id`, `form.erase-form textarea#reden`} {
		wantSelector(t, r, sel)
	}
	r = e.post(admin, "/beheer/wissen", url.Values{"soort": {"iets"}, "id": {"x"}, "reden": {""}})
	wantStatus(t, r, 400)
	wantErrorsAt(t, r, "soort", "id", "reden")
	wantStatus(t, e.post(admin, "/beheer/wissen", url.Values{"soort": {"casus"}, "id": {itoa(open.ID)}, "reden": {"Verzoek van de betrokkene."}}), http.StatusConflict)
	r = e.post(admin, "/beheer/wissen", url.Values{"soort": {"casus"}, "id": {itoa(c.ID)}, "reden": {"Verzoek van de betrokkene."}})
	wantStatus(t, r, 200)
	wantContains(t, r, ".erased", "gewist")
	r = e.get(e.as("uwv-coordinator"), casePath(c.ID))
	if strings.Contains(r.Body, "Haddad") || strings.Contains(r.Body, "Oisterwijk") {
		t.Error("the case page still shows the erased texts")
	}
	wantStatus(t, e.post(admin, "/beheer/wissen", url.Values{"soort": {"casus"}, "id": {itoa(c.ID)}, "reden": {"Nog eens."}}), http.StatusConflict)
	if logs := e.site.logs.String(); strings.Contains(logs, "Haddad") || strings.Contains(logs, "Oisterwijk") || strings.Contains(logs, "Verzoek van de betrokkene") {
		t.Errorf("the log holds personal texts or the reason:\n%s", logs)
	}
}
