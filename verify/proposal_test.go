package verify

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// testProposalEvent is event seq of proposal id of ministry 2, with a
// digest.
func testProposalEvent(id int64, seq int) *schakel.ProposalEvent {
	return &schakel.ProposalEvent{ProposalID: id, Seq: seq, Type: schakel.ProposalEventRegistered, By: 7,
		At: time.Date(2026, 12, 7, 9, seq, 0, 0, time.UTC), Digest: strings.Repeat(fmt.Sprintf("%02x", seq), 32)}
}

// testProposalEntry is the entry of event seq of proposal id of ministry 2.
func testProposalEntry(id int64, seq int) []byte {
	return ledger.ProjectProposal(2, testProposalEvent(id, seq)).Encode()
}

// TestProposalEntriesVerify: a log holding entries about proposals beside
// the request events and the changes of the register verifies, and says
// how many events of proposals it holds; they are not looked up by id.
func TestProposalEntriesVerify(t *testing.T) {
	w := newTestWorld(t)
	w.log.add(t, testCaseEntry(4, 1), testProposalEntry(4, 1), testProposalEntry(4, 2), testProposalEntry(9, 1))
	w.log.sign(t, w.signer, 304)
	var out strings.Builder
	res, err := w.verifier(memSource{w.log}, &out).Verify(context.Background())
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if res.Entries != 304 || res.Events != 300 || res.Changes != 1 || res.ProposalEvents != 3 || res.LookedUp != 300 {
		t.Fatalf("entries %d, events %d, changes %d, proposal events %d, looked up %d", res.Entries, res.Events, res.Changes, res.ProposalEvents, res.LookedUp)
	}
	if !strings.Contains(out.String(), "300 distinct events and 1 distinct changes of the register of cases and 3 distinct events of proposals, each in the log once") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestProposalEntryTampering(t *testing.T) {
	for name, c := range map[string]struct {
		entries [][]byte
		want    string
	}{
		"in the log twice": {[][]byte{testProposalEntry(4, 1), testProposalEntry(4, 1)},
			"entries 300 and 301 are both event 1 of proposal 4 (an event may be in the log only once)"},
		"invalid": {[][]byte{bytes.Replace(testProposalEntry(4, 1), []byte(`"ministry":2`), []byte(`"ministry":0`), 1)},
			"entry 300 is not a valid entry about a proposal"},
		"not canonical": {[][]byte{bytes.Replace(testProposalEntry(4, 1), []byte(`"seq":1,`), []byte(`"seq":1 ,`), 1)},
			"entry 300 is not a valid entry about a proposal"},
	} {
		t.Run(name, func(t *testing.T) {
			w := newTestWorld(t)
			w.log.add(t, c.entries...)
			w.log.sign(t, w.signer, int64(len(w.log.entries)))
			_, err := w.verifier(memSource{w.log}, nil).Verify(context.Background())
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
}

// proposalRows is a database in memory that holds only proposals: their
// events, and a log (memRows) of their entries.
type proposalRows struct {
	memRows
	proposals []*schakel.Proposal // newest first
	events    map[int64][]*schakel.ProposalEvent
}

func (m *proposalRows) Proposals(_ context.Context, f schakel.ProposalFilter) ([]*schakel.Proposal, int, error) {
	start := min(f.Offset, len(m.proposals))
	return m.proposals[start:min(start+f.Limit, len(m.proposals))], len(m.proposals), nil
}

func (m *proposalRows) ProposalEvents(_ context.Context, id int64) ([]*schakel.ProposalEvent, error) {
	return m.events[id], nil
}

// newProposalRows makes n proposals of ministry 2 with two events each,
// all in a signed log but the last event, which is pending.
func newProposalRows(t *testing.T, w *testWorld, n int) *proposalRows {
	t.Helper()
	w.log = &memLog{override: map[string][]byte{}}
	m := &proposalRows{memRows: memRows{w.log}, events: map[int64][]*schakel.ProposalEvent{}}
	for id := int64(n); id >= 1; id-- {
		m.proposals = append(m.proposals, &schakel.Proposal{ID: id, MinistryID: 2})
	}
	for id := int64(1); id <= int64(n); id++ {
		for seq := 1; seq <= 2; seq++ {
			m.events[id] = append(m.events[id], testProposalEvent(id, seq))
			if id < int64(n) || seq < 2 {
				w.log.add(t, testProposalEntry(id, seq))
			}
		}
	}
	w.log.sign(t, w.signer, int64(len(w.log.entries)))
	return m
}

// TestProposalRows: offline, every event of a proposal in the database is
// compared with its entry, a page of proposals at a time; an event row
// rewritten, a proposal moved to another ministry or an event deleted is
// caught.
func TestProposalRows(t *testing.T) {
	t.Run("match", func(t *testing.T) {
		w := newTestWorld(t)
		m := newProposalRows(t, w, proposalsPage+20)
		var out bytes.Buffer
		res, err := w.verifier(NewStoreSource("database (memory)", m), &out).Verify(context.Background())
		if err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		if want := 2*(proposalsPage+20) - 1; res.Rows.ProposalEvents != want || res.Rows.ProposalEventsPending != 1 {
			t.Fatalf("compared %d, pending %d, want %d and 1", res.Rows.ProposalEvents, res.Rows.ProposalEventsPending, want)
		}
		wantLines(t, out.String(), fmt.Sprintf("ok  proposals: %d events of proposals in the database match their log entry (recomputed); 1 newer events of proposals are not yet in a checkpoint\n", 2*(proposalsPage+20)-1))
	})
	for name, c := range map[string]struct {
		tamper func(m *proposalRows)
		want   string
	}{
		"event rewritten": {func(m *proposalRows) { m.events[2][1].Digest = strings.Repeat("ee", 32) },
			"event 2 of proposal 2 in the database differs from its log entry 3 (proposal or event row altered after it was logged)"},
		"event moved in time": {func(m *proposalRows) { m.events[1][0].At = m.events[1][0].At.Add(time.Hour) },
			"event 1 of proposal 1 in the database differs from its log entry 0"},
		"proposal of another ministry": {func(m *proposalRows) { m.proposals[len(m.proposals)-1].MinistryID = 3 },
			"event 1 of proposal 1 in the database differs from its log entry 0"},
		"event deleted": {func(m *proposalRows) { m.events[2] = m.events[2][:1] },
			"1 entries of the log are events of proposals the database does not have (rows deleted)"},
		"proposal deleted": {func(m *proposalRows) { m.proposals = m.proposals[1:] },
			"1 entries of the log are events of proposals the database does not have (rows deleted)"},
	} {
		t.Run(name, func(t *testing.T) {
			w := newTestWorld(t)
			m := newProposalRows(t, w, 3)
			c.tamper(m)
			_, err := w.verifier(NewStoreSource("database (memory)", m), nil).Verify(context.Background())
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
}
