package signals_test

import (
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestRungsStayInside: a board rung is not the ministry's to see until
// the board misses its term; then the ministry sees the knelpunt it must
// answer and may answer it, and the knelpunt is public from then on. A
// rung cannot be withdrawn behind its knelpunt's back.
func TestRungsStayInside(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			k := must(w.svc.File(w.ctx, w.prof, advance())).Knelpunt
			k = must(w.svc.Put(w.ctx, w.prof, k.ID))
			_, err := w.svc.Requests.Withdraw(w.ctx, w.prof, k.RequestID, requests.StepInput{Reason: "Toch niet."})
			wantCode(t, err, schakel.ECONFLICT)
			k = must(w.svc.Answer(w.ctx, w.coord, k.ID, adopt(w)))
			if _, _, err := w.svc.Requests.Get(w.ctx, w.policy, k.RequestID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("the ministry reads the board's rung before it reached them: %v", err)
			}
			if _, err := w.svc.Get(w.ctx, w.policy, k.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("the ministry reads the knelpunt before it reached them: %v", err)
			}
			_, err = w.svc.Answer(w.ctx, w.policy, k.ID, adopt(w))
			wantCode(t, err, schakel.ENOTFOUND) // not a 403 or 409 that tells it exists

			sw := &jobs.Sweeper{Store: w.st, Engine: w.engine, Clock: w.clock}
			w.clock.Advance(7 * 7 * 24 * time.Hour)
			if res := must(sw.SweepOnce(w.ctx)); res.Escalated != 1 {
				t.Fatalf("sweep: %+v", res)
			}
			v := must(w.svc.Get(w.ctx, w.policy, k.ID))
			if v.Member || v.Answering != schakel.LevelMinistry || len(v.Signals) != 0 {
				t.Fatalf("the ministry's view of the escalated knelpunt: member %v, answering %q, %d signals", v.Member, v.Answering, len(v.Signals))
			}
			k = must(w.svc.Answer(w.ctx, w.policy, k.ID, requests.AnswerInput{AnswerInput: comply.AnswerInput{Kind: schakel.Explain,
				Motivations: map[string]string{"evenredigheid": "De wet wordt herzien; tot dan blijft het artikel gelden."}}}))
			if k.Level != schakel.LevelMinistry {
				t.Fatalf("after the ministry answered: %+v", k)
			}
			if _, err := w.svc.Get(w.ctx, nil, k.ID); err != nil {
				t.Fatalf("a knelpunt the ministry answered is not public: %v", err)
			}
		})
	}
}

// TestLetterSubjectAndKenmerk: a board's own subject is redacted like the
// letter, and the kenmerk counts the letters of its year.
func TestLetterSubjectAndKenmerk(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			send := func() *schakel.Letter {
				k := must(w.svc.File(w.ctx, w.prof, advance())).Knelpunt
				must(w.svc.Put(w.ctx, w.prof, k.ID))
				must(w.svc.Answer(w.ctx, w.coord, k.ID, adopt(w)))
				must(w.svc.Answer(w.ctx, w.board, k.ID, adopt(w)))
				today := w.engine.Calendar.Today(w.clock.Now())
				return must(w.svc.SendLetter(w.ctx, w.board, signals.LetterInput{Organisation: "uwv", From: today.AddDays(-1), To: today,
					Subject: "Knelpunten, zoals bij mevrouw Jansen (BSN 111222333)"}))
			}
			first := send()
			if strings.Contains(first.Subject, "111222333") || strings.Contains(first.Subject, "Jansen") {
				t.Fatalf("the subject is stored unredacted: %q", first.Subject)
			}
			w.clock.Set(time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC))
			second := send()
			if first.Reference != "KB-uwv-2026-001" || second.Reference != "KB-uwv-2027-001" {
				t.Fatalf("kenmerken %s, %s", first.Reference, second.Reference)
			}
		})
	}
}

// TestSuggestionsOfOwnOrganisation: however many signals another
// organisation files on the same article, a filer is still suggested their
// own organisation's knelpunt.
func TestSuggestionsOfOwnOrganisation(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Open)
			k := must(w.svc.File(w.ctx, w.prof, advance())).Knelpunt
			for range signals.CandidatesPerKey + 10 {
				in := similar()
				in.Organisation = "gemeente-a"
				must(w.svc.File(w.ctx, w.outsider, in))
			}
			got := must(w.svc.Suggest(w.ctx, w.prof2, similar()))
			if len(got) != 1 || got[0].Knelpunt.ID != k.ID {
				t.Fatalf("suggestions after another organisation's signals: %+v", got)
			}
		})
	}
}
