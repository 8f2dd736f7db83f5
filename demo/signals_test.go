package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestBuildSignals: the report's three signals climb to their ministries
// in knelpuntenbrieven, one answered with comply, one with explain and one
// open; the generated signals spread over a dozen laws; building again
// does nothing.
func TestBuildSignals(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
			clock := schakeltest.NewClock(now)
			st := b.Open(t, clock)
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.Build(ctx, st); err != nil {
				t.Fatal(err)
			}
			svc := signals.New(st, requests.New(st, &comply.Engine{Calendar: calendar.New()}, clock), clock)
			built, err := demo.BuildSignals(ctx, st, svc, now)
			if err != nil || !built {
				t.Fatalf("built %v: %v", built, err)
			}
			if again, err := demo.BuildSignals(ctx, st, svc, now); err != nil || again {
				t.Fatalf("built again %v: %v", again, err)
			}
			_, n, err := st.Signals(ctx, schakel.SignalFilter{State: schakel.SignalFiled})
			if err != nil || n != demo.GeneratedSignals+3 {
				t.Fatalf("filed signals: %d, %v", n, err)
			}
			laws, _, err := svc.Figures(ctx, schakel.FigureFilter{Level: schakel.FigureLaw, Limit: 100})
			if err != nil || len(laws) < 10 {
				t.Fatalf("laws with signals: %d, %v", len(laws), err)
			}
			letters, total, err := svc.Letters(ctx, schakel.LetterFilter{})
			if err != nil || total != 3 {
				t.Fatalf("letters: %d, %v", total, err)
			}
			answers := map[schakel.AnswerKind]int{}
			for _, l := range letters {
				lv, err := svc.Letter(ctx, nil, l.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, k := range lv.Knelpunten {
					for _, r := range k.Rungs {
						for _, a := range r.Answers {
							answers[a.Kind]++
						}
					}
				}
				if !strings.HasPrefix(l.Reference, "KB-") {
					t.Errorf("reference %q", l.Reference)
				}
			}
			if answers[schakel.Comply] != 1 || answers[schakel.Explain] != 1 {
				t.Fatalf("ministry answers: %v", answers)
			}
		})
	}
}
