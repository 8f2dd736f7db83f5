package brakes_test

import (
	"context"
	"testing"

	"golang.org/x/time/rate"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/store/storetest"
	"github.com/schakel-nl/schakel/throttle"
)

func citizenBrake() brakes.PullInput {
	return brakes.PullInput{Level: schakel.LevelCitizen, Organisation: "uwv", DecisionReference: "UWV-1",
		DecisionDate: "2026-02-20", Body: "Niet gehoord.", CitizenGrounds: []string{"onevenredig", "niet-gehoord"}, WantedOutcome: "Opnieuw."}
}

func professionalBrake(id schakel.Identity) brakes.PullInput {
	return brakes.PullInput{Level: schakel.LevelProfessional, Organisation: "uwv", Identity: id, Concerned: "Werkinstructie 2026-03",
		RuleRefs: []string{"jci1.3:c:BWBR0015703&artikel=36"}, Subject: "Herbeoordelingen zonder gesprek",
		Grounds: []schakel.Ground{{Principle: "zorgvuldigheid", Text: "Niet onderzocht."}}}
}

// TestInvalidCostsNothing: a brake with the transport's problems, or with a
// sentence whose principle was retired, is refused naming every field;
// nothing is stored, hashed or counted against the citizen's limit.
func TestInvalidCostsNothing(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, be.Open)
			subs, err := throttle.New(throttle.Config{PerAddress: rate.Every(3600e9), PerAddressBurst: 1, Global: rate.Inf})
			if err != nil {
				t.Fatal(err)
			}
			w.svc.Submissions = subs

			in := citizenBrake()
			in.Problems = []schakel.FieldError{{Field: "kenmerk", Code: "type", Format: "Verwacht tekst."}}
			_, err = w.svc.Pull(ctx, nil, "203.0.113.9", in)
			if got := fields(err); got["kenmerk"] != "type" || len(got) != 1 {
				t.Fatalf("with a transport problem: %v %v", got, err)
			}

			if err := w.st.RetirePrinciple(ctx, "fair-play"); err != nil {
				t.Fatal(err)
			}
			_, err = w.svc.Pull(ctx, nil, "203.0.113.9", citizenBrake())
			if got := fields(err); got["bezwaren[1]"] != "unknown" || len(got) != 1 {
				t.Fatalf("a sentence whose principle was retired: %v %v", got, err)
			}
			if _, n, err := w.st.Brakes(ctx, schakel.BrakeFilter{Limit: 1}); err != nil || n != 0 {
				t.Fatalf("%d brakes stored after invalid input, %v", n, err)
			}
			ok := citizenBrake()
			ok.CitizenGrounds = []string{"onevenredig"}
			if _, err := w.svc.Pull(ctx, nil, "203.0.113.9", ok); err != nil {
				t.Fatalf("the first valid brake after two invalid ones: %v", err)
			}
		})
	}
}

func fields(err error) map[string]string {
	out := map[string]string{}
	for _, f := range schakel.ErrorFields(err) {
		out[f.Field] = f.Code
	}
	return out
}

// TestReadsMaskProtectedPullers: the register and the request page's brake
// never carry a protected puller or the receipt code's hash to whom may not
// see them.
func TestReadsMaskProtectedPullers(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, be.Open)
			p, err := w.svc.Pull(ctx, w.prof, "", professionalBrake(schakel.IdentityProtected))
			if err != nil {
				t.Fatal(err)
			}
			id := p.Brake.RequestID
			if _, err := w.svc.Pull(ctx, nil, "", citizenBrake()); err != nil {
				t.Fatal(err)
			}
			leaks := func(where string, b *schakel.Brake, evs []*schakel.Event) {
				t.Helper()
				if b.ReceiptHash != "" || b.ReceiptLookup != "" {
					t.Errorf("%s: the receipt code's hash or lookup half", where)
				}
				if b.RequestID == id && b.Request.Requester.UserID == w.prof.ID {
					t.Errorf("%s: the protected puller as requester", where)
				}
				for _, ev := range evs {
					if ev.Actor.UserID == w.prof.ID {
						t.Errorf("%s: the protected puller as actor of %s", where, ev.Type)
					}
				}
			}
			bs, events, _, err := w.svc.RegisterWithEvents(ctx, schakel.BrakeFilter{Limit: 10})
			if err != nil || len(bs) != 2 {
				t.Fatalf("register: %d, %v", len(bs), err)
			}
			for _, b := range bs {
				leaks("register", b, events[b.RequestID])
			}
			b, evs, err := w.svc.RegisterEntry(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			leaks("register entry", b, evs)
			b, err = w.svc.OfRequest(ctx, w.coord, id)
			if err != nil {
				t.Fatal(err)
			}
			leaks("request page of the coordinator", b, nil)
			// The puller sees themselves; an outsider sees nothing.
			if b, err := w.svc.OfRequest(ctx, w.prof, id); err != nil || b.Request.Requester.UserID != w.prof.ID {
				t.Fatalf("the puller's own view: %+v, %v", b, err)
			}
			if _, err := w.svc.OfRequest(ctx, w.boardSVB, id); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("an outsider: %v", err)
			}
		})
	}
}
