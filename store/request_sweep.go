package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
)

// DueRequests implements schakel.RequestStore: the requests awaiting an
// answer for which account.Engine.Sweep has something to do at now, the
// longest due first, with ladders and grounds. limit is capped like a page
// (default 50, at most 500). A request whose top rung already missed its
// deadline is not due again (Sweep would do nothing), except for a pending
// reminder while no deadline has passed.
func (s *Store) DueRequests(ctx context.Context, now time.Time, n int) ([]*schakel.Request, error) {
	now = instant(now)
	out, err := s.queryRequests(ctx, dueQuery, now, now, now, limit(n))
	if err != nil {
		return nil, fmt.Errorf("store: due requests: %w", err)
	}
	return out, nil
}

// SweepStep computes what is due for a request: its next state and the event
// to append, or nil when nothing (more) is due.
type SweepStep func(r *schakel.Request) (*schakel.Request, *schakel.Event, error)

// SweepResult reports what one SweepDue call stored.
type SweepResult struct {
	Events    []*schakel.Event // appended, in order
	Conflicts int              // requests changed by someone else since they were read
}

// SweepDue handles up to n requests due at now in one transaction: for each
// it applies step until step returns nil, each change conditional on the
// version read. One transaction for a batch is what makes a sweep over
// thousands of passed deadlines take seconds instead of minutes on a durable
// store. On PostgreSQL the due rows are locked with FOR UPDATE SKIP LOCKED,
// so several instances divide the work instead of queueing behind each
// other, and the batch's statements are pipelined in one round trip; on
// SQLite the writer transaction already excludes other writers.
func (s *Store) SweepDue(ctx context.Context, now time.Time, n int, step SweepStep) (SweepResult, error) {
	now = instant(now)
	var (
		res SweepResult
		err error
	)
	if s.dialect.pipelines() {
		res, err = s.sweepPostgres(ctx, now, n, step)
	} else {
		err = s.tx(ctx, func(tx *sql.Tx) error {
			res = SweepResult{}
			due, err := s.lockDue(ctx, tx, now, n)
			if err != nil || len(due) == 0 {
				return err
			}
			st, err := s.prepareUpdateStmts(ctx, tx)
			if err != nil {
				return err
			}
			defer st.close()
			return sweepSteps(due, step, func(prev int, next *schakel.Request, ev *schakel.Event, data, entry []byte) error {
				err := s.applyUpdateWith(ctx, tx, st, prev, next, ev, data, entry)
				if schakel.ErrorCode(err) == schakel.ECONFLICT {
					res.Conflicts++
					return errSkip
				}
				if err == nil {
					res.Events = append(res.Events, ev)
				}
				return err
			})
		})
	}
	if err != nil {
		return SweepResult{}, fmt.Errorf("store: sweep: %w", err)
	}
	return res, nil
}

// errSkip tells sweepSteps to leave a request and go on with the next.
var errSkip = errors.New("skip")

// dueQuery selects the requests on which a sweep at now would act.
const dueQuery = "SELECT " + requestColumns + " FROM requests WHERE next_due_at <= ? AND state IN " + awaitingAnswer +
	" AND NOT (missed_at_top AND (answer_deadline <= ? OR (ack_deadline IS NOT NULL AND ack_deadline <= ? AND state <> 'ontvangen')))" +
	" ORDER BY next_due_at, id LIMIT ?"

// lockDue reads the due requests inside tx, with their ladders; on SQLite
// the writer transaction already holds the only write lock.
func (s *Store) lockDue(ctx context.Context, tx *sql.Tx, now time.Time, n int) ([]*schakel.Request, error) {
	rows, err := tx.QueryContext(ctx, s.q(dueQuery), now, now, now, limit(n))
	if err != nil {
		return nil, err
	}
	var due []*schakel.Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		due = append(due, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Ladders and grounds never change, so they may come from the reader
	// pool outside the transaction.
	return due, s.attachLadders(ctx, due)
}

// sweepSteps applies step to each due request until it returns nil, handing
// every change to store; store may return errSkip to leave the request.
func sweepSteps(due []*schakel.Request, step SweepStep, store func(prev int, next *schakel.Request, ev *schakel.Event, data, entry []byte) error) error {
	for _, r := range due {
		for {
			next, ev, err := step(r)
			if err != nil {
				return err
			}
			if next == nil {
				break
			}
			data, entry, err := prepareUpdate(next, ev)
			if err != nil {
				return err
			}
			err = store(r.Version, next, ev, data, entry)
			if errors.Is(err, errSkip) {
				break
			}
			if err != nil {
				return err
			}
			ev.RequestID = next.ID
			r = next
		}
	}
	return nil
}
