package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// memDB is a database in memory with event rows: requests with their
// events, whose projections its log holds. It reads as *store.Store does
// (EventRows), so the comparison of the rows runs over several pages.
type memDB struct {
	memRows
	requests []*schakel.Request // in id order
	events   map[int64][]*schakel.Event
	failOn   int64 // EventsOf fails for a page with this request
}

func (m *memDB) Requests(_ context.Context, f schakel.RequestFilter) ([]*schakel.Request, int, error) {
	if !f.ByID {
		return nil, 0, errors.New("memDB reads by id only")
	}
	i, _ := slices.BinarySearchFunc(m.requests, f.AfterID+1, func(r *schakel.Request, id int64) int { return int(r.ID - id) })
	return m.requests[i:min(i+f.Limit, len(m.requests))], -1, nil
}

func (m *memDB) EventsOf(_ context.Context, ids []int64) (map[int64][]*schakel.Event, error) {
	out := map[int64][]*schakel.Event{}
	for _, id := range ids {
		if id == m.failOn {
			return nil, fmt.Errorf("disk on fire at request %d", id)
		}
		out[id] = m.events[id]
	}
	return out, nil
}

func (m *memDB) Erasures(context.Context, []int64) (map[int64]*schakel.Erasure, error) {
	return nil, nil
}

// newRowsWorld returns a world whose log holds the projections of the
// events of n requests (three each) of a memDB, appended in another order
// than the rows are read (by event number, then request).
func newRowsWorld(t *testing.T, n int) (*testWorld, *memDB) {
	t.Helper()
	w := newTestWorld(t)
	w.log = &memLog{override: map[string][]byte{}}
	db := &memDB{memRows: memRows{w.log}, events: map[int64][]*schakel.Event{}}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	types := []schakel.EventType{schakel.EventCreated, schakel.EventAcknowledged, schakel.EventClosed}
	for id := int64(1); id <= int64(n); id++ {
		r := &schakel.Request{ID: id, Type: schakel.TypeProfessionalBrake, Subject: fmt.Sprint("onderwerp ", id), Body: "tekst",
			Requester: schakel.Party{Kind: schakel.PartyUser, UserID: 7}, Ladder: []schakel.Addressee{{OrganisationID: id%5 + 1, Role: schakel.RoleCoordinator}},
			Grounds: []schakel.Ground{{Principle: "zorgvuldigheid", Text: "grond"}}}
		db.requests = append(db.requests, r)
		for seq := 1; seq <= 3; seq++ {
			ev := &schakel.Event{RequestID: id, Seq: seq, Type: types[seq-1], At: at.Add(time.Duration(id) * time.Minute), State: schakel.StateOpen,
				Actor: schakel.Party{Kind: schakel.PartyOrganisation, OrganisationID: id%5 + 1}, Data: schakel.EventData{Reason: fmt.Sprint("reden ", seq)}}
			if id%2 == 0 {
				ev.CommitSeed = bytes.Repeat([]byte{byte(id)}, ledger.SeedSize)
			}
			db.events[id] = append(db.events[id], ev)
		}
	}
	for seq := 1; seq <= 3; seq++ {
		for _, r := range db.requests {
			w.log.add(t, ledger.Project(r, db.events[r.ID][seq-1]).Encode())
		}
	}
	w.log.sign(t, w.signer, int64(len(w.log.entries)))
	return w, db
}

// rowsVerifier returns a Verifier of the world's database, writing to out,
// looking up 10 events.
func rowsVerifier(w *testWorld, db *memDB, out *bytes.Buffer) *Verifier {
	v := w.verifier(NewStoreSource("database (memory)", db), out)
	v.Events = 10
	return v
}

// TestRowsOverPagesAndProgress: the rows of 1,200 requests, three pages,
// read and compared beside the tree check, all match; OnProgress is
// called with done increasing to its total, each entry counted hashed and
// its row recomputed.
func TestRowsOverPagesAndProgress(t *testing.T) {
	w, db := newRowsWorld(t, 1200)
	var out bytes.Buffer
	v := rowsVerifier(w, db, &out)
	var calls [][2]int64
	v.OnProgress = func(done, total int64) { calls = append(calls, [2]int64{done, total}) }
	res := mustVerify(t, v)
	if res.Rows == nil || res.Rows.Events != 3600 || res.Rows.Pending != 0 {
		t.Fatalf("rows %+v", res.Rows)
	}
	wantLines(t, out.String(), "ok  event rows: 3600 events in the database match their log entry (their public projection recomputed)\n")
	if len(calls) < 10 || len(calls) > progressCalls+3 {
		t.Fatalf("%d calls of OnProgress: %v", len(calls), calls)
	}
	for i, c := range calls {
		if c[1] != 2*3600 {
			t.Fatalf("call %d: total %d, want %d", i, c[1], 2*3600)
		}
		if i > 0 && c[0] <= calls[i-1][0] {
			t.Fatalf("call %d: done %d after %d", i, c[0], calls[i-1][0])
		}
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Fatalf("the last call is %v, not done", last)
	}
}

// TestRowsTamperedOverPages: altered rows on the first and the last page
// and a deleted one on the middle page are each named, in the order of the
// rows, whichever page was recomputed first; run after run the same.
func TestRowsTamperedOverPages(t *testing.T) {
	w, db := newRowsWorld(t, 1200)
	db.events[2][1].State = schakel.StateClosed
	db.events[1100][0].Actor.OrganisationID = 99
	db.events[700] = db.events[700][:2]
	want := "event 2 of request 2 in the database differs from its log entry 1201 in state (event or request row altered after it was logged)\n" +
		"  - event 1 of request 1100 in the database differs from its log entry 1099 in actor (event or request row altered after it was logged)\n" +
		"  - 1 entries of the log are events the database does not have (event rows deleted)"
	for range 3 {
		var out bytes.Buffer
		_, err := rowsVerifier(w, db, &out).Verify(context.Background())
		var pe *ProblemsError
		if !errors.As(err, &pe) || !strings.HasSuffix(err.Error(), want) || len(pe.Problems) != 3 {
			t.Fatalf("error %v, want the problems\n%s\n%s", err, want, out.String())
		}
	}
}

// TestRowsUnreadable: a page whose events cannot be read stops the
// comparison with that one problem.
func TestRowsUnreadable(t *testing.T) {
	w, db := newRowsWorld(t, 1200)
	db.failOn = 600
	db.events[2][1].State = schakel.StateClosed // on a page read well
	var out bytes.Buffer
	_, err := rowsVerifier(w, db, &out).Verify(context.Background())
	var pe *ProblemsError
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0] != "reading the events: disk on fire at request 600" {
		t.Fatalf("error %v\n%s", err, out.String())
	}
}

// TestRowsStopWithTheTree: when the tree does not verify, the reading of
// the rows beside it stops and only the tree's problems are reported.
func TestRowsStopWithTheTree(t *testing.T) {
	w, db := newRowsWorld(t, 1200)
	w.log.entries[5] = bytes.Clone(w.log.entries[6])
	db.events[2][1].State = schakel.StateClosed
	_, err := rowsVerifier(w, db, &bytes.Buffer{}).Verify(context.Background())
	if err == nil || strings.Contains(err.Error(), "in the database differs") {
		t.Fatalf("error %v", err)
	}
}
