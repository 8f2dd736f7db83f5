package web

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
)

// TestSignalFromBrake: once a professional's brake is answered, its page
// offers a signal about its rules, and the form comes with the brake as
// evidence, its organisation and its rules.
func TestSignalFromBrake(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		ctx := context.Background()
		p, err := e.h.Brakes.Pull(ctx, e.user("uwv-professional"), "", brakes.PullInput{Level: schakel.LevelProfessional, Organisation: "uwv",
			Identity: schakel.IdentityNamed, RuleRefs: []string{"jci1.3:c:BWBR0019057&artikel=76"}, Subject: "Stop de terugvordering",
			Body: "De terugvordering van het voorschot is onevenredig.", Grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "Onevenredig zwaar."}}})
		if err != nil {
			t.Fatal(err)
		}
		id := p.Brake.RequestID
		path := "/verzoeken/" + strconv.FormatInt(id, 10)
		link := `.signal-link a[href="/signalen/nieuw?noodrem=` + strconv.FormatInt(id, 10) + `"]`
		c := e.as("uwv-professional")
		wantNoSelector(t, e.get(c, path), link) // not before it is answered
		e.answerAs("uwv-coordinator", id, schakel.Explain, "De wet laat het niet toe")
		wantSelector(t, e.get(c, path), link)

		r := e.get(c, "/signalen/nieuw?noodrem="+strconv.FormatInt(id, 10))
		wantStatus(t, r, http.StatusOK)
		for sel, want := range map[string]string{"#noodremmen": strconv.FormatInt(id, 10), "#regels-0": "jci1.3:c:BWBR0019057&artikel=76"} {
			if got, _ := r.Doc(t).Find(sel).Attr("value"); got != want {
				t.Errorf("%s = %q, want %q", sel, got, want)
			}
		}
		wantSelector(t, r, `#organisatie option[value="uwv"][selected]`)
		// Someone who may not see the brake gets no form about it.
		wantStatus(t, e.get(e.as("svb-professional"), "/signalen/nieuw?noodrem="+strconv.FormatInt(id, 10)), http.StatusNotFound)
	})
}

// TestRungRequestSendsToKnelpunt: the request of a knelpunt's rung offers
// its addressee no comply or explain of its own, but the way to the
// knelpunt, where adopting takes the knelpunt up.
func TestRungRequestSendsToKnelpunt(t *testing.T) {
	onBackends(t, func(t *testing.T, e *signalEnv) {
		f := e.fileAs("uwv-professional", signalInput("Voorschot teruggevorderd", "jci1.3:c:BWBR0019057&artikel=76"))
		k, err := e.sigs().Put(context.Background(), e.user("uwv-professional"), f.Knelpunt.ID)
		if err != nil {
			t.Fatal(err)
		}
		r := e.get(e.as("uwv-coordinator"), "/verzoeken/"+strconv.FormatInt(k.RequestID, 10))
		wantStatus(t, r, http.StatusOK)
		wantSelector(t, r, `.knelpunt-link a[href="/knelpunten/`+strconv.FormatInt(k.ID, 10)+`#antwoord"]`)
		wantNoSelector(t, r, `form[action$="/antwoord"]`)
	})
}
