package progress

import (
	"slices"
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
)

// Board keeps the long jobs running in this process, in memory, for the
// operators' page: the jobs and the long commands run inside serve start a
// Task on it, report to the Task, and end it. Nothing of it is stored: a
// restarted process starts with an empty board, as its jobs start again.
// Its methods are safe for concurrent use; a nil *Board hands out nil
// Tasks, which do nothing, so wiring it is optional.
type Board struct {
	clock schakel.Clock
	mu    sync.Mutex
	next  int64
	tasks map[int64]*Task
}

// NewBoard returns an empty Board that reads the time from clock.
func NewBoard(clock schakel.Clock) *Board {
	return &Board{clock: clock, tasks: map[int64]*Task{}}
}

// Task is one running job on a Board. A nil *Task does nothing.
type Task struct {
	b       *Board
	id      int64
	name    string
	started time.Time
	done    int64
	total   int64
}

// Start puts a job named name on the board with total entries to do (0 or
// less: unknown) and returns it; the caller reports to it and ends it with
// Done.
func (b *Board) Start(name string, total int64) *Task {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	t := &Task{b: b, id: b.next, name: name, started: b.clock.Now(), total: total}
	b.tasks[t.id] = t
	return t
}

// Report sets the task's done and total (0 or less: unknown); it has the
// shape of Func.
func (t *Task) Report(done, total int64) {
	if t == nil {
		return
	}
	t.b.mu.Lock()
	t.done, t.total = done, total
	t.b.mu.Unlock()
}

// Add counts n more entries done.
func (t *Task) Add(n int64) {
	if t == nil {
		return
	}
	t.b.mu.Lock()
	t.done += n
	t.b.mu.Unlock()
}

// Done takes the task off the board.
func (t *Task) Done() {
	if t == nil {
		return
	}
	t.b.mu.Lock()
	delete(t.b.tasks, t.id)
	t.b.mu.Unlock()
}

// Status is a running job as the board sees it now.
type Status struct {
	Name    string
	Done    int64
	Total   int64 // 0 while unknown
	Started time.Time
	Elapsed time.Duration
	// Rate is entries done per second so far; 0 before any.
	Rate float64
	// Left is the estimated time to go, when HasLeft.
	Left    time.Duration
	HasLeft bool
}

// Percent is done of total in whole percents; 0 without a total.
func (s Status) Percent() int { return Percent(s.Done, s.Total) }

// Line is the status as a Meter draws it: "name: done/total (pct%),
// rate/s, about N left".
func (s Status) Line() string { return Line(s.Name, s.Done, s.Total, s.Elapsed, nil) }

// Running returns the jobs on the board, the longest running first (by
// start, then by order of starting).
func (b *Board) Running() []Status {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.clock.Now()
	tasks := make([]*Task, 0, len(b.tasks))
	for _, t := range b.tasks {
		tasks = append(tasks, t)
	}
	slices.SortFunc(tasks, func(x, y *Task) int {
		if c := x.started.Compare(y.started); c != 0 {
			return c
		}
		return int(x.id - y.id)
	})
	out := make([]Status, 0, len(tasks))
	for _, t := range tasks {
		total := max(t.total, 0)
		elapsed := now.Sub(t.started)
		left, ok := Left(t.done, total, elapsed)
		out = append(out, Status{Name: t.name, Done: t.done, Total: total, Started: t.started, Elapsed: elapsed,
			Rate: Rate(t.done, elapsed), Left: left, HasLeft: ok})
	}
	return out
}
