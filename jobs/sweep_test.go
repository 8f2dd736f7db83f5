package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// T0 is a Monday morning in Amsterdam, away from holidays.
var T0 = time.Date(2026, 9, 7, 8, 0, 0, 0, time.UTC)

// world is two handles on one database — two serve instances — with an
// executive organisation under a ministry and the catalogue.
type world struct {
	a, b   *store.Store
	clock  *schakeltest.Clock
	engine *comply.Engine
	ladder []schakel.Addressee
	user   *schakel.User
}

func newWorld(t *testing.T, backend string) *world {
	t.Helper()
	ctx := context.Background()
	var dsn string
	if backend == "postgres" {
		dsn = storetest.PostgresURL(t)
	} else {
		dsn = filepath.Join(t.TempDir(), "schakel.db")
	}
	clock := schakeltest.NewClock(T0)
	open := func() *store.Store {
		s, err := store.Open(ctx, dsn, store.Options{Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	w := &world{a: open(), clock: clock, engine: &comply.Engine{Calendar: calendar.New()}}
	if _, err := w.a.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	w.b = open()
	if _, err := w.a.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		t.Fatal(err)
	}
	szw := storetest.MustOrganisation(t, w.a, "min-szw", schakel.OrgMinistry)
	uwv := storetest.MustOrganisation(t, w.a, "uwv", schakel.OrgExecutive, szw.ID)
	w.user = storetest.MustUser(t, w.a, "professional", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
	l, err := comply.Ladder(comply.LadderInput{Type: schakel.TypeProfessionalBrake, Addressee: schakel.Addressee{OrganisationID: uwv.ID},
		AddresseeType: schakel.OrgExecutive, Principal: szw.ID})
	if err != nil {
		t.Fatal(err)
	}
	w.ladder = l
	return w
}

// create makes n professional's brakes at the clock's current time.
func (w *world) create(t *testing.T, n int) []*schakel.Request {
	t.Helper()
	out := make([]*schakel.Request, 0, n)
	for i := 0; i < n; i++ {
		r, ev, err := w.engine.New(comply.NewRequest{
			Type: schakel.TypeProfessionalBrake, Subject: fmt.Sprintf("Noodrem %d", i),
			Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "De terugvordering is onevenredig."}},
			Requester: schakel.Party{Kind: schakel.PartyUser, UserID: w.user.ID},
		}, w.ladder, nil, w.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.a.CreateRequest(context.Background(), r, ev); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func (w *world) sweeper(s *store.Store) *jobs.Sweeper {
	return &jobs.Sweeper{Store: s, Engine: w.engine, Clock: w.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Batch: 100}
}

// events counts the events of each type over all requests.
func (w *world) events(t *testing.T, rs []*schakel.Request) map[schakel.EventType]int {
	t.Helper()
	counts := map[schakel.EventType]int{}
	for _, r := range rs {
		evs, err := w.a.Events(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, ev := range evs {
			if ev.Seq != i+1 {
				t.Fatalf("request %d: event %d has seq %d (gap or duplicate)", r.ID, i, ev.Seq)
			}
			counts[ev.Type]++
		}
	}
	return counts
}

// TestTwoSweepersEscalateEachOnce runs two sweepers, as two serve instances
// would, over 1,000 overdue requests: each is escalated exactly once.
func TestTwoSweepersEscalateEachOnce(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Name)
			n := 1000
			if testing.Short() {
				n = 200
			}
			rs := w.create(t, n)
			// Eight days later the 7-day acknowledgement term has passed for all.
			w.clock.Advance(8 * 24 * time.Hour)
			var wg sync.WaitGroup
			results := make([]jobs.SweepResult, 2)
			errs := make([]error, 2)
			for i, s := range []*store.Store{w.a, w.b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i], errs[i] = w.sweeper(s).SweepOnce(context.Background())
				}()
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := results[0].Escalated + results[1].Escalated; got != n {
				t.Fatalf("escalated %d + %d = %d, want %d (conflicts %d, %d)", results[0].Escalated, results[1].Escalated, got, n, results[0].Conflicts, results[1].Conflicts)
			}
			counts := w.events(t, rs)
			if counts[schakel.EventEscalated] != n || counts[schakel.EventCreated] != n {
				t.Fatalf("events %v, want %d created and %d escalated", counts, n, n)
			}
			for _, r := range rs {
				got, err := w.a.Request(context.Background(), r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Rung != 1 || got.State != schakel.StateEscalated || got.MissedCount != 1 || got.Version != 2 {
					t.Fatalf("request %d after the sweeps: rung %d state %s missed %d version %d", r.ID, got.Rung, got.State, got.MissedCount, got.Version)
				}
			}
			// A second round finds nothing more to do.
			again, err := w.sweeper(w.a).SweepOnce(context.Background())
			if err != nil || again.Total() != 0 {
				t.Fatalf("second sweep: %+v %v", again, err)
			}
		})
	}
}

// TestAnswerVersusSweep races answers against the sweep at the deadline:
// commit order decides, the loser gets a conflict and nothing is half-written.
func TestAnswerVersusSweep(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t, b.Name)
			rs := w.create(t, 200)
			// Acknowledge all, so only the answer deadline is left.
			for i, r := range rs {
				n, ev, err := w.engine.Acknowledge(r, schakel.Party{Kind: schakel.PartyUser, UserID: w.user.ID}, w.clock.Now())
				if err != nil {
					t.Fatal(err)
				}
				if err := w.a.UpdateRequest(ctx, r.Version, n, ev); err != nil {
					t.Fatal(err)
				}
				rs[i] = n
			}
			// Stand exactly on the answer deadline: the sweep may escalate,
			// and an answer is still accepted (late) if it commits first.
			w.clock.Set(rs[0].AnswerDeadline)
			answered, conflicts := 0, 0
			var mu sync.Mutex
			var wg sync.WaitGroup
			wg.Add(2)
			go func() {
				defer wg.Done()
				for _, r := range rs {
					cur, err := w.b.Request(ctx, r.ID)
					if err != nil {
						t.Error(err)
						return
					}
					if cur.Rung != 0 {
						// The sweep came first and moved the request to the
						// next rung, whose addressee the answerer is not.
						mu.Lock()
						conflicts++
						mu.Unlock()
						continue
					}
					n, ev, err := w.engine.Answer(cur, schakel.Party{Kind: schakel.PartyUser, UserID: w.user.ID},
						comply.AnswerInput{Kind: schakel.Explain, Motivations: map[string]string{"evenredigheid": "De wet laat geen ruimte."}}, w.clock.Now())
					if err != nil {
						mu.Lock()
						conflicts++ // already escalated when read: refused by the state machine
						mu.Unlock()
						continue
					}
					err = w.b.UpdateRequest(ctx, cur.Version, n, ev)
					mu.Lock()
					switch schakel.ErrorCode(err) {
					case "":
						answered++
					case schakel.ECONFLICT:
						conflicts++
					default:
						t.Error(err)
					}
					mu.Unlock()
				}
			}()
			var res jobs.SweepResult
			go func() {
				defer wg.Done()
				var err error
				res, err = w.sweeper(w.a).SweepOnce(ctx)
				if err != nil {
					t.Error(err)
				}
			}()
			wg.Wait()
			if answered+res.Escalated != len(rs) {
				t.Fatalf("answered %d + escalated %d != %d (answer conflicts %d, sweep conflicts %d)", answered, res.Escalated, len(rs), conflicts, res.Conflicts)
			}
			if conflicts != res.Escalated {
				t.Fatalf("%d answers lost, but the sweep escalated %d", conflicts, res.Escalated)
			}
			for _, r := range rs {
				got, err := w.a.Request(ctx, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				evs, err := w.a.Events(ctx, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				last := evs[len(evs)-1]
				if len(evs) != 3 || last.Seq != got.Version || last.State != got.State {
					t.Fatalf("request %d: %d events, last %s/%s, request %s v%d", r.ID, len(evs), last.Type, last.State, got.State, got.Version)
				}
				switch last.Type {
				case schakel.EventAnswered:
					if got.State != schakel.StateAnswered || got.Rung != 0 {
						t.Fatalf("request %d answered but %s at rung %d", r.ID, got.State, got.Rung)
					}
				case schakel.EventEscalated:
					if got.State != schakel.StateEscalated || got.Rung != 1 {
						t.Fatalf("request %d escalated but %s at rung %d", r.ID, got.State, got.Rung)
					}
				default:
					t.Fatalf("request %d ends with %s", r.ID, last.Type)
				}
			}
		})
	}
}

// TestAnswerBeforeDeadlineWins: an answer committed before the deadline is
// never escalated, however late the sweep runs.
func TestAnswerBeforeDeadlineWins(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, "sqlite")
	r := w.create(t, 1)[0]
	w.clock.Set(r.AckDeadline.Add(-time.Minute))
	n, ev, err := w.engine.Answer(r, schakel.Party{Kind: schakel.PartyUser, UserID: w.user.ID},
		comply.AnswerInput{Kind: schakel.Comply, Changes: "We stoppen de terugvordering.", ByWhen: calendar.MustParseDate("2026-10-01")}, w.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.a.UpdateRequest(ctx, r.Version, n, ev); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(365 * 24 * time.Hour)
	res, err := w.sweeper(w.a).SweepOnce(ctx)
	if err != nil || res.Total() != 0 {
		t.Fatalf("sweep after an answer: %+v %v", res, err)
	}
}

// TestLadderToTheTop follows one request up the whole ladder by missed
// deadlines, then records the miss at the top rung once.
func TestLadderToTheTop(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, "sqlite")
	r := w.create(t, 1)[0]
	var total jobs.SweepResult
	for i := 0; i < 10; i++ {
		w.clock.Advance(100 * 24 * time.Hour)
		res, err := w.sweeper(w.a).SweepOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		total.Add(res)
	}
	got, err := w.a.Request(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rung != len(w.ladder)-1 || !got.MissedAtTop || got.MissedCount != len(w.ladder) {
		t.Fatalf("after the ladder: rung %d/%d, missed at top %v, missed %d", got.Rung, len(w.ladder)-1, got.MissedAtTop, got.MissedCount)
	}
	if total.Escalated != len(w.ladder)-1 || total.MissedTop != 1 {
		t.Fatalf("sweeps did %+v", total)
	}
	// Still owed and answerable at the top: a miss is recorded, not swallowed.
	if !got.State.AwaitsAnswer() {
		t.Fatalf("state %s after a miss at the top", got.State)
	}
}

// TestReminderOnce sends the reminder 3 working days before the deadline, once.
func TestReminderOnce(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, "sqlite")
	r := w.create(t, 1)[0]
	ack, ev, err := w.engine.Acknowledge(r, schakel.Party{Kind: schakel.PartyUser, UserID: w.user.ID}, w.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.a.UpdateRequest(ctx, r.Version, ack, ev); err != nil {
		t.Fatal(err)
	}
	if ack.ReminderAt.IsZero() {
		t.Fatal("no reminder scheduled")
	}
	w.clock.Set(ack.ReminderAt.Add(-time.Second))
	if res, _ := w.sweeper(w.a).SweepOnce(ctx); res.Total() != 0 {
		t.Fatalf("reminder before its time: %+v", res)
	}
	w.clock.Set(ack.ReminderAt)
	for i := 0; i < 2; i++ {
		res, err := w.sweeper(w.a).SweepOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[int]int{0: 1, 1: 0}[i]; res.Reminded != want {
			t.Fatalf("round %d reminded %d, want %d", i, res.Reminded, want)
		}
	}
}
