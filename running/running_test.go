package running_test

import (
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/progress"
	"github.com/schakel-nl/schakel/running"
	"github.com/schakel-nl/schakel/schakeltest"
)

// TestJobs: an operator sees the jobs on the board; an organisation's
// administrator who is no operator, and someone not logged in, do not.
func TestJobs(t *testing.T) {
	clock := schakeltest.NewClock(time.Date(2026, 12, 7, 22, 0, 0, 0, time.UTC))
	board := progress.NewBoard(clock)
	s := running.New(board)
	task := board.Start("retention", 0)
	defer task.Done()
	clock.Advance(2 * time.Second)
	task.Add(10)

	operator := &schakel.User{ID: 1, Operator: true, Memberships: []schakel.Membership{{OrganisationID: 1, Role: schakel.RoleAdmin}}}
	got, err := s.Jobs(operator)
	if err != nil || len(got) != 1 || got[0].Name != "retention" || got[0].Done != 10 || got[0].Rate != 5 {
		t.Fatalf("operator sees %+v, %v", got, err)
	}
	admin := &schakel.User{ID: 2, Memberships: []schakel.Membership{{OrganisationID: 1, Role: schakel.RoleAdmin}}}
	if _, err := s.Jobs(admin); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
		t.Fatalf("an administrator who is no operator: %v", err)
	}
	if _, err := s.Jobs(nil); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED {
		t.Fatalf("nobody: %v", err)
	}
	if s.Board() != board {
		t.Fatal("Board is not the board")
	}
}
