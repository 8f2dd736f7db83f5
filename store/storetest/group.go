package storetest

import (
	"errors"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
)

func init() {
	tests["WriteQueueLength"] = testGroupCommit
}

// commitGate is a BeforeCommit hook the test steers: it lets commits pass,
// holds each until the test releases it, or fails them.
type commitGate struct {
	mu      sync.Mutex
	mode    string // "pass", "hold" or "fail"
	held    chan int
	release chan error
}

// errInjected is the fault a failing gate answers a commit with.
var errInjected = errors.New("injected commit fault")

func newCommitGate() *commitGate {
	return &commitGate{mode: "pass", held: make(chan int, 16), release: make(chan error)}
}

func (g *commitGate) set(mode string) {
	g.mu.Lock()
	g.mode = mode
	g.mu.Unlock()
}

func (g *commitGate) hook(size int) error {
	g.mu.Lock()
	mode := g.mode
	g.mu.Unlock()
	switch mode {
	case "hold":
		g.held <- size
		return <-g.release
	case "fail":
		return errInjected
	}
	return nil
}

// openGrouped opens a second store of e's backend with one leader, room
// for five waiting writes, and the gate before every commit.
func openGrouped(e *env, g *commitGate) *env {
	e.t.Helper()
	dsn := filepath.Join(e.t.TempDir(), "group.db")
	if e.s.Dialect() == "postgres" {
		dsn = PostgresURL(e.t)
	}
	s, err := store.Open(e.ctx, dsn, store.Options{Clock: e.clock, WriteLeaders: 1, WriteQueue: 5, BeforeCommit: g.hook})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(e.ctx); err != nil {
		e.t.Fatal(err)
	}
	return &env{t: e.t, ctx: e.ctx, s: s, clock: e.clock}
}

// outcome is a create's answer.
type outcome struct {
	r   *schakel.Request
	err error
}

// startCreate creates r in a goroutine and sends its answer to out.
func startCreate(e *env, r *schakel.Request, ev *schakel.Event, out chan<- outcome) {
	go func() { out <- outcome{r, e.s.CreateRequest(e.ctx, r, ev)} }()
}

// waitQueued waits until n writes wait for the leader: the goroutines the
// test started have reached the queue. It loops on the scheduler; nothing
// here waits for a clock.
func waitQueued(e *env, n int) {
	e.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for e.s.WriteQueueLength() < n {
		if time.Now().After(deadline) {
			e.t.Fatalf("%d writes queued after a minute, want %d", e.s.WriteQueueLength(), n)
		}
		runtime.Gosched()
	}
}

// holdOne starts one create and waits until its commit is held: the leader
// is busy, so what is created next queues behind it.
func holdOne(e *env, f *reqFixture, g *commitGate, out chan outcome) {
	e.t.Helper()
	g.set("hold")
	r, ev := f.build(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, "Voorop")
	startCreate(e, r, ev, out)
	if size := <-g.held; size != 1 {
		e.t.Fatalf("the first commit held %d creates, want 1", size)
	}
}

// holdAndQueue holds one create's commit (holdOne) and queues n more
// behind it, named prefix a, b, …, and waits until they wait.
func holdAndQueue(e *env, f *reqFixture, g *commitGate, out chan outcome, prefix string, n int) {
	e.t.Helper()
	holdOne(e, f, g, out)
	for i := range n {
		r, ev := f.build(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, prefix+" "+string(rune('a'+i)))
		startCreate(e, r, ev, out)
	}
	waitQueued(e, n)
}

// testGroupCommit: creates that arrive while a commit is in flight share
// the next commit, and none is answered before it; a full queue refuses
// the next write at once; a commit that fails
// fails each of them and stores none; a create that fails inside a group
// fails alone and the others are stored.
func testGroupCommit(e *env) {
	gate := newCommitGate()
	ge := openGrouped(e, gate)
	f := newReqFixture(ge)
	if n := ge.s.WriteQueueLength(); n != 0 {
		ge.t.Fatalf("WriteQueueLength of an idle store = %d", n)
	}
	ge.step("a group shares one commit, answered after it", func(e *env) { groupShares(e, f, gate) })
	ge.step("a failed commit fails each and stores none", func(e *env) { groupCommitFails(e, f, gate) })
	ge.step("a failing create fails alone", func(e *env) { groupMemberFails(e, f, gate) })
	// Last: it closes the grouped store.
	ge.step("closing answers every queued create and refuses later ones", func(e *env) { groupClosed(e, f, gate) })
}

// groupClosed: Close waits for the commit in flight; the creates queued
// behind it are each either stored or told the store stopped, none is
// left waiting; a create after Close is refused at once as unavailable,
// with a Retry-After, and nothing of it is stored.
func groupClosed(e *env, f *reqFixture, gate *commitGate) {
	out := make(chan outcome, 8)
	holdAndQueue(e, f, gate, out, "Bij het sluiten", 2)
	gate.set("pass")
	closed := make(chan error, 1)
	go func() { closed <- e.s.Close() }()
	gate.release <- nil
	for range 3 {
		o := <-out
		switch {
		case o.err == nil && o.r.ID != 0:
		case o.r.Subject == "Voorop":
			e.t.Fatalf("the held create: %v", o.err)
		default:
			wantCode(e.t, o.err, schakel.EUNAVAILABLE)
		}
	}
	must(e.t, <-closed)
	r, ev := f.build(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, "Na het sluiten")
	err := e.s.CreateRequest(e.ctx, r, ev)
	wantCode(e.t, err, schakel.EUNAVAILABLE)
	if got := schakel.ErrorRetryAfter(err); got != store.BusyRetryAfter || r.ID != 0 {
		e.t.Fatalf("after Close: Retry-After %v, id %d", got, r.ID)
	}
}

func groupShares(e *env, f *reqFixture, gate *commitGate) {
	out := make(chan outcome, 8)
	holdAndQueue(e, f, gate, out, "Samen", 5)
	// The queue is full: a sixth is refused at once, with a Retry-After.
	r, ev := f.build(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, "Te veel")
	err := e.s.CreateRequest(e.ctx, r, ev)
	wantCode(e.t, err, schakel.EUNAVAILABLE)
	if got := schakel.ErrorRetryAfter(err); got != store.BusyRetryAfter {
		e.t.Fatalf("a full queue: Retry-After %v, want %v", got, store.BusyRetryAfter)
	}
	gate.release <- nil
	if o := <-out; o.err != nil || o.r.Subject != "Voorop" {
		e.t.Fatalf("first create: %v (%s)", o.err, o.r.Subject)
	}
	if size := <-gate.held; size != 5 {
		e.t.Fatalf("the next commit held %d creates, want the 5 queued", size)
	}
	select {
	case o := <-out:
		e.t.Fatalf("%q was answered (%v) before its commit", o.r.Subject, o.err)
	default:
	}
	gate.release <- nil
	ids := map[int64]bool{}
	for range 5 {
		o := <-out
		must(e.t, o.err)
		if o.r.ID == 0 || ids[o.r.ID] {
			e.t.Fatalf("create %q got id %d (ids so far %v)", o.r.Subject, o.r.ID, ids)
		}
		ids[o.r.ID] = true
		wantRequest(e, o.r)
	}
	gate.set("pass")
}

func groupCommitFails(e *env, f *reqFixture, gate *commitGate) {
	out := make(chan outcome, 8)
	before := e.count("requests") // on SQLite it reads on the writer, which a held commit keeps
	holdAndQueue(e, f, gate, out, "Mislukt", 5)
	gate.set("fail")
	gate.release <- nil
	for range 6 {
		o := <-out
		switch {
		case o.r.Subject == "Voorop" && o.err != nil:
			e.t.Fatalf("the held create failed: %v", o.err)
		case o.r.Subject != "Voorop" && !errors.Is(o.err, errInjected):
			e.t.Fatalf("%q after a failed commit: %v, want the commit's error", o.r.Subject, o.err)
		}
	}
	if got := e.count("requests"); got != before+1 {
		e.t.Fatalf("%d requests after the failed commit, want %d (only the held one)", got, before+1)
	}
	gate.set("pass")
}

func groupMemberFails(e *env, f *reqFixture, gate *commitGate) {
	out := make(chan outcome, 8)
	holdOne(e, f, gate, out)
	for i := range 5 {
		r, ev := f.build(e, schakel.TypeProfessionalBrake, user(f.burger), f.uwv, "Groep "+string(rune('a'+i)))
		if i == 2 {
			r.Grounds[1].Principle = "geluk" // no such principle: the store refuses it
		}
		startCreate(e, r, ev, out)
	}
	waitQueued(e, 5)
	gate.set("pass")
	gate.release <- nil
	for range 6 {
		o := <-out
		if o.r.Subject == "Groep c" {
			wantFields(e.t, o.err, "gronden[1].beginsel")
			continue
		}
		must(e.t, o.err)
		wantRequest(e, o.r)
	}
}
