package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/demo"
)

// TestProposalPagesNameNoOne scans the public pages of a proposal —
// signed, sent, in force, with a knelpunt attached whose signal held
// personal data — for the names of the demo users (who registered,
// delivered, answered and signed are offices, not persons) and for that
// personal data, in both languages.
func TestProposalPagesNameNoOne(t *testing.T) {
	onAssessmentBackends(t, func(t *testing.T, e *assessmentEnv) {
		ctx := context.Background()
		pd := "mevrouw Jansen (BSN 111222333, j.jansen@example.nl, 06-12345678)"
		kid, _ := e.fileForm(e.as("uwv-professional"), validSignal(func(v url.Values) {
			v.Set("titel", "Terugvordering bij mevrouw Jansen")
			v.Set("groep", "Mensen zoals mevrouw Jansen met een WIA-voorschot")
			v.Set("gevolg", pd+" moest het voorschot in één keer terugbetalen.")
			v.Set("voorstel", "Vorder niets terug bij "+pd+".")
		}))
		if _, err := e.sigs().Put(ctx, e.user("uwv-professional"), kid); err != nil {
			t.Fatal(err)
		}
		e.answer("uwv-coordinator", kid, "comply")
		e.answer("uwv-bestuur", kid, "comply")
		e.sendLetter()

		p, as := e.registered("Geen terugvordering van het WIA-voorschot", "uwv")
		a := e.deliverAs("uwv-bestuur", as["uwv"].ID, deliverInput())
		if _, err := e.svc().Answer(ctx, e.user("szw-minister"), a.ID, answerInputOf(a)); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc().Sign(ctx, e.user("szw-sg"), p.ID, assessments.SignInput{Statement: "De uitvoering is haalbaar met deze toets en de antwoorden."}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc().Send(ctx, e.user("szw-beleid"), p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc().EnterIntoForce(ctx, e.user("szw-beleid"), p.ID, assessments.EnterInput{Day: e.h.Calendar.Today(e.clock.Now())}); err != nil {
			t.Fatal(err)
		}

		// Each page with a text it must show, so the scan proves something.
		pages := map[string]string{"/voorstellen": "Geen terugvordering", proposalPath(p.ID): "Terugvordering bij", assessmentPath(a.ID): "Het ministerie betaalt"}
		for _, lang := range []string{langNL, langEN} {
			visitor := e.client()
			e.setLang(visitor, lang)
			for path, shown := range pages {
				r := e.get(visitor, path)
				wantStatus(t, r, http.StatusOK)
				if !strings.Contains(r.Body, shown) {
					t.Errorf("%s (%s) does not show %q, so the scan proves nothing", path, lang, shown)
				}
				wantNoSignalPersonalData(t, path, r.Body)
				for _, u := range demo.Users {
					if strings.Contains(r.Body, u.Name) {
						t.Errorf("%s (%s) names the user %q", path, lang, u.Name)
					}
				}
			}
		}
	})
}
