package jobs_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/progress"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// withdrawAll withdraws the requests at the clock's current time.
func (w *world) withdrawAll(t *testing.T, rs []*schakel.Request) {
	t.Helper()
	for _, r := range rs {
		n, ev, err := w.engine.Withdraw(r, schakel.Party{Kind: schakel.PartyUser, UserID: w.user.ID}, "Mevrouw Jansen trekt in.", w.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.a.UpdateRequest(context.Background(), r.Version, n, ev); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTwoRetentionJobsEraseEachOnce runs the retention job on two
// instances at once, after the period of 250 withdrawn requests ran out:
// each is erased exactly once, and what one instance erased first the
// other skips.
func TestTwoRetentionJobsEraseEachOnce(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newWorld(t, b.Name)
			rs := w.create(t, 250)
			w.withdrawAll(t, rs)
			kept := w.create(t, 1)[0] // still open
			var logs bytes.Buffer
			var mu sync.Mutex
			job := func(s *store.Store) *jobs.Retention {
				svc := erasure.New(s, w.clock, slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &mu}, nil)))
				return &jobs.Retention{Eraser: svc, Clock: w.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			}
			// A day before the period ends nothing is erased.
			w.clock.Advance(time.Duration(erasure.DefaultRequestDays-1) * 24 * time.Hour)
			if res, err := job(w.a).RunOnce(context.Background()); err != nil || res != (erasure.SweepResult{}) {
				t.Fatalf("before the period ran out: %+v, %v", res, err)
			}
			w.clock.Advance(48 * time.Hour)
			var wg sync.WaitGroup
			results := make([]erasure.SweepResult, 2)
			errs := make([]error, 2)
			for i, s := range []*store.Store{w.a, w.b} {
				wg.Go(func() { results[i], errs[i] = job(s).RunOnce(context.Background()) })
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := results[0].Requests + results[1].Requests; got != len(rs) {
				t.Fatalf("erased %d of %d: %+v %+v", got, len(rs), results[0], results[1])
			}
			ids := []int64{kept.ID}
			for _, r := range rs {
				ids = append(ids, r.ID)
			}
			xs, err := w.a.Erasures(context.Background(), ids)
			if err != nil || len(xs) != len(rs) || xs[kept.ID] != nil {
				t.Fatalf("%d erasures (%v); the open request erased: %v", len(xs), err, xs[kept.ID] != nil)
			}
			if strings.Contains(logs.String(), "Jansen") || strings.Count(logs.String(), `"msg":"erasure"`) != len(rs) {
				t.Fatalf("the log has %d erasures, or a text:\n%.2000s", strings.Count(logs.String(), `"msg":"erasure"`), logs.String())
			}
		})
	}
}

// fakeSweeper counts its sweeps and returns res.
type fakeSweeper struct {
	mu  sync.Mutex
	n   int
	at  time.Time
	res erasure.SweepResult
	// during, if set, runs in the sweep after it reported its records.
	during func()
}

func (f *fakeSweeper) Sweep(_ context.Context, now time.Time, report ...func(done, total int64)) (erasure.SweepResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	f.at = now
	for _, r := range report {
		r(int64(f.res.Total()), 0)
	}
	if f.during != nil {
		f.during()
	}
	return f.res, nil
}

// TestRetentionOnBoard: while a sweep runs it is on the board as the job
// "retention" with the records handled so far; after, it is gone.
func TestRetentionOnBoard(t *testing.T) {
	clock := schakeltest.NewClock(T0)
	board := progress.NewBoard(clock)
	var during []progress.Status
	f := &fakeSweeper{res: erasure.SweepResult{Requests: 2, Cases: 1}, during: func() { during = board.Running() }}
	j := &jobs.Retention{Eraser: f, Clock: clock, Board: board}
	if _, err := j.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(during) != 1 || during[0].Name != jobs.JobRetention || during[0].Done != 3 || during[0].Total != 0 {
		t.Fatalf("during the sweep the board showed %+v", during)
	}
	if got := board.Running(); len(got) != 0 {
		t.Fatalf("after the sweep the board shows %+v", got)
	}
}

// TestRetentionRunLogsCounts: Run sweeps at once and then every interval
// at the clock's time, logs counts only, and returns when ctx ends.
func TestRetentionRunLogsCounts(t *testing.T) {
	w := newWorld(t, "sqlite")
	f := &fakeSweeper{res: erasure.SweepResult{Requests: 2, Cases: 1}}
	var logs bytes.Buffer
	var mu sync.Mutex
	j := &jobs.Retention{Eraser: f, Clock: w.clock, Log: slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { j.Run(ctx, 10*time.Millisecond); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		f.mu.Lock()
		n := f.n
		f.mu.Unlock()
		if n >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if f.n < 2 || !f.at.Equal(w.clock.Now()) {
		t.Fatalf("%d sweeps, the last at %s", f.n, f.at)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "msg=retention requests=2 brakes=0 cases=1 skipped=0") {
		t.Fatalf("log:\n%s", logs.String())
	}
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
