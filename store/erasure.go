package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
)

var _ schakel.ErasureStore = (*Store)(nil)

// EraseRequestTexts implements schakel.ErasureStore. In one transaction it
// locks the request, records the erasure in request_erasures (first: the
// append-only trigger on request_events allows changing an event's data
// only for an erased request, and only to erase its texts), replaces the
// subject, body and ground texts of the request (and a brake's concerned,
// decision reference and wanted outcome) and the free texts in the data of
// every event with schakel.ErasedText, erases the events' commitment seeds
// (schakel.Event.CommitSeed), and leaves everything else —
// codes, states, dates, parties, the events' log entries — as it was.
//
// It is the storage half of erasure; the erasure service (package erasure)
// decides when: on a data subject's request, or when the request's
// retention period has run out.
func (s *Store) EraseRequestTexts(ctx context.Context, requestID int64, reason string) error {
	return s.eraseTexts(ctx, erasableRequests, requestID, reason, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE requests SET subject = CASE WHEN subject = '' THEN '' ELSE ? END,
			body = CASE WHEN body = '' THEN '' ELSE ? END WHERE id = ?`), schakel.ErasedText, schakel.ErasedText, requestID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q("UPDATE request_grounds SET text = ? WHERE request_id = ? AND text <> ''"), schakel.ErasedText, requestID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE brakes SET concerned = CASE WHEN concerned = '' THEN '' ELSE ? END,
			decision_reference = CASE WHEN decision_reference = '' THEN '' ELSE ? END,
			wanted_outcome = CASE WHEN wanted_outcome = '' THEN '' ELSE ? END WHERE request_id = ?`),
			schakel.ErasedText, schakel.ErasedText, schakel.ErasedText, requestID); err != nil {
			return err
		}
		if err := s.eraseEventTexts(ctx, tx, requestID); err != nil {
			return err
		}
		// The seeds go with the texts: without them the log's
		// commitments can be neither opened nor checked against a guess.
		_, err := tx.ExecContext(ctx, s.q("UPDATE request_events SET commit_seed = NULL WHERE request_id = ? AND commit_seed IS NOT NULL"), requestID)
		return err
	})
}

// erasable is a kind of record whose texts can be erased (requests and
// cases): its table, the table recording its erasures and that table's id
// column, when it has ended, a check before erasing, and its messages
// (formats with the record's id: not found, erased on a date, erased, not
// ended with its state).
type erasable struct {
	table, erasures, idColumn string
	ended                     func(state string) bool
	// ready, if set, refuses an erasure that cannot be done yet.
	ready                                func(s *Store, ctx context.Context, tx *sql.Tx, id int64) error
	notFound, erasedOn, erased, notEnded string
}

// erasableRequests are the requests for account (and brakes, which are
// requests).
var erasableRequests = erasable{table: "requests", erasures: "request_erasures", idColumn: "request_id",
	ended: func(state string) bool { return schakel.RequestState(state).Final() },
	ready: func(s *Store, ctx context.Context, tx *sql.Tx, id int64) error {
		// An event from before the log whose entry the sequencer has yet
		// to compute would get one from the erased texts.
		var unlogged int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM request_events e WHERE e.request_id = ? AND e.log_entry IS NULL
			AND NOT EXISTS (SELECT 1 FROM log_entries l WHERE l.subject = 'verzoek' AND l.request_id = e.request_id AND l.seq = e.seq)`), id).Scan(&unlogged); err != nil {
			return err
		}
		if unlogged > 0 {
			return schakel.Errorf(schakel.ECONFLICT, "Verzoek %d heeft %d gebeurtenissen die nog niet in de log staan; probeer het later opnieuw.", id, unlogged)
		}
		return nil
	},
	notFound: "Verzoek %d bestaat niet.", erasedOn: "De teksten van verzoek %d zijn al gewist op %s.", erased: "De teksten van verzoek %d zijn al gewist.",
	notEnded: "Verzoek %d is %s: alleen de teksten van een gesloten of ingetrokken verzoek kunnen worden gewist."}

// eraseTexts erases the texts of record id of kind e in one transaction:
// it locks the record, checks that it exists, was not erased and has
// ended (and e.ready), records the erasure first — the append-only
// triggers of the records' events allow erasing only for an erased record
// — and then calls erase. Afterwards the old texts are purged from the
// database's files.
func (s *Store) eraseTexts(ctx context.Context, e erasable, id int64, reason string, erase func(tx *sql.Tx) error) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalidField("reden", "required", "Geef de reden van het wissen.")
	}
	now := instant(s.Now())
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var state string
		var version int
		err := tx.QueryRowContext(ctx, s.q("SELECT state, version FROM "+e.table+" WHERE id = ?"+s.dialect.lockRow()), id).Scan(&state, &version)
		if errors.Is(err, sql.ErrNoRows) {
			return schakel.Errorf(schakel.ENOTFOUND, e.notFound, id)
		}
		if err != nil {
			return err
		}
		var erasedAt time.Time
		err = tx.QueryRowContext(ctx, s.q("SELECT erased_at FROM "+e.erasures+" WHERE "+e.idColumn+" = ?"), id).Scan(&erasedAt)
		if err == nil {
			return schakel.Errorf(schakel.ECONFLICT, e.erasedOn, id, erasedAt.UTC().Format(time.DateOnly))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if !e.ended(state) {
			return schakel.Errorf(schakel.ECONFLICT, e.notEnded, id, state)
		}
		if e.ready != nil {
			if err := e.ready(s, ctx, tx, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO "+e.erasures+" ("+e.idColumn+", erased_at, reason, through_seq) VALUES (?, ?, ?, ?)"),
			id, now, reason, version); err != nil {
			if s.dialect.isUniqueViolation(err) {
				return schakel.Errorf(schakel.ECONFLICT, e.erased, id)
			}
			return err
		}
		return erase(tx)
	})
	if err != nil {
		if schakel.ErrorCode(err) != schakel.EINTERNAL {
			return err
		}
		return fmt.Errorf("store: erase texts of %s %d: %w", e.table, id, err)
	}
	s.purge(ctx, false)
	return nil
}

// eraseEventTexts rewrites the data of each event of the request that holds
// a free text, with its texts erased.
func (s *Store) eraseEventTexts(ctx context.Context, tx *sql.Tx, requestID int64) error {
	rows, err := tx.QueryContext(ctx, s.q("SELECT id, data FROM request_events WHERE request_id = ? ORDER BY seq"), requestID)
	if err != nil {
		return err
	}
	type change struct {
		id   int64
		data string
	}
	var changes []change
	for rows.Next() {
		var id int64
		var data string
		if err := rows.Scan(&id, &data); err != nil {
			rows.Close()
			return err
		}
		var d schakel.EventData
		if err := json.Unmarshal([]byte(data), &d); err != nil {
			rows.Close()
			return fmt.Errorf("event %d: %w", id, err)
		}
		erased, err := json.Marshal(d.EraseTexts())
		if err != nil {
			rows.Close()
			return fmt.Errorf("event %d: %w", id, err)
		}
		if string(erased) != data {
			changes = append(changes, change{id, string(erased)})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, s.q("UPDATE request_events SET data = ? WHERE id = ?"), c.data, c.id); err != nil {
			return fmt.Errorf("event %d: %w", c.id, err)
		}
	}
	return nil
}

// Erasures implements schakel.ErasureStore, with one query.
func (s *Store) Erasures(ctx context.Context, requestIDs []int64) (map[int64]*schakel.Erasure, error) {
	out := map[int64]*schakel.Erasure{}
	if len(requestIDs) == 0 {
		return out, nil
	}
	clause, arg := s.inList("request_id", requestIDs)
	rows, err := s.read.QueryContext(ctx, "SELECT request_id, erased_at, reason, through_seq FROM request_erasures WHERE "+clause, arg)
	if err != nil {
		return nil, fmt.Errorf("store: erasures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x schakel.Erasure
		if err := rows.Scan(&x.RequestID, &x.ErasedAt, &x.Reason, &x.ThroughSeq); err != nil {
			return nil, fmt.Errorf("store: erasures: %w", err)
		}
		x.ErasedAt = x.ErasedAt.UTC()
		out[x.RequestID] = &x
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: erasures: %w", err)
	}
	return out, nil
}
