package requests_test

import (
	"context"
	"testing"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestLoginAloneIsNoProfessional: someone the identity broker knows but no
// organisation gave a role cannot ask for account in their own name;
// nothing is stored. A professional of another organisation can.
func TestLoginAloneIsNoProfessional(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, be.Open)
			stranger := storetest.MustUser(t, w.st, "zonder-rol")
			if _, err := w.svc.Create(ctx, stranger, valid()); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a user without a role filed a request: %v", err)
			}
			if n := w.stored(t); n != 0 {
				t.Fatalf("%d requests stored after the refusal", n)
			}
			if _, err := w.svc.Create(ctx, w.prof, valid()); err != nil {
				t.Fatalf("a professional of another organisation: %v", err)
			}
		})
	}
}

// TestAnswerNeedsAssurance: where the deployment asks a substantial level
// for decisions, a board member logged in at a low level cannot answer or
// extend; the refusal names the level, and the request stays as it was.
// Logged in at a substantial level, the same board member answers.
func TestAnswerNeedsAssurance(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, be.Open)
			r, err := w.svc.Create(ctx, w.prof, valid())
			if err != nil {
				t.Fatal(err)
			}
			term, err := calendar.ParseTerm("P2W")
			if err != nil {
				t.Fatal(err)
			}
			policy := schakel.AssurancePolicy{schakel.StakeDecide: schakel.AssuranceSubstantial}
			low := *w.board
			low.Assurance = schakel.Assurance{Level: schakel.AssuranceLow, Policy: policy}
			answer := requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Explain, Motivations: map[string]string{"zorgvuldigheid": "De wet laat een gesprek hier niet toe."}}}
			_, err = w.svc.Answer(ctx, &low, r.ID, answer)
			if schakel.ErrorCode(err) != schakel.EFORBIDDEN || schakel.NeededAssurance(err) != schakel.AssuranceSubstantial {
				t.Fatalf("answer at a low level: %v", err)
			}
			if _, err := w.svc.Extend(ctx, &low, r.ID, requests.ExtendInput{Term: term, Reason: "Meer tijd nodig."}); schakel.NeededAssurance(err) != schakel.AssuranceSubstantial {
				t.Fatalf("extend at a low level: %v", err)
			}
			back, _, err := w.svc.Get(ctx, w.board, r.ID)
			if err != nil || back.Version != r.Version || back.State != schakel.StateOpen {
				t.Fatalf("after refusals: %+v, %v", back, err)
			}
			sub := *w.board
			sub.Assurance = schakel.Assurance{Level: schakel.AssuranceSubstantial, Policy: policy}
			if got, err := w.svc.Answer(ctx, &sub, r.ID, answer); err != nil || got.State != schakel.StateAnswered {
				t.Fatalf("answer at a substantial level: %v, %v", got, err)
			}
		})
	}
}

// TestEveryStepNeedsItsLevel: where reading asks a low level and acting a
// substantial one, a login of unknown level reads nothing, a low one
// reads but cannot acknowledge, and a professional's organisation-less
// contest of its own request needs only acting; an organisation's
// withdrawal of what it asked on its behalf is a decision.
func TestEveryStepNeedsItsLevel(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, be.Open)
			r, err := w.svc.Create(ctx, w.prof, valid())
			if err != nil {
				t.Fatal(err)
			}
			policy := schakel.AssurancePolicy{schakel.StakeRead: schakel.AssuranceLow, schakel.StakeAct: schakel.AssuranceSubstantial, schakel.StakeDecide: schakel.AssuranceHigh}
			at := func(u *schakel.User, l schakel.AssuranceLevel) *schakel.User {
				c := *u
				c.Assurance = schakel.Assurance{Level: l, Policy: policy}
				return &c
			}
			if _, _, err := w.svc.Get(ctx, at(w.board, schakel.AssuranceUnknown), r.ID); schakel.NeededAssurance(err) != schakel.AssuranceLow {
				t.Fatalf("get at no level: %v", err)
			}
			if _, _, err := w.svc.List(ctx, at(w.board, schakel.AssuranceUnknown), schakel.RequestFilter{Limit: 5}); schakel.NeededAssurance(err) != schakel.AssuranceLow {
				t.Fatalf("list at no level: %v", err)
			}
			// Someone who may not see the request learns nothing of it,
			// whatever their level.
			stranger := storetest.MustUser(t, w.st, "ander")
			if _, _, err := w.svc.Get(ctx, at(stranger, schakel.AssuranceUnknown), r.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("get by a stranger at no level: %v", err)
			}
			if _, _, err := w.svc.Get(ctx, at(w.board, schakel.AssuranceLow), r.ID); err != nil {
				t.Fatalf("get at a low level: %v", err)
			}
			if _, err := w.svc.Acknowledge(ctx, at(w.board, schakel.AssuranceLow), r.ID, requests.StepInput{}); schakel.NeededAssurance(err) != schakel.AssuranceSubstantial {
				t.Fatalf("acknowledge at a low level: %v", err)
			}
			if _, err := w.svc.Acknowledge(ctx, at(w.board, schakel.AssuranceSubstantial), r.ID, requests.StepInput{}); err != nil {
				t.Fatalf("acknowledge at a substantial level: %v", err)
			}
			if _, err := w.svc.Withdraw(ctx, at(w.prof, schakel.AssuranceSubstantial), r.ID, requests.StepInput{Reason: "Niet meer nodig."}); err != nil {
				t.Fatalf("a professional withdraws their own request at a substantial level: %v", err)
			}

			onBehalf := valid()
			onBehalf.OnBehalfOf = "uwv"
			onBehalf.AddresseeCode = "min-szw"
			ob, err := w.svc.Create(ctx, w.board, onBehalf)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Withdraw(ctx, at(w.board, schakel.AssuranceSubstantial), ob.ID, requests.StepInput{Reason: "Niet meer nodig."}); schakel.NeededAssurance(err) != schakel.AssuranceHigh {
				t.Fatalf("withdrawal for the organisation at a substantial level: %v", err)
			}
		})
	}
}
