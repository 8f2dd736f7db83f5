package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cases"
)

// TestCorrectAndWithdrawPages: a coordinator corrects a publication (its
// public reason refused while it names a person) and then withdraws it;
// the public page shows the correction, then only the withdrawal with its
// reason and the digests; the register lists the change.
func TestCorrectAndWithdrawPages(t *testing.T) {
	e := newCaseEnv(t)
	in := cases.SubmitInput{Title: "Voorschot van een bakker", Situation: "De klant werkt als bakker en kreeg een voorschot.",
		RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Intent: "Het voorschot overbrugt de tijd.", Harm: "De klant raakt in de schulden.",
		Principles: []string{"evenredigheid"}}
	id := e.published(in, schakel.OutcomeMaatwerk)
	coord, prof, visitor := e.as("uwv-coordinator"), e.as("uwv-professional"), e.client()

	wantStatus(t, e.get(prof, casePath(id)+"/correctie"), http.StatusForbidden)
	wantStatus(t, e.post(prof, casePath(id)+"/publicatie-intrekking", url.Values{"intrekkingsreden": {"Herkenbaar."}}), http.StatusForbidden)
	r := e.get(coord, casePath(id))
	wantSelector(t, r, `.correct-link a[href="/casussen/`+itoa(id)+`/correctie"]`)
	r = e.get(coord, casePath(id)+"/correctie")
	wantStatus(t, r, 200)
	checkPage(t, r, "nl")
	for _, sel := range []string{`form.correct-form textarea#weglakken`, `form.correct-form textarea#reden`, `form.withdraw-form textarea#intrekkingsreden`} {
		wantSelector(t, r, sel)
	}

	// A public reason that names a person is refused at its field.
	r = e.post(coord, casePath(id)+"/correctie", url.Values{"weglakken": {"bakker"}, "reden": {"Jan Jansen uit Tilburg herkende zich."}})
	wantStatus(t, r, 400)
	wantErrorsAt(t, r, "reden")
	wantLocation(t, e.post(coord, casePath(id)+"/correctie", url.Values{"weglakken": {"bakker"}, "reden": {"Het beroep maakte de klant herkenbaar."}}), precedentPath(id))
	r = e.get(visitor, precedentPath(id))
	wantStatus(t, r, 200)
	wantSelector(t, r, ".corrected")
	wantContains(t, r, ".summary", "[weggelakt]")
	if strings.Contains(r.Text(t, ".summary"), "bakker") {
		t.Error("the corrected word is still published")
	}
	if n := r.Doc(t).Find(".precedent-changes li").Length(); n != 2 {
		t.Errorf("%d changes listed, want 2", n)
	}

	// Withdrawing needs a reason; then only the withdrawal remains.
	r = e.post(coord, casePath(id)+"/publicatie-intrekking", url.Values{"intrekkingsreden": {""}})
	wantStatus(t, r, 400)
	wantErrorsAt(t, r, "intrekkingsreden")
	wantLocation(t, e.post(coord, casePath(id)+"/publicatie-intrekking", url.Values{"intrekkingsreden": {"De situatie bleek herkenbaar."}}), precedentPath(id))
	for _, lang := range []string{"nl", "en"} {
		c := e.client()
		e.setLang(c, lang)
		r = e.get(c, precedentPath(id))
		wantStatus(t, r, 200)
		checkPage(t, r, lang)
		wantContains(t, r, ".withdrawn .reason", "De situatie bleek herkenbaar.")
		wantNoSelector(t, r, ".summary")
		if n := r.Doc(t).Find(".precedent-changes li .digest").Length(); n != 3 {
			t.Errorf("%s: %d digests listed, want 3", lang, n)
		}
	}
	r = e.get(visitor, "/casusprudentie")
	wantContains(t, r, ".register-changes", "De situatie bleek herkenbaar.")
	wantNoSelector(t, r, `.precedent-result[data-id="`+itoa(id)+`"]`)
	wantStatus(t, e.get(coord, casePath(id)+"/correctie"), http.StatusConflict)
}
