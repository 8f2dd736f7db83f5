package verify

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// LedgerReader is what serving the public record reads from a database.
// *store.Store implements it.
type LedgerReader interface {
	// LatestCheckpoint returns the latest signed checkpoint and its size,
	// or an error with code schakel.ENOTFOUND when none was signed yet.
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
	// LedgerHashReader reads the tree's stored hashes.
	LedgerHashReader(ctx context.Context) tlog.HashReader
	// LedgerEntries returns the entries with indexes start ≤ i < end.
	LedgerEntries(ctx context.Context, start, end int64) ([][]byte, error)
}

// EventRows is what an offline verification reads from a database besides
// the log: the event index and the rows the entries were made from.
// *store.Store implements it.
type EventRows interface {
	LedgerReader
	// LedgerIndex returns the index of an event's entry, or an error with
	// code schakel.ENOTFOUND when it is not in the log.
	LedgerIndex(ctx context.Context, requestID int64, seq int) (int64, error)
	// Requests returns the requests f selects.
	Requests(ctx context.Context, f schakel.RequestFilter) ([]*schakel.Request, int, error)
	// EventsOf returns the events of the requests, by request id.
	EventsOf(ctx context.Context, requestIDs []int64) (map[int64][]*schakel.Event, error)
	// Erasures returns the erasures of the requests whose texts were
	// erased, by request id.
	Erasures(ctx context.Context, requestIDs []int64) (map[int64]*schakel.Erasure, error)
}

// ErrNoCheckpoint is returned by a [StoreFetcher] for the checkpoint of a
// log that has signed none yet.
var ErrNoCheckpoint = errors.New("the log has no signed checkpoint yet")

// StoreFetcher returns a ledger.Fetcher over a database: "checkpoint" is
// the latest signed checkpoint, and "tile/…" the C2SP tlog-tiles resources
// of the tree as far as the latest checkpoint goes, read with
// ledger.ReadTile. It is exactly what a schakel serves at GET /log/…, so an
// offline verification reads what outsiders read. Errors for paths the log
// does not have wrap ledger.ErrNotFound or [ErrNoCheckpoint].
func StoreFetcher(ctx context.Context, st LedgerReader) ledger.Fetcher {
	return func(path string) ([]byte, error) {
		size, note, err := st.LatestCheckpoint(ctx)
		if schakel.ErrorCode(err) == schakel.ENOTFOUND {
			return nil, ErrNoCheckpoint
		}
		if err != nil {
			return nil, err
		}
		if path == "checkpoint" {
			return note, nil
		}
		// Never serve beyond what is signed: the hashes and entries after
		// the latest checkpoint are not yet public.
		return ledger.ReadTile(path, size, st.LedgerHashReader(ctx), func(start, end int64) ([][]byte, error) {
			return st.LedgerEntries(ctx, start, end)
		})
	}
}

// StoreSource reads the public record from a database, offline, exactly as
// the site would serve it ([StoreFetcher]). It is a [Source] and a
// [RowSource]: the Verifier also compares every event row with its entry.
type StoreSource struct {
	name string
	st   EventRows
}

// NewStoreSource returns a source over the database st, named name in the
// report, such as "database (sqlite)".
func NewStoreSource(name string, st EventRows) *StoreSource {
	return &StoreSource{name: name, st: st}
}

// Name returns the name the source was made with.
func (s *StoreSource) Name() string { return s.name }

// ReadLog reads the resource at path through [StoreFetcher].
func (s *StoreSource) ReadLog(ctx context.Context, path string) ([]byte, error) {
	return StoreFetcher(ctx, s.st)(path)
}

// LookupMethod names the database's event index.
func (s *StoreSource) LookupMethod() string { return "the database's event index (LedgerIndex)" }

// LookupEvent finds the event's entry through the database's event index.
func (s *StoreSource) LookupEvent(ctx context.Context, requestID int64, seq int) (*Event, error) {
	index, err := s.st.LedgerIndex(ctx, requestID, seq)
	if err != nil {
		return nil, errors.New(schakel.ErrorMessage(err))
	}
	entries, err := s.st.LedgerEntries(ctx, index, index+1)
	if err != nil {
		return nil, err
	}
	if len(entries) != 1 {
		return nil, fmt.Errorf("log entry %d is missing", index)
	}
	return &Event{Index: index, Entry: entries[0]}, nil
}

// EventRows returns the database.
func (s *StoreSource) EventRows() EventRows { return s.st }
