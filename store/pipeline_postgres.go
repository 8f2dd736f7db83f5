package store

// The write paths that PostgreSQL takes in one round trip: pgx sends their
// statements as one pipelined batch over its own connection (see
// dialect.pipelines). SQLite, which has no round trips to save, runs the
// same statements in a transaction (createInTx, SweepDue).

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/schakel-nl/schakel"
)

// createPostgres writes a new request in two round trips instead of seven:
// it takes the id from the sequence first (the log entry needs it), then
// sends the four inserts as one pipelined batch, which PostgreSQL runs as
// one implicit transaction — all or nothing.
func (s *Store) createPostgres(ctx context.Context, r *schakel.Request, ev *schakel.Event, data []byte) (int64, error) {
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var id int64
	err = conn.Raw(func(driverConn any) error {
		pc := driverConn.(*stdlib.Conn).Conn()
		if err := pc.QueryRow(ctx, "SELECT nextval(pg_get_serial_sequence('requests', 'id'))").Scan(&id); err != nil {
			return err
		}
		entry, err := ledgerEntry(r, ev, id)
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		b.Queue(s.q(requestInsertWithID), append([]any{id}, requestRow(r)...)...)
		b.Queue(s.q(rungsInsert+rowsOf(4, len(r.Ladder))), rungRows(id, r)...)
		if len(r.Grounds) > 0 {
			b.Queue(s.q(groundsInsert+rowsOf(4, len(r.Grounds))), groundRows(id, r)...)
		}
		q, evArgs := s.eventStmt(id, ev, data, entry)
		b.Queue(q, evArgs...)
		return pc.SendBatch(ctx, b).Close()
	})
	return id, err
}

// sweepPostgres is SweepDue on PostgreSQL. The due rows are locked with FOR
// UPDATE SKIP LOCKED, so no other transaction can change them until this
// one ends: every conditional update must then succeed, and all of them are
// sent as one pipelined batch instead of two round trips per request.
func (s *Store) sweepPostgres(ctx context.Context, now time.Time, n int, step SweepStep) (SweepResult, error) {
	var res SweepResult
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	err = conn.Raw(func(driverConn any) error {
		pc := driverConn.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		rows, err := tx.Query(ctx, s.q(dueQuery+s.dialect.skipLocked()), now, now, now, limit(n))
		if err != nil {
			return err
		}
		var due []*schakel.Request
		for rows.Next() {
			r, err := scanRequest(rows)
			if err != nil {
				rows.Close()
				return err
			}
			due = append(due, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := s.attachLadders(ctx, due); err != nil {
			return err
		}
		batch := &pgx.Batch{}
		var events []*schakel.Event
		err = sweepSteps(due, step, func(prev int, next *schakel.Request, ev *schakel.Event, data, entry []byte) error {
			q, args := s.updateStmt(prev, next, ev)
			batch.Queue(q, args...)
			q, args = s.eventStmt(next.ID, ev, data, entry)
			batch.Queue(q, args...)
			events = append(events, ev)
			return nil
		})
		if err != nil || batch.Len() == 0 {
			return err
		}
		br := tx.SendBatch(ctx, batch)
		for i := 0; i < batch.Len(); i++ {
			tag, err := br.Exec()
			if err != nil {
				br.Close()
				return err
			}
			if i%2 == 0 && tag.RowsAffected() != 1 {
				// Impossible while the row lock holds; refuse rather than
				// append an event to a request that did not change.
				br.Close()
				return fmt.Errorf("request %d changed under its row lock", events[i/2].RequestID)
			}
		}
		if err := br.Close(); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		res.Events = events
		return nil
	})
	return res, err
}
