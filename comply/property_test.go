package comply_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// TestStateMachineProperties drives requests through random sequences of
// actions and time jumps and checks after every step the invariants of the
// state machine:
//   - a refused action changes nothing and says why (ECONFLICT or EINVALID);
//   - the input request is never modified;
//   - every event raises Version by exactly 1, and Event.Seq equals it;
//   - an event's State and Rung equal the returned request's;
//   - Rung never decreases, climbs one at a time, and stays in the ladder;
//   - a final state never changes; MissedCount, Contested and MissedAtTop
//     never go back;
//   - deadlines are consistent: a deadline instant is the end of its day,
//     and owed requests always have an answer deadline;
//   - the sweep acts only on what is due, settles, and after it nothing is
//     overdue unless the top rung's miss is recorded;
//   - an answer before the deadline is in time, after it late.
func TestStateMachineProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 4))
	runs, steps := 800, 40
	if testing.Short() {
		runs = 100
	}
	total := 0
	seen := map[schakel.EventType]int{}
	for run := range runs {
		total += propertyRun(t, rng, run, steps, seen)
		if t.Failed() {
			return
		}
	}
	// The random walk must reach every kind of event, or it tests little.
	for _, typ := range []schakel.EventType{schakel.EventAcknowledged, schakel.EventAnswered, schakel.EventContested,
		schakel.EventExtended, schakel.EventWithdrawn, schakel.EventClosed, schakel.EventEscalated,
		schakel.EventDeadlineMissed, schakel.EventReminder} {
		if seen[typ] == 0 {
			t.Errorf("no %s event in %d steps", typ, total)
		}
	}
	t.Logf("%d steps, events: %v", total, seen)
}

var ladders = [][]schakel.Addressee{
	{rungBoard},
	twoRungs,
	threeRungs,
	{rungCoordinator, rungBoard, rungMinistry, rungParliament},
	{rungMinistry, rungMinister, rungParliament},
}

func propertyRun(t *testing.T, rng *rand.Rand, run, steps int, seen map[schakel.EventType]int) int {
	e := newEngine()
	if rng.IntN(3) == 0 {
		// Short terms, so that misses, reminders and the outer bound come
		// up more often.
		e.Terms = func(org int64, typ schakel.RequestType) comply.Terms {
			return comply.Terms{
				Ack:                 calendar.Term{N: 1 + int(org%3), Unit: calendar.Days},
				Answer:              calendar.Term{N: 3 + int(org%7), Unit: calendar.WorkingDays},
				Urgent:              calendar.Term{N: 2, Unit: calendar.WorkingDays},
				MaxExtension:        calendar.Term{N: 2, Unit: calendar.Weeks},
				Outer:               calendar.Term{N: 1, Unit: calendar.Months},
				ReminderWorkingDays: 2,
			}
		}
	}
	typ := schakel.RequestTypes[rng.IntN(len(schakel.RequestTypes))]
	in := input(typ)
	in.Urgent = typ == schakel.TypeProfessionalBrake && rng.IntN(2) == 0
	ladder := ladders[rng.IntN(len(ladders))]
	now := ams(2024, time.January, 1, 0, 0).Add(time.Duration(rng.Int64N(int64(6 * 365 * 24 * time.Hour))))
	r, ev, err := e.New(in, ladder, known, now)
	if err != nil {
		t.Fatalf("run %d: New: %v %v", run, err, fieldCodes(err))
	}
	r.ID = int64(run + 1)
	if ev.Seq != 1 || r.Version != 1 || ev.State != r.State || ev.Rung != 0 {
		t.Fatalf("run %d: creation %+v / %+v", run, ev, r)
	}
	checkRequest(t, e, r, fmt.Sprintf("run %d: new", run))
	events := 1
	history := []string{"new " + string(typ)}

	afterFinal := 0
	step := 0
	for ; step < steps; step++ {
		if r.State.Final() {
			// A few more tries, all refused; then a new walk.
			if afterFinal++; afterFinal > 3 {
				break
			}
		}
		now = now.Add(jump(rng))
		name, do := randomAction(rng, e, r, now)
		history = append(history, fmt.Sprintf("%s@%s", name, now.In(calendar.Location()).Format("2006-01-02T15:04")))
		where := fmt.Sprintf("run %d step %d (%v)", run, step, history)

		before := clone(r)
		n, ev, err := do(e, r, now)
		if !reflect.DeepEqual(r, before) {
			t.Fatalf("%s: the input request was changed:%s", where, diff(r, before))
		}
		if err != nil {
			if code := schakel.ErrorCode(err); code != schakel.ECONFLICT && code != schakel.EINVALID {
				t.Fatalf("%s: error %v with code %s", where, err, code)
			}
			if n != nil || ev != nil {
				t.Fatalf("%s: a refused action returned a request or event", where)
			}
			continue
		}
		if n == nil {
			if ev != nil || name != "sweep" {
				t.Fatalf("%s: %s returned no request but event %v", where, name, ev)
			}
			continue
		}
		if ev == nil {
			t.Fatalf("%s: a request without event", where)
		}
		events++
		seen[ev.Type]++
		checkStep(t, e, r, n, ev, now, where)
		r = n

		// The job sweeps until nothing is due; afterwards no deadline
		// passes unnoticed.
		if name == "sweep" {
			for i := 0; ; i++ {
				if i > len(r.Ladder)+2 {
					t.Fatalf("%s: the sweep does not settle", where)
				}
				n, ev, err := e.Sweep(r, now)
				if err != nil {
					t.Fatalf("%s: sweep: %v", where, err)
				}
				if n == nil {
					break
				}
				events++
				seen[ev.Type]++
				checkStep(t, e, r, n, ev, now, where+" (sweep again)")
				r = n
			}
			if r.Overdue(now) && !r.MissedAtTop {
				t.Fatalf("%s: overdue after the sweep, and the miss is not recorded: %+v", where, r)
			}
		}
	}
	if r.Version != events {
		t.Fatalf("run %d: version %d after %d events", run, r.Version, events)
	}
	return step
}

// jump is a random step in time: often small, sometimes weeks or months.
func jump(rng *rand.Rand) time.Duration {
	switch rng.IntN(6) {
	case 0:
		return 0
	case 1:
		return time.Duration(rng.Int64N(int64(time.Hour)))
	case 2:
		return time.Duration(rng.Int64N(int64(24 * time.Hour)))
	case 3, 4:
		return time.Duration(rng.Int64N(int64(10 * 24 * time.Hour)))
	default:
		return time.Duration(rng.Int64N(int64(70 * 24 * time.Hour)))
	}
}

func randomAction(rng *rand.Rand, e *comply.Engine, r *schakel.Request, now time.Time) (string, action) {
	reasons := []string{"", " ", "Omdat het moet."}
	terms := []calendar.Term{
		{N: 1, Unit: calendar.Days}, {N: 10, Unit: calendar.Days}, {N: 1, Unit: calendar.Weeks}, {N: 2, Unit: calendar.Weeks},
		{N: 6, Unit: calendar.Weeks}, {N: 7, Unit: calendar.Weeks}, {N: 3, Unit: calendar.WorkingDays}, {N: 1, Unit: calendar.Months},
		{}, {N: -2, Unit: calendar.Days},
	}
	// Withdraw and close end the walk, so they are rare.
	switch k := rng.IntN(40); {
	case k < 6:
		return "acknowledge", acknowledge
	case k < 10:
		by := e.Calendar.Today(now).AddDays(rng.IntN(60) - 5)
		return "comply", answer(comply.AnswerInput{Kind: schakel.Comply, Changes: "We passen het aan.", ByWhen: by})
	case k < 15:
		in := explain()
		if rng.IntN(4) == 0 {
			delete(in.Motivations, "zorgvuldigheid")
		}
		return "explain", answer(in)
	case k < 20:
		return "contest", contest(reasons[rng.IntN(len(reasons))])
	case k < 26:
		return "extend", extend(terms[rng.IntN(len(terms))], reasons[rng.IntN(len(reasons))])
	case k < 27:
		return "withdraw", withdraw(reasons[rng.IntN(len(reasons))])
	case k < 29:
		return "close", closeReq(reasons[rng.IntN(len(reasons))])
	default:
		return "sweep", sweep
	}
}

// checkStep checks one successful transition from r to n by ev at now.
func checkStep(t *testing.T, e *comply.Engine, r, n *schakel.Request, ev *schakel.Event, now time.Time, where string) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s: %s %s\nbefore: %+v\nafter:  %+v\nevent:  %+v", where, fmt.Sprintf(format, args...), ev.Type, r, n, ev)
	}
	switch {
	case r.State.Final():
		fail("a final state changed")
	case n.Version != r.Version+1:
		fail("version %d → %d", r.Version, n.Version)
	case ev.Seq != n.Version:
		fail("event seq %d, version %d", ev.Seq, n.Version)
	case ev.State != n.State || ev.Rung != n.Rung:
		fail("event says %s/%d, request %s/%d", ev.State, ev.Rung, n.State, n.Rung)
	case ev.RequestID != r.ID || n.ID != r.ID:
		fail("request id")
	case !ev.At.Equal(now) || !n.UpdatedAt.Equal(now) || !n.LastEventAt.Equal(now):
		fail("times")
	case n.Rung < r.Rung:
		fail("rung went down")
	case n.Rung > r.Rung+1:
		fail("rung skipped")
	case n.Rung >= len(n.Ladder) || n.Rung < 0:
		fail("rung %d outside the ladder of %d", n.Rung, len(n.Ladder))
	case n.MissedCount < r.MissedCount || n.MissedCount > r.MissedCount+1:
		fail("missed count %d → %d", r.MissedCount, n.MissedCount)
	case r.Contested && !n.Contested:
		fail("contest undone")
	case r.MissedAtTop && !n.MissedAtTop:
		fail("top miss undone")
	case !reflect.DeepEqual(n.Ladder, r.Ladder) || !reflect.DeepEqual(n.Grounds, r.Grounds) || n.Type != r.Type ||
		n.Subject != r.Subject || n.Requester != r.Requester || !n.CreatedAt.Equal(r.CreatedAt) || n.Urgent != r.Urgent:
		fail("a fixed field changed")
	}
	climbs := ev.Type == schakel.EventEscalated || ev.Type == schakel.EventContested
	if climbs != (n.Rung == r.Rung+1) {
		fail("rung %d → %d", r.Rung, n.Rung)
	}
	if climbs {
		if n.State != schakel.StateEscalated || ev.Data.From == nil || ev.Data.To == nil ||
			*ev.Data.From != r.Ladder[r.Rung] || *ev.Data.To != n.Ladder[n.Rung] || n.Extended || n.Answer != "" {
			fail("climb")
		}
		// Fresh deadlines, counted from today.
		if ev.Data.AnswerDue == nil || *ev.Data.AnswerDue != n.AnswerDue || !n.AnswerDue.After(e.Calendar.Today(now)) {
			fail("fresh deadline")
		}
	}
	missed := ev.Type == schakel.EventEscalated || ev.Type == schakel.EventDeadlineMissed
	if missed != (n.MissedCount == r.MissedCount+1) {
		fail("missed count %d → %d", r.MissedCount, n.MissedCount)
	}
	switch ev.Type {
	case schakel.EventEscalated, schakel.EventDeadlineMissed:
		// The sweep acts only on a deadline that passed.
		if !r.Overdue(now) || ev.Actor != comply.System {
			fail("escalated before the deadline")
		}
		if ev.Type == schakel.EventDeadlineMissed && (!r.AtTop() || r.MissedAtTop || !n.MissedAtTop || n.State != r.State) {
			fail("top miss")
		}
	case schakel.EventReminder:
		if r.ReminderAt.IsZero() || now.Before(r.ReminderAt) || !n.ReminderAt.IsZero() || r.Overdue(now) {
			fail("reminder")
		}
	case schakel.EventAnswered:
		if late := !now.Before(r.AnswerDeadline); n.AnsweredLate != late || ev.Data.Late != late {
			fail("answer late=%v, recorded %v/%v", late, n.AnsweredLate, ev.Data.Late)
		}
		if n.State != schakel.StateAnswered || n.Answer != ev.Data.Answer || n.Answer == "" {
			fail("answer")
		}
	case schakel.EventExtended:
		if r.Extended || !n.Extended || !n.AnswerDue.After(r.AnswerDue) || n.State != r.State || !now.Before(r.AnswerDeadline) {
			fail("extension")
		}
	case schakel.EventAcknowledged, schakel.EventContested, schakel.EventWithdrawn, schakel.EventClosed:
	default:
		fail("unknown event type")
	}
	checkRequest(t, e, n, where)
}

// checkRequest checks the invariants of one request.
func checkRequest(t *testing.T, e *comply.Engine, r *schakel.Request, where string) {
	t.Helper()
	fail := func(what string) {
		t.Helper()
		t.Fatalf("%s: %s: %+v", where, what, r)
	}
	if !r.State.Valid() {
		fail("invalid state")
	}
	if r.AnswerDue.IsZero() || !r.AnswerDeadline.Equal(e.Calendar.EndOf(r.AnswerDue)) {
		fail("answer deadline is not the end of its day")
	}
	if r.AckDue.IsZero() != r.AckDeadline.IsZero() || !r.AckDue.IsZero() && !r.AckDeadline.Equal(e.Calendar.EndOf(r.AckDue)) {
		fail("acknowledgement deadline is not the end of its day")
	}
	for _, d := range []calendar.Date{r.AckDue, r.AnswerDue} {
		if !d.IsZero() && !e.Calendar.IsWorkingDay(d) {
			fail("a deadline on a Saturday, Sunday or holiday")
		}
	}
	if !r.ReminderAt.IsZero() && !r.ReminderAt.Before(r.AnswerDeadline) {
		fail("reminder after the deadline")
	}
	if (r.State == schakel.StateAnswered || r.State == schakel.StateClosed) && r.Answer == "" || r.State.AwaitsAnswer() && r.Answer != "" {
		fail("answer kind does not match the state")
	}
	if r.State == schakel.StateAcknowledged && !r.AckDue.IsZero() {
		fail("acknowledged but still an acknowledgement deadline")
	}
	if r.MissedAtTop && !r.AtTop() {
		fail("top miss below the top")
	}
}
