package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// The verifiable public record (package ledger) is kept in four tables:
// log_entries (the entries by index), log_hashes (the tree's stored hashes
// by tlog.StoredHashIndex), log_checkpoints (signed notes by size) and the
// one-row log_head (the number of entries). Every event carries its entry
// in request_events.log_entry, written in the event's own transaction, and
// a trigger queues its id in log_outbox in that same transaction;
// SequenceLedger drains the outbox into the log
// (docs/decisions/0006-log-sequencer.md).

// newCommitSeed draws the commitment seed of an event about to be written
// (schakel.Event.CommitSeed): ledger.SeedSize bytes from crypto/rand, from
// which its log entry derives the opening of each text (format version 5,
// decision 0037).
func newCommitSeed() []byte {
	seed := make([]byte, ledger.SeedSize)
	// crypto/rand.Read never returns an error (it crashes the program
	// irrecoverably instead), as documented since Go 1.24.
	_, _ = rand.Read(seed)
	return seed
}

// nullBytes maps an empty byte slice to NULL.
func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// DefaultLedgerBatch is the number of events SequenceLedger appends per
// transaction when given a limit of 0 or less; MaxLedgerBatch caps the limit.
const (
	DefaultLedgerBatch = 1000
	MaxLedgerBatch     = 10000
)

// insertChunk is the number of rows per multi-row INSERT: 5 parameters a row
// stays far below the limits of both databases (32,766 and 65,535).
const insertChunk = 500

// pendingLedgerQuery selects the committed events queued in the outbox, in the
// order they were written, and whether each is in the log already (which
// only a restored or tampered database can give: such a row is dropped, not
// appended twice). It reads the outbox, not an anti-join of request_events
// with log_entries, so a round costs what is pending, not the whole history;
// and not a high-water mark on request_events.id, for on PostgreSQL ids are
// handed out at insert, not at commit: an event may become visible after
// one with a higher id, and a mark would skip it for ever.
const pendingLedgerQuery = `SELECT o.event_id, e.request_id, e.seq, e.log_entry,
	EXISTS (SELECT 1 FROM log_entries l WHERE l.subject = 'verzoek' AND l.request_id = e.request_id AND l.seq = e.seq)
	FROM log_outbox o LEFT JOIN request_events e ON e.id = o.event_id
	ORDER BY o.event_id LIMIT ?`

// pendingEvent is an event found by pendingLedgerQuery (subject
// "verzoek"), or a row of another subject found by logSubject.pendingQuery
// (requestID holding the id of its case or proposal).
type pendingEvent struct {
	subject   string
	requestID int64
	seq       int
	entry     []byte
}

// SequenceLedger appends up to limit committed events that are not yet in the
// log (queued in log_outbox), in the order they were written, and returns
// how many it appended (fewer than limit: nothing more was pending when it
// looked). limit 0 or less means DefaultLedgerBatch; it is capped at
// MaxLedgerBatch.
//
// It runs in one transaction that holds the log head: on PostgreSQL the row
// lock on log_head, on SQLite the writer lock. Any number of instances may
// call it at once: they take turns, and each sees what the one before it
// appended, so every event is appended exactly once (log_entries is also
// UNIQUE on the event, and the outbox rows go in the same transaction as
// the append) and the indexes are gap-free. For entry n it stores
// the entry and ledger.HashesForAppend(n, entry) at tlog.StoredHashIndex(0, n)
// onwards, then advances the head.
func (s *Store) SequenceLedger(ctx context.Context, limit int) (int, error) {
	if limit <= 0 {
		limit = DefaultLedgerBatch
	}
	limit = min(limit, MaxLedgerBatch)
	appended := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		appended = 0
		var size int64
		if err := tx.QueryRowContext(ctx, "SELECT size FROM log_head WHERE id = 1"+s.dialect.lockRow()).Scan(&size); err != nil {
			return fmt.Errorf("log head: %w", err)
		}
		pending, queued, err := s.pendingEvents(ctx, tx, limit)
		if err != nil {
			return err
		}
		if len(queued) > 0 {
			clause, arg := s.inList("event_id", queued)
			if _, err := tx.ExecContext(ctx, "DELETE FROM log_outbox WHERE "+clause, arg); err != nil {
				return fmt.Errorf("log outbox: %w", err)
			}
		}
		left := limit - len(queued)
		for _, sub := range logSubjects {
			rows, read, err := s.pendingOf(ctx, tx, sub, left)
			if err != nil {
				return err
			}
			pending, left = append(pending, rows...), left-read
		}
		if len(pending) == 0 {
			return nil
		}
		hr := &batchHashReader{ctx: ctx, s: s, q: tx, m: map[int64]tlog.Hash{}}
		entryArgs := make([]any, 0, 5*len(pending))
		hashArgs := make([]any, 0, 2*2*len(pending))
		for i, p := range pending {
			n := size + int64(i)
			hashes, err := ledger.HashesForAppend(n, p.entry, hr)
			if err != nil {
				return fmt.Errorf("event %d of %s %d: %w", p.seq, p.subject, p.requestID, err)
			}
			first := tlog.StoredHashIndex(0, n)
			for j, h := range hashes {
				hr.m[first+int64(j)] = h
				hashArgs = append(hashArgs, first+int64(j), h[:])
			}
			entryArgs = append(entryArgs, n, p.subject, p.requestID, p.seq, p.entry)
		}
		if err := s.insertRows(ctx, tx, "INSERT INTO log_entries (idx, subject, request_id, seq, data) VALUES ", 5, entryArgs); err != nil {
			return fmt.Errorf("log entries: %w", err)
		}
		if err := s.insertRows(ctx, tx, "INSERT INTO log_hashes (id, hash) VALUES ", 2, hashArgs); err != nil {
			return fmt.Errorf("log hashes: %w", err)
		}
		res, err := tx.ExecContext(ctx, s.q("UPDATE log_head SET size = ? WHERE id = 1 AND size = ?"), size+int64(len(pending)), size)
		if err != nil {
			return fmt.Errorf("log head: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("log head moved under its lock (%d rows, %v)", n, err)
		}
		appended = len(pending)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: sequence log: %w", err)
	}
	return appended, nil
}

// pendingEvents reads up to limit events from the outbox, in tx: the events
// to append, and the ids of all the outbox rows read, to be removed. Events
// written before the log existed have no log_entry: their projection is
// computed from the stored request and event, which is what the event's
// writer would have computed (ledger.Project uses only facts of the request
// that never change).
func (s *Store) pendingEvents(ctx context.Context, tx *sql.Tx, limit int) (out []pendingEvent, queued []int64, err error) {
	rows, err := tx.QueryContext(ctx, s.q(pendingLedgerQuery), limit)
	if err != nil {
		return nil, nil, fmt.Errorf("pending events: %w", err)
	}
	legacy := false
	for rows.Next() {
		var id int64
		var requestID, seq sql.NullInt64
		var entry []byte
		var logged bool
		if err := rows.Scan(&id, &requestID, &seq, &entry, &logged); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("pending events: %w", err)
		}
		queued = append(queued, id)
		if !requestID.Valid || logged {
			continue // the event is gone, or in the log already
		}
		legacy = legacy || entry == nil
		out = append(out, pendingEvent{subject: "verzoek", requestID: requestID.Int64, seq: int(seq.Int64), entry: entry})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("pending events: %w", err)
	}
	if !legacy {
		return out, queued, nil
	}
	// Rare (once, after the migration): one request and its events at a time.
	cache := map[int64]*schakel.Request{}
	events := map[int64][]*schakel.Event{}
	for i, p := range out {
		if p.entry != nil {
			continue
		}
		r, ok := cache[p.requestID]
		if !ok {
			if r, err = s.Request(ctx, p.requestID); err != nil {
				return nil, nil, err
			}
			if events[p.requestID], err = s.Events(ctx, p.requestID); err != nil {
				return nil, nil, err
			}
			cache[p.requestID] = r
		}
		var ev *schakel.Event
		for _, e := range events[p.requestID] {
			if e.Seq == p.seq {
				ev = e
			}
		}
		if ev == nil {
			return nil, nil, fmt.Errorf("event %d of request %d: not found", p.seq, p.requestID)
		}
		if out[i].entry, err = ledgerEntry(r, ev, p.requestID); err != nil {
			return nil, nil, err
		}
	}
	return out, queued, nil
}

// inList returns the condition "column is one of ids" with one parameter
// whatever the number of ids (dialect.inIDs), numbered for a query that
// has no other: an array on PostgreSQL, a JSON array on SQLite.
func (s *Store) inList(column string, ids []int64) (string, any) {
	cond, arg := s.dialect.inIDs(column, ids)
	return s.q(cond), arg
}

// insertRows inserts rows of k columns given as flat args with multi-row
// INSERTs of up to insertChunk rows.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, prefix string, k int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/k, insertChunk)
		if _, err := tx.ExecContext(ctx, s.q(prefix+rowsOf(k, n)), args[:n*k]...); err != nil {
			return err
		}
		args = args[n*k:]
	}
	return nil
}

// batchHashReader reads stored hashes for SequenceLedger: those the batch has
// computed so far from m, the others from log_hashes in the transaction.
// Hashes read are kept in m too: the hashes entry n+1 needs are those entry
// n needed plus the ones it added, so a batch reads the table once.
type batchHashReader struct {
	ctx context.Context
	s   *Store
	q   queryer
	m   map[int64]tlog.Hash
}

func (r *batchHashReader) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	var missing []int64
	for _, x := range indexes {
		if _, ok := r.m[x]; !ok {
			missing = append(missing, x)
		}
	}
	if len(missing) > 0 {
		got, err := r.s.readHashes(r.ctx, r.q, missing)
		if err != nil {
			return nil, err
		}
		for i, x := range missing {
			r.m[x] = got[i]
		}
	}
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		out[i] = r.m[x]
	}
	return out, nil
}

// readHashes reads the stored hashes at indexes with one query, in the
// order asked; it fails naming the first index that is not stored or does
// not hold a hash.
func (s *Store) readHashes(ctx context.Context, q queryer, indexes []int64) ([]tlog.Hash, error) {
	if len(indexes) == 0 {
		return nil, nil
	}
	clause, arg := s.inList("id", indexes)
	rows, err := q.QueryContext(ctx, "SELECT id, hash FROM log_hashes WHERE "+clause, arg)
	if err != nil {
		return nil, fmt.Errorf("store: read log hashes: %w", err)
	}
	defer rows.Close()
	got := make(map[int64]tlog.Hash, len(indexes))
	for rows.Next() {
		var id int64
		var h []byte
		if err := rows.Scan(&id, &h); err != nil {
			return nil, fmt.Errorf("store: read log hashes: %w", err)
		}
		if len(h) != tlog.HashSize {
			return nil, fmt.Errorf("store: log hash %d has %d bytes, not %d", id, len(h), tlog.HashSize)
		}
		got[id] = tlog.Hash(h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read log hashes: %w", err)
	}
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		h, ok := got[x]
		if !ok {
			return nil, fmt.Errorf("store: log hash %d is not stored", x)
		}
		out[i] = h
	}
	return out, nil
}

// ReadHashes implements tlog.HashReader over the stored hashes of the log,
// with one query for all indexes. tlog's interface has no context; use
// LedgerHashReader to pass one.
func (s *Store) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	return s.readHashes(context.Background(), s.read, indexes)
}

// LedgerHashReader returns a tlog.HashReader over the stored hashes of the log
// whose queries run with ctx.
func (s *Store) LedgerHashReader(ctx context.Context) tlog.HashReader {
	return hashReader{ctx: ctx, s: s}
}

type hashReader struct {
	ctx context.Context
	s   *Store
}

func (r hashReader) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	return r.s.readHashes(r.ctx, r.s.read, indexes)
}

// LedgerSize returns the number of entries in the log.
func (s *Store) LedgerSize(ctx context.Context) (int64, error) {
	var size int64
	if err := s.readRow(ctx, "SELECT size FROM log_head WHERE id = 1").Scan(&size); err != nil {
		return 0, fmt.Errorf("store: log size: %w", err)
	}
	return size, nil
}

// LedgerEntries returns the stored entries with indexes start ≤ i < end in
// index order, with one query: a ledger.EntryReader. It returns what the
// table holds, also fewer entries than asked when rows are missing; judging
// that is the verifier's job (see ledger.ReadTile).
func (s *Store) LedgerEntries(ctx context.Context, start, end int64) ([][]byte, error) {
	if start < 0 || end < start {
		return nil, schakel.Errorf(schakel.EINVALID, "Ongeldig bereik van de log: %d tot %d.", start, end)
	}
	if start == end {
		return nil, nil
	}
	rows, err := s.readRows(ctx, "SELECT data FROM log_entries WHERE idx >= ? AND idx < ? ORDER BY idx", start, end)
	if err != nil {
		return nil, fmt.Errorf("store: log entries %d-%d: %w", start, end, err)
	}
	defer rows.Close()
	out := make([][]byte, 0, min(end-start, ledger.TileWidth))
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("store: log entries %d-%d: %w", start, end, err)
		}
		out = append(out, data)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: log entries %d-%d: %w", start, end, err)
	}
	return out, nil
}

// LedgerIndex returns the index in the log of event seq of request requestID,
// or ENOTFOUND when it has not been sequenced (yet).
func (s *Store) LedgerIndex(ctx context.Context, requestID int64, seq int) (int64, error) {
	var idx int64
	err := s.readRow(ctx, "SELECT idx FROM log_entries WHERE subject = 'verzoek' AND request_id = ? AND seq = ?", requestID, seq).Scan(&idx)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, schakel.Errorf(schakel.ENOTFOUND, "Gebeurtenis %d van verzoek %d staat (nog) niet in de log.", seq, requestID)
	}
	if err != nil {
		return 0, fmt.Errorf("store: log index of event %d of request %d: %w", seq, requestID, err)
	}
	return idx, nil
}

// SaveCheckpoint stores the signed checkpoint note for a tree of the given
// size. Saving the same note again is a no-op (two instances signing the
// same size with the same key make the same note: Ed25519 is
// deterministic); a different note for a size that has one is ECONFLICT,
// for that would be a fork.
func (s *Store) SaveCheckpoint(ctx context.Context, size int64, note []byte) error {
	if size < 0 || len(note) == 0 {
		return schakel.Errorf(schakel.EINVALID, "Een checkpoint heeft een grootte van 0 of meer en een ondertekende tekst.")
	}
	res, err := s.execWrite(ctx, s.q("INSERT INTO log_checkpoints (size, note, created_at) VALUES (?, ?, ?) ON CONFLICT (size) DO NOTHING"),
		size, note, s.Now())
	if err != nil {
		return s.noteWrite(fmt.Errorf("store: save checkpoint %d: %w", size, err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: save checkpoint %d: %w", size, err)
	} else if n == 1 {
		return nil
	}
	have, err := s.CheckpointAt(ctx, size)
	if err != nil {
		return err
	}
	if string(have) != string(note) {
		return schakel.Errorf(schakel.ECONFLICT, "Er is al een ander checkpoint voor grootte %d.", size)
	}
	return nil
}

// LatestCheckpoint returns the stored checkpoint of the largest size with
// the witnesses' cosignatures appended (AddCosignature), as it is
// published, or ENOTFOUND when none has been made.
func (s *Store) LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error) {
	err = s.readRow(ctx, "SELECT size, note FROM log_checkpoints ORDER BY size DESC LIMIT 1").Scan(&size, &note)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, schakel.Errorf(schakel.ENOTFOUND, "Er is nog geen checkpoint.")
	}
	if err != nil {
		return 0, nil, fmt.Errorf("store: latest checkpoint: %w", err)
	}
	cosigs, err := s.cosignatures(ctx, size)
	if err != nil {
		return 0, nil, err
	}
	return size, append(note, cosigs...), nil
}

// CheckpointAt returns the stored checkpoint for a tree of the given size,
// or ENOTFOUND.
func (s *Store) CheckpointAt(ctx context.Context, size int64) ([]byte, error) {
	var note []byte
	err := s.readRow(ctx, "SELECT note FROM log_checkpoints WHERE size = ?", size).Scan(&note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Er is geen checkpoint voor grootte %d.", size)
	}
	if err != nil {
		return nil, fmt.Errorf("store: checkpoint %d: %w", size, err)
	}
	return note, nil
}
