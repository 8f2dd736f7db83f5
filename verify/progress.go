package verify

import (
	"sync"
	"sync/atomic"
)

// progressCalls is about how many times a verification calls
// Verifier.OnProgress before its last call: often enough for a progress
// bar, rarely enough to cost nothing (a few times a second at 1,000,000
// entries).
const progressCalls = 64

// progress counts the work of a verification for Verifier.OnProgress:
// the entries hashed by the tree check and the event rows recomputed, in
// entries. The tree check and the row readers count from their own
// goroutines; the calls are made one at a time, with done increasing.
type progress struct {
	fn   func(done, total int64)
	rows bool // whether event rows are counted besides the tree

	// size is the checkpoint's size once it is fetched, 0 before.
	size       atomic.Int64
	tree, read atomic.Int64
	next       atomic.Int64 // the done at which to call fn next

	mu   sync.Mutex
	last int64 // done of the last call
}

// newProgress returns a progress calling fn, or nil (which counts
// nothing) when fn is nil; rows says whether event rows are recomputed
// besides the tree.
func newProgress(fn func(done, total int64), rows bool) *progress {
	if fn == nil {
		return nil
	}
	return &progress{fn: fn, rows: rows}
}

// setSize sets the size of the checkpoint: the entries of the tree, and
// as many event rows when they are compared.
func (p *progress) setSize(size int64) {
	if p != nil {
		p.size.Store(size)
	}
}

// total is the work in all: the checkpoint's entries, twice when the rows
// are compared too (each entry hashed, and its row recomputed; rows of
// other subjects than requests are not counted).
func (p *progress) total() int64 {
	if p.rows {
		return 2 * p.size.Load()
	}
	return p.size.Load()
}

// done is the work done so far, never more than total.
func (p *progress) done() int64 {
	size := p.size.Load()
	return min(p.tree.Load(), size) + min(p.read.Load(), size)
}

// treeAt counts the entries hashed: those before index and index itself.
func (p *progress) treeAt(index int64) {
	if p != nil {
		p.tree.Store(index + 1)
		p.maybeCall()
	}
}

// addRows counts n event rows recomputed.
func (p *progress) addRows(n int64) {
	if p != nil {
		p.read.Add(n)
		p.maybeCall()
	}
}

// maybeCall calls fn when done has grown by a step since the last call.
func (p *progress) maybeCall() {
	if p.done() < p.next.Load() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	total, done := p.total(), p.done()
	if total == 0 || done <= p.last || done < p.next.Load() {
		return
	}
	p.last = done
	p.next.Store(done + max(total/progressCalls, 1))
	p.fn(done, total)
}

// finish makes the last call, with done equal to total, when the checks
// are done.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if total := p.total(); total > 0 && p.last < total {
		p.last = total
		p.fn(total, total)
	}
}
