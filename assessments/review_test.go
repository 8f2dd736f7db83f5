package assessments_test

import (
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/assessments"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestNoWayAround: an assessment's requests cannot be withdrawn or
// contested behind it; answers without words, or one template with the
// item's code added, are refused; a proposal does not enter into force
// before it went to parliament.
func TestNoWayAround(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			p := must(w.svc.Register(w.ctx, w.policy, w.amendment()))
			p = must(w.svc.RequestAssessments(w.ctx, w.policy, p.ID, assessments.RequestInput{Organisations: []string{"uwv"}}))
			a := must(w.st.Assessments(w.ctx, p.ID))[0]
			_, err := w.svc.Requests.Withdraw(w.ctx, w.policy, a.RequestID, requests.StepInput{Reason: "Toch niet nodig."})
			wantCode(t, err, schakel.ECONFLICT)
			a = must(w.svc.Deliver(w.ctx, w.uwvBoard, a.ID, w.conditional()))

			noWords := assessments.AnswerInput{Items: map[string]assessments.ItemInput{}}
			template := assessments.AnswerInput{Items: map[string]assessments.ItemInput{}}
			for i, it := range a.Items() {
				noWords.Items[it.Principle] = assessments.ItemInput{Accepted: true, Text: []string{"....................", "b b b b b b b b b b b", "c c c c c c c c c c c", "d d d d d d d d d d d"}[i]}
				template.Items[it.Principle] = assessments.ItemInput{Accepted: true, Text: "Wij nemen dit mee in de uitwerking van de regeling (" + it.Principle + ")."}
			}
			_, err = w.svc.Answer(w.ctx, w.minister, a.ID, noWords)
			wantCode(t, err, schakel.EINVALID, "antwoorden.oordeel", "antwoorden.voorwaarde-1", "antwoorden.voorwaarde-2", "antwoorden.waarde-rechtszekerheid")
			_, err = w.svc.Answer(w.ctx, w.minister, a.ID, template)
			wantCode(t, err, schakel.EINVALID, "antwoorden.voorwaarde-1", "antwoorden.voorwaarde-2", "antwoorden.waarde-rechtszekerheid")
			a = must(w.svc.Answer(w.ctx, w.minister, a.ID, answers(a, false)))
			_, err = w.svc.Requests.Contest(w.ctx, w.uwvBoard, a.AnswerRequestID, requests.StepInput{Reason: "Wij zijn het er niet mee eens."})
			wantCode(t, err, schakel.ECONFLICT)

			must(w.svc.Sign(w.ctx, w.sg, p.ID, assessments.SignInput{Statement: "Ik teken voor de uitvoerbaarheid van dit voorstel."}))
			must(w.svc.Send(w.ctx, w.policy, p.ID))
			_, err = w.svc.EnterIntoForce(w.ctx, w.policy, p.ID, assessments.EnterInput{Day: w.today().AddDays(-30)})
			wantCode(t, err, schakel.EINVALID, "datum")
		})
	}
}
