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
		b := &pgx.Batch{}
		if err := s.queueCreate(b, id, r, ev, data); err != nil {
			return err
		}
		return pc.SendBatch(ctx, b).Close()
	})
	return id, err
}

// queueCreate queues the four inserts of a new request with the given id.
func (s *Store) queueCreate(b *pgx.Batch, id int64, r *schakel.Request, ev *schakel.Event, data []byte) error {
	entry, err := ledgerEntry(r, ev, id)
	if err != nil {
		return err
	}
	b.Queue(s.q(requestInsertWithID), append([]any{id}, requestRow(r)...)...)
	b.Queue(s.q(rungsInsert+rowsOf(4, len(r.Ladder))), rungRows(id, r)...)
	if len(r.Grounds) > 0 {
		b.Queue(s.q(groundsInsert+rowsOf(4, len(r.Grounds))), groundRows(id, r)...)
	}
	q, evArgs := s.eventStmt(id, ev, data, entry)
	b.Queue(q, evArgs...)
	return nil
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

// createJob is one request to create, waiting for a create group.
type createJob struct {
	ctx  context.Context
	r    *schakel.Request
	ev   *schakel.Event
	data []byte
	done chan createResult
}

// createResult is the answer to a createJob.
type createResult struct {
	id  int64
	err error
}

// createLeaders is how many create groups run side by side on PostgreSQL:
// enough to keep the server busy while one group waits for its commit,
// few enough that 64 clients do not become 64 competing backends.
const createLeaders = 4

// createGroups groups the creates of requests on PostgreSQL (group.go):
// a group takes its ids in one query and writes all its rows in one
// pipelined transaction with one commit.
type createGroups struct {
	s            *Store
	queue        *groupQueue[*createJob]
	beforeCommit func(size int) error
}

// newCreateGroups starts the leaders.
func newCreateGroups(s *Store, size, leaders int, beforeCommit func(int) error) *createGroups {
	if leaders <= 0 {
		leaders = createLeaders
	}
	g := &createGroups{s: s, beforeCommit: beforeCommit}
	g.queue = startGroups(size, leaders, g.run, func(j *createJob) { j.done <- createResult{err: errClosed} })
	return g
}

// create queues one create and waits for its answer, which comes after the
// commit that made it durable; a full queue answers errBusy at once, a
// closed store errClosed.
func (g *createGroups) create(ctx context.Context, r *schakel.Request, ev *schakel.Event, data []byte) (int64, error) {
	j := &createJob{ctx: ctx, r: r, ev: ev, data: data, done: make(chan createResult, 1)}
	if err := g.queue.submit(j); err != nil {
		return 0, err
	}
	res := <-j.done
	return res.id, res.err
}

// run writes a group in one transaction. When that fails for anything but
// a storage fault, nothing of it was committed, and each create runs again
// alone, so a bad one fails alone with its own error.
func (g *createGroups) run(group []*createJob) {
	live := group[:0:0]
	for _, j := range group {
		if err := j.ctx.Err(); err != nil {
			j.done <- createResult{err: err}
			continue
		}
		live = append(live, j)
	}
	if len(live) == 0 {
		return
	}
	if len(live) == 1 {
		g.createAlone(live[0])
		return
	}
	ids, err := g.createAll(context.WithoutCancel(live[0].ctx), live)
	switch {
	case err == nil:
		for i, j := range live {
			j.done <- createResult{id: ids[i]}
		}
	case storageFault(err) != "":
		for _, j := range live {
			j.done <- createResult{err: err}
		}
	default:
		for _, j := range live {
			g.createAlone(j)
		}
	}
}

// createAlone writes one request in its own transaction and answers it.
// Under a fault-injection hook it takes the grouped path, so the hook sees
// every commit.
func (g *createGroups) createAlone(j *createJob) {
	var res createResult
	if g.beforeCommit != nil {
		var ids []int64
		if ids, res.err = g.createAll(context.WithoutCancel(j.ctx), []*createJob{j}); res.err == nil {
			res.id = ids[0]
		}
	} else {
		res.id, res.err = g.s.createPostgres(j.ctx, j.r, j.ev, j.data)
	}
	j.done <- res
}

// createAll writes the requests of jobs in one transaction: their ids in
// one query, their rows in one pipelined batch, one commit.
func (g *createGroups) createAll(ctx context.Context, jobs []*createJob) ([]int64, error) {
	conn, err := g.s.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	ids := make([]int64, 0, len(jobs))
	err = conn.Raw(func(driverConn any) error {
		pc := driverConn.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		rows, err := tx.Query(ctx, "SELECT nextval(pg_get_serial_sequence('requests', 'id')) FROM generate_series(1, $1)", len(jobs))
		if err != nil {
			return err
		}
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		for i, j := range jobs {
			if err := g.s.queueCreate(b, ids[i], j.r, j.ev, j.data); err != nil {
				return err
			}
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		if g.beforeCommit != nil {
			if err := g.beforeCommit(len(jobs)); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	})
	return ids, err
}
