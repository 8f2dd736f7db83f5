package progress_test

import (
	"testing"
	"time"

	"github.com/schakel-nl/schakel/progress"
	"github.com/schakel-nl/schakel/schakeltest"
)

// TestBoard: running jobs are listed the longest running first with their
// rate and time left by the board's clock, in the Meter's words; a job that
// is done leaves the board; a nil Board and its nil Tasks do nothing.
func TestBoard(t *testing.T) {
	clock := schakeltest.NewClock(t0)
	b := progress.NewBoard(clock)
	ledger := b.Start("grootboek", 500)
	clock.Advance(time.Second)
	retention := b.Start("bewaartermijn", 0)
	clock.Advance(4 * time.Second)
	ledger.Report(100, 500) // 100 in 5s: 20/s, 400 to go: 20s
	retention.Add(8)        // 8 in 4s: 2/s
	got := b.Running()
	if len(got) != 2 || got[0].Name != "grootboek" || got[1].Name != "bewaartermijn" {
		t.Fatalf("running %+v", got)
	}
	l := got[0]
	if l.Done != 100 || l.Total != 500 || l.Percent() != 20 || l.Rate != 20 || !l.HasLeft || l.Left != 20*time.Second ||
		!l.Started.Equal(t0) || l.Elapsed != 5*time.Second {
		t.Errorf("ledger %+v", l)
	}
	if line := l.Line(); line != "grootboek: 100/500 (20%), 20/s, about 20s left" {
		t.Errorf("line %q", line)
	}
	if r := got[1]; r.Total != 0 || r.HasLeft || r.Rate != 2 || r.Line() != "bewaartermijn: 8, 2/s" {
		t.Errorf("retention %+v %q", r, r.Line())
	}
	ledger.Done()
	ledger.Done()
	if got := b.Running(); len(got) != 1 || got[0].Name != "bewaartermijn" {
		t.Fatalf("after done %+v", got)
	}
	retention.Done()
	if got := b.Running(); len(got) != 0 {
		t.Fatalf("after all done %+v", got)
	}

	var none *progress.Board
	task := none.Start("x", 1)
	task.Add(1)
	task.Report(1, 1)
	task.Done()
	if none.Running() != nil {
		t.Fatal("a nil board runs something")
	}
}
