package verify

import (
	"context"
	"fmt"
	"slices"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/ledger"
)

// registerWalk is the walk over the register of brakes under way.
type registerWalk struct {
	src        RegisterSource
	byEvent    map[eventID]seen
	maxRequest int64
	res        RegisterResult
	problems   []string
}

func (w *registerWalk) problem(format string, args ...any) {
	if len(w.problems) < maxEventProblems+1 {
		w.problems = append(w.problems, fmt.Sprintf(format, args...))
	}
}

// checkRegister reads the whole public register of brakes and checks that
// every event it lists is in the log, and that each brake's level and
// principles are those of the creation entry the log holds for it. An
// event the register lists that is not in the log may be one the log has
// not taken up yet: it is counted as pending when it is a later event, or
// the creation of a brake newer than every request in the log; the missing
// creation of an older brake is a problem. (Telling a later event that was
// dropped from one not yet sequenced needs the event times, which the log
// entries have and the lookups could compare; not done yet.)
func checkRegister(ctx context.Context, src RegisterSource, byEvent map[eventID]seen) (RegisterResult, []string) {
	w := &registerWalk{src: src, byEvent: byEvent}
	for id := range byEvent {
		w.maxRequest = max(w.maxRequest, id.request)
	}
	for page := 1; ; page++ {
		p, err := src.RegisterPage(ctx, page)
		if err != nil {
			w.problem("reading the register of brakes: %v", err)
			return w.res, w.problems
		}
		for _, listed := range p.Brakes {
			w.brake(ctx, listed.ID)
		}
		if page*p.PageSize >= p.Total || len(p.Brakes) == 0 {
			return w.res, w.problems
		}
	}
}

// brake checks one brake of the register.
func (w *registerWalk) brake(ctx context.Context, id int64) {
	w.res.Brakes++
	b, err := w.src.Brake(ctx, id)
	if err != nil {
		w.problem("brake %d of the register: %v", id, err)
		return
	}
	for _, ev := range b.Events {
		w.res.Events++
		if _, ok := w.byEvent[eventID{b.ID, ev.Seq}]; !ok {
			if b.ID > w.maxRequest || ev.Seq > 1 {
				w.res.Pending++
				continue
			}
			w.problem("the register lists event %d of brake %d, which is not in the log", ev.Seq, b.ID)
		}
	}
	if _, ok := w.byEvent[eventID{b.ID, 1}]; !ok {
		return
	}
	got, err := w.src.LookupEvent(ctx, b.ID, 1)
	if err != nil {
		w.problem("brake %d: looking up its creation in the log: %v", b.ID, err)
		return
	}
	e, err := ledger.Decode(got.Entry)
	if err != nil {
		w.problem("brake %d: its creation entry: %v", b.ID, err)
		return
	}
	if schakel.LevelOf(e.RequestType) != schakel.BrakeLevel(b.Level) {
		w.problem("brake %d: the register says level %s, the log says request type %s", b.ID, b.Level, e.RequestType)
	}
	want := slices.Clone(b.Principles)
	slices.Sort(want)
	if !slices.Equal(want, e.Principles) {
		w.problem("brake %d: the register cites %v, the log %v", b.ID, want, e.Principles)
	}
}
