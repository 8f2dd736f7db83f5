package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
)

// Group commit (issue "speed"): on SQLite every write transaction costs one
// fsync of the WAL, and a single writer connection does them one after
// another, so the fsync was the ceiling of every write. The committer lets
// the writes that arrive while a commit is in flight share the next one:
// one leader goroutine takes every queued transaction, runs each in a
// savepoint of one transaction, commits once and only then answers each.
// A transaction that fails is rolled back to its savepoint and fails alone;
// nothing is answered before the commit that makes it durable has returned.
//
// PostgreSQL already shares the WAL flush of concurrent commits itself, so
// there general writes keep their own transactions on a pool; its hot path,
// creating a request, is grouped in createGroup (pipeline_postgres.go).

// DefaultWriteQueue is how many write transactions may wait for the
// committer before a new one is refused as busy (Options.WriteQueue).
const DefaultWriteQueue = 256

// maxGroup caps how many transactions share one commit, so one commit's
// work stays short and the first in the group does not wait long.
const maxGroup = 128

// BusyRetryAfter is the Retry-After a client hears when the write queue is
// full: a second is enough for the queue to drain at the rates measured.
const BusyRetryAfter = time.Second

// errBusy answers a write that found the queue full: admission control
// instead of an unbounded wait.
var errBusy = &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: BusyRetryAfter,
	Message: "schakel is nu te druk om dit op te slaan. Probeer het over een paar seconden opnieuw."}

// errClosed answers writes that arrive after Close, and those still queued
// then: the server is stopping, another instance (or this one, restarted)
// can take the write.
var errClosed = &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: BusyRetryAfter,
	Message: "schakel stopt en slaat niets meer op; er is niets opgeslagen. Probeer het zo opnieuw."}

// groupQueue is a bounded queue of jobs that leader goroutines take in
// groups: each leader takes the first job waiting and every job queued
// behind it, up to maxGroup — those that arrived while its previous group
// was committing.
type groupQueue[J any] struct {
	jobs chan J
	// mu is held for reading by submit while it checks closed and queues,
	// and for writing by close while it sets closed: no job can then be
	// queued after the leaders drained the queue and left, unanswered.
	mu      sync.RWMutex
	closed  bool
	stop    chan struct{}
	stopped sync.WaitGroup
}

// startGroups starts leaders goroutines that pass each group to run, and
// at close answer the jobs still queued with closed.
func startGroups[J any](size, leaders int, run func([]J), closed func(J)) *groupQueue[J] {
	if size <= 0 {
		size = DefaultWriteQueue
	}
	q := &groupQueue[J]{jobs: make(chan J, size), stop: make(chan struct{})}
	for range leaders {
		q.stopped.Add(1)
		go q.lead(run, closed)
	}
	return q
}

// submit queues j; a full queue answers errBusy at once (admission control
// instead of an unbounded wait), a closed one errClosed.
func (q *groupQueue[J]) submit(j J) error {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.closed {
		return errClosed
	}
	select {
	case q.jobs <- j:
		return nil
	default:
		return errBusy
	}
}

// waiting returns how many jobs wait for a leader.
func (q *groupQueue[J]) waiting() int { return len(q.jobs) }

// close stops the leaders after the groups they run; the jobs still queued
// are answered with closed.
func (q *groupQueue[J]) close() {
	q.mu.Lock()
	if !q.closed {
		q.closed = true
		close(q.stop)
	}
	q.mu.Unlock()
	q.stopped.Wait()
}

// lead takes the jobs in groups until close.
func (q *groupQueue[J]) lead(run func([]J), closed func(J)) {
	defer q.stopped.Done()
	for {
		select {
		case first := <-q.jobs:
			run(q.gather(first))
		case <-q.stop:
			for {
				select {
				case j := <-q.jobs:
					closed(j)
				default:
					return
				}
			}
		}
	}
}

// gather returns first with the jobs queued behind it, up to maxGroup.
func (q *groupQueue[J]) gather(first J) []J {
	group := []J{first}
	for len(group) < maxGroup {
		select {
		case j := <-q.jobs:
			group = append(group, j)
		default:
			return group
		}
	}
	return group
}

// WriteQueueLength returns how many writes wait for a leader: SQLite's
// write transactions, or PostgreSQL's creates of requests. For the metrics,
// and for tests that need a group to form.
func (s *Store) WriteQueueLength() int {
	switch {
	case s.group != nil:
		return s.group.queue.waiting()
	case s.creates != nil:
		return s.creates.queue.waiting()
	}
	return 0
}

// groupLost is the answer of the jobs of a group whose transaction SQLite
// rolled back as a whole under them — as it does when a statement is
// interrupted because its client went away. Nothing of theirs was stored,
// so they hear to try again, not that something broke.
func groupLost(err error) error {
	return fmt.Errorf("%w: %w", &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: BusyRetryAfter,
		Message: "schakel kon dit nu niet opslaan; er is niets opgeslagen. Probeer het opnieuw."}, err)
}

// groupJob is one write transaction waiting for the committer.
type groupJob struct {
	ctx  context.Context
	fn   func(*sql.Tx) error
	done chan error
}

// committer runs the write transactions of an SQLite store in groups, with
// one leader: SQLite has one writer.
type committer struct {
	s     *Store
	queue *groupQueue[*groupJob]
	// beforeCommit is Options.BeforeCommit: a fault-injection hook.
	beforeCommit func(size int) error
}

// newCommitter starts the leader.
func newCommitter(s *Store, size int, beforeCommit func(int) error) *committer {
	c := &committer{s: s, beforeCommit: beforeCommit}
	c.queue = startGroups(size, 1, c.runGroup, func(j *groupJob) { j.done <- errClosed })
	return c
}

// run queues fn and waits for its answer. A full queue answers errBusy at
// once, a closed store errClosed. A queued job is always answered: its context ending while it waits
// makes the leader skip it, but once it runs, its answer comes after the
// commit.
func (c *committer) run(ctx context.Context, fn func(*sql.Tx) error) error {
	j := &groupJob{ctx: ctx, fn: fn, done: make(chan error, 1)}
	if err := c.queue.submit(j); err != nil {
		return err
	}
	return <-j.done
}

// runGroup runs the live jobs of group in one transaction and answers each
// after the commit.
func (c *committer) runGroup(group []*groupJob) {
	live := group[:0:0]
	for _, j := range group {
		if err := j.ctx.Err(); err != nil {
			j.done <- err // never started: nothing to undo
			continue
		}
		live = append(live, j)
	}
	if len(live) == 0 {
		return
	}
	results, err := c.runInOne(live)
	for i, j := range live {
		if err != nil && results[i] == nil {
			results[i] = err
		}
		j.done <- results[i]
	}
}

// runInOne runs jobs in savepoints of one transaction. It returns each
// job's own error, and an error of the group (begin, a lost savepoint, a
// storage fault, the commit) that is the answer of every job that did not
// fail on its own.
func (c *committer) runInOne(jobs []*groupJob) ([]error, error) {
	results := make([]error, len(jobs))
	// The transaction outlives any one request: a request that ends does
	// not roll back the others' work.
	ctx := context.WithoutCancel(jobs[0].ctx)
	tx, err := c.s.begin(ctx)
	if err != nil {
		return results, err
	}
	defer tx.Rollback()
	if len(jobs) == 1 {
		// Alone: no savepoint needed, its error rolls the transaction back.
		if results[0] = jobs[0].fn(tx); results[0] != nil {
			return results, nil
		}
		return results, c.commit(tx, 1)
	}
	for i, j := range jobs {
		failed, err := c.runOne(ctx, tx, j)
		if err != nil {
			results[i] = failed
			return results, err
		}
		results[i] = failed
	}
	return results, c.commit(tx, len(jobs))
}

// commit commits tx, after the fault-injection hook when there is one.
func (c *committer) commit(tx *sql.Tx, size int) error {
	if c.beforeCommit != nil {
		if err := c.beforeCommit(size); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// runOne runs one job in a savepoint. It returns the job's own error, and
// an error that ends the whole group: the savepoint could not be made or
// undone (SQLite rolls a whole transaction back on some errors, such as an
// interrupt or a full disk), or the job's error is a storage fault.
func (c *committer) runOne(ctx context.Context, tx *sql.Tx, j *groupJob) (own, group error) {
	if err := j.ctx.Err(); err != nil {
		return err, nil
	}
	if _, err := tx.ExecContext(ctx, "SAVEPOINT job"); err != nil {
		return nil, groupLost(fmt.Errorf("store: savepoint: %w", err))
	}
	err := j.fn(tx)
	if err == nil {
		if _, rerr := tx.ExecContext(ctx, "RELEASE SAVEPOINT job"); rerr != nil {
			return nil, groupLost(fmt.Errorf("store: release savepoint: %w", rerr))
		}
		return nil, nil
	}
	if storageFault(err) != "" {
		return err, err
	}
	if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT job"); rerr != nil {
		return err, groupLost(fmt.Errorf("store: roll back to savepoint after %v: %w", err, rerr))
	}
	if _, rerr := tx.ExecContext(ctx, "RELEASE SAVEPOINT job"); rerr != nil {
		return err, groupLost(fmt.Errorf("store: release savepoint: %w", rerr))
	}
	return err, nil
}
