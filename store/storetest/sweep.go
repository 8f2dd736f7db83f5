package storetest

import (
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
)

func testSweepDue(e *env) {
	f := newReqFixture(e)
	a := f.brake(e, "A")
	e.clock.Advance(time.Hour)
	b := f.brake(e, "B")
	// C is acknowledged: its acknowledgement deadline no longer counts.
	c := f.brake(e, "C")
	c = apply(e, c)(f.eng.Acknowledge(c, user(f.coord), e.clock.Now()))
	step := func(now time.Time) store.SweepStep {
		return func(r *schakel.Request) (*schakel.Request, *schakel.Event, error) { return f.eng.Sweep(r, now) }
	}

	// Nothing is due one microsecond before A's acknowledgement deadline.
	res, err := e.s.SweepDue(e.ctx, a.AckDeadline.Add(-time.Microsecond), 10, step(a.AckDeadline.Add(-time.Microsecond)))
	must(e.t, err)
	if len(res.Events) != 0 || res.Conflicts != 0 {
		e.t.Fatalf("swept before the deadline: %+v", res)
	}
	// At B's deadline both A and B escalate, in deadline order, in one call;
	// C (acknowledged) is not due.
	now := b.AckDeadline
	res, err = e.s.SweepDue(e.ctx, now, 10, step(now))
	must(e.t, err)
	if len(res.Events) != 2 || res.Events[0].RequestID != a.ID || res.Events[1].RequestID != b.ID || res.Events[0].Type != schakel.EventEscalated {
		e.t.Fatalf("events %+v", res.Events)
	}
	for _, id := range []int64{a.ID, b.ID} {
		got, err := e.s.Request(e.ctx, id)
		must(e.t, err)
		if got.Rung != 1 || got.State != schakel.StateEscalated || got.Version != 2 {
			e.t.Fatalf("request %d after sweep: rung %d, %s, v%d", id, got.Rung, got.State, got.Version)
		}
		evs, err := e.s.Events(e.ctx, id)
		must(e.t, err)
		if len(evs) != 2 || evs[1].Type != schakel.EventEscalated {
			e.t.Fatalf("events of %d: %+v", id, evs)
		}
	}
	// C, acknowledged, was left as it was.
	wantRequest(e, c)
	// The limit caps the requests per call.
	for i := 0; i < 4; i++ {
		f.brake(e, "D")
	}
	later := e.clock.Now().Add(8 * 24 * time.Hour)
	res, err = e.s.SweepDue(e.ctx, later, 2, step(later))
	must(e.t, err)
	if len(res.Events) != 2 {
		e.t.Fatalf("limit 2 gave %d events", len(res.Events))
	}
	// A step that fails rolls the whole batch back.
	boom := schakel.Errorf(schakel.EINTERNAL, "boom")
	calls := 0
	_, err = e.s.SweepDue(e.ctx, later, 10, func(r *schakel.Request) (*schakel.Request, *schakel.Event, error) {
		calls++
		if calls == 2 {
			return nil, nil, boom
		}
		return f.eng.Sweep(r, later)
	})
	if err == nil {
		e.t.Fatal("a failing step did not fail the sweep")
	}
	due, err := e.s.DueRequests(e.ctx, later, 10)
	must(e.t, err)
	if len(due) != 2 {
		e.t.Fatalf("after a failed batch %d requests are due, want the 2 untouched ones", len(due))
	}
	// Two sweeps at once handle each request once.
	var wg sync.WaitGroup
	results := make([]store.SweepResult, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := e.s.SweepDue(e.ctx, later, 10, step(later))
			if err != nil {
				e.t.Error(err)
			}
			results[i] = r
		}()
	}
	wg.Wait()
	total := 0
	for _, r := range results {
		total += len(r.Events)
	}
	if total != 2 {
		e.t.Fatalf("concurrent sweeps stored %d events, want 2", total)
	}
	// Every event written carries its log entry: the projection of what was stored.
	wantLedgerEntries(e)
}
