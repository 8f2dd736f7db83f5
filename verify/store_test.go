package verify

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// memRows is the ledger tables of a database in memory, without a single
// request or event row: EventRows over a memLog.
type memRows struct{ log *memLog }

func (m memRows) LatestCheckpoint(context.Context) (int64, []byte, error) {
	if m.log.note == nil {
		return 0, nil, schakel.Errorf(schakel.ENOTFOUND, "no checkpoint")
	}
	return m.log.size, m.log.note, nil
}

func (m memRows) LedgerHashReader(context.Context) tlog.HashReader { return m.log }

func (m memRows) LedgerEntries(_ context.Context, start, end int64) ([][]byte, error) {
	return m.log.entries[start:min(end, int64(len(m.log.entries)))], nil
}

func (m memRows) LedgerIndex(_ context.Context, requestID int64, seq int) (int64, error) {
	index, _, err := m.log.lookup(requestID, seq)
	return index, err
}

func (memRows) Requests(context.Context, schakel.RequestFilter) ([]*schakel.Request, int, error) {
	return nil, 0, nil
}

func (memRows) EventsOf(context.Context, []int64) (map[int64][]*schakel.Event, error) {
	return nil, nil
}

func (memRows) Erasures(context.Context, []int64) (map[int64]*schakel.Erasure, error) {
	return nil, nil
}

func TestStoreFetcher(t *testing.T) {
	ctx := context.Background()
	log := &memLog{}
	fetch := StoreFetcher(ctx, memRows{log})
	if _, err := fetch("checkpoint"); !errors.Is(err, ErrNoCheckpoint) {
		t.Fatalf("checkpoint of a log without one: %v", err)
	}
	w := newTestWorld(t)
	fetch = StoreFetcher(ctx, memRows{w.log})
	w.log.add(t, testEntries(101, 101)...) // not yet signed
	if note, err := fetch("checkpoint"); err != nil || !bytes.Equal(note, w.log.note) {
		t.Fatalf("checkpoint: %q, %v", note, err)
	}
	for path, n := range map[string]int{"tile/0/000": 256 * 32, "tile/0/001.p/44": 44 * 32, "tile/1/000.p/1": 32} {
		if data, err := fetch(path); err != nil || len(data) != n {
			t.Errorf("%s: %d bytes, %v", path, len(data), err)
		}
	}
	if _, err := fetch("tile/0/001.p/45"); !errors.Is(err, ledger.ErrNotFound) {
		t.Errorf("a tile beyond the checkpoint: %v", err)
	}
}

// TestStoreSource: a database is a RowSource; one whose event rows are gone
// does not verify, though its log does.
func TestStoreSource(t *testing.T) {
	w := newTestWorld(t)
	src := NewStoreSource("database (memory)", memRows{w.log})
	var out bytes.Buffer
	_, err := w.verifier(src, &out).Verify(context.Background())
	if err == nil || !strings.Contains(err.Error(), "300 entries of the log are events the database does not have (event rows deleted)") {
		t.Fatalf("error %v\n%s", err, out.String())
	}
	wantLines(t, out.String(),
		"Checking the public record of database (memory)\n",
		"ok  lookups: 300 of 300 events looked up by id through the database's event index (LedgerIndex): same index and bytes as in the tiles, each decodes as a request entry (version 1 or 5), inclusion in the checkpoint checked (ledger.CheckInclusion)\n",
	)
	if ev, err := src.LookupEvent(context.Background(), 101, 1); ev != nil || err == nil || err.Error() != "event 101/1 is not in the log" {
		t.Errorf("lookup of an event not in the log: %v, %v", ev, err)
	}
}
