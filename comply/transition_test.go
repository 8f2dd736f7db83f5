package comply_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// action is one call into the engine.
type action func(e *comply.Engine, r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error)

func acknowledge(e *comply.Engine, r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
	return e.Acknowledge(r, responder, now)
}

func answer(in comply.AnswerInput) action {
	return func(e *comply.Engine, r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
		return e.Answer(r, responder, in, now)
	}
}

func contest(reason string) action {
	return func(e *comply.Engine, r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
		return e.Contest(r, requester, reason, now)
	}
}

func extend(term calendar.Term, reason string) action {
	return func(e *comply.Engine, r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
		return e.Extend(r, responder, term, reason, now)
	}
}

func withdraw(reason string) action {
	return func(e *comply.Engine, r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
		return e.Withdraw(r, requester, reason, now)
	}
}

func closeReq(reason string) action {
	return func(e *comply.Engine, r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
		return e.Close(r, requester, reason, now)
	}
}

func sweep(e *comply.Engine, r *schakel.Request, now time.Time) (*schakel.Request, *schakel.Event, error) {
	return e.Sweep(r, now)
}

// then applies an action that must succeed.
func then(t testing.TB, e *comply.Engine, r *schakel.Request, do action, now time.Time) *schakel.Request {
	t.Helper()
	n, _ := ok(t)(do(e, r, now))
	return n
}

// The starting points of the brake (see brake): what happened, and when.
var (
	ackedAt     = ams(2026, time.April, 21, 9, 0)  // acknowledged
	answeredAt  = ams(2026, time.April, 22, 10, 0) // answered
	escalatedAt = ams(2026, time.April, 29, 9, 0)  // acknowledgement missed on 28 April: to the board
)

func openBrake(t testing.TB, e *comply.Engine) *schakel.Request { return brake(t, e) }

func ackedBrake(t testing.TB, e *comply.Engine) *schakel.Request {
	return then(t, e, brake(t, e), acknowledge, ackedAt)
}

func complied(t testing.TB, e *comply.Engine) *schakel.Request {
	return then(t, e, brake(t, e), answer(complyBy("2026-06-01")), answeredAt)
}

func explained(t testing.TB, e *comply.Engine) *schakel.Request {
	return then(t, e, brake(t, e), answer(explain()), answeredAt)
}

// escalatedBrake is at the board since 29 April: acknowledge by 6 May,
// answer by 10 June.
func escalatedBrake(t testing.TB, e *comply.Engine) *schakel.Request {
	return then(t, e, brake(t, e), sweep, escalatedAt)
}

// topBrake is at the ministry, the top rung, since 7 May after a second
// missed acknowledgement: acknowledge by 15 May (14 May is
// Hemelvaartsdag), answer by 18 June.
func topBrake(t testing.TB, e *comply.Engine) *schakel.Request {
	return then(t, e, escalatedBrake(t, e), sweep, ams(2026, time.May, 7, 9, 0))
}

// topObjection is at the board, the top rung, since 14 May after the
// coordinator missed 13 May: answer by 25 June.
func topObjection(t testing.TB, e *comply.Engine) *schakel.Request {
	return then(t, e, objection(t, e), sweep, ams(2026, time.May, 14, 10, 0))
}

func TestLegalTransitions(t *testing.T) {
	const reason = "De cliënt kan niet wachten."
	tests := []struct {
		name string
		from func(testing.TB, *comply.Engine) *schakel.Request
		now  time.Time
		do   action
		// want changes a copy of from to the expected result; Version,
		// UpdatedAt and LastEventAt are checked for every case.
		want  func(n *schakel.Request)
		event schakel.Event // Type, Actor and Data; the rest is checked for every case
	}{
		// Acknowledge.
		{
			name: "open/acknowledge", from: openBrake, now: ackedAt, do: acknowledge,
			want: func(n *schakel.Request) {
				n.State = schakel.StateAcknowledged
				n.AckDue, n.AckDeadline = calendar.Date{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAcknowledged, Actor: responder},
		},
		{
			name: "open/acknowledge late, before the sweep", from: openBrake, now: ams(2026, time.April, 29, 0, 30), do: acknowledge,
			want: func(n *schakel.Request) {
				n.State = schakel.StateAcknowledged
				n.AckDue, n.AckDeadline = calendar.Date{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAcknowledged, Actor: responder, Data: schakel.EventData{Late: true}},
		},
		{
			name: "geescaleerd/acknowledge", from: escalatedBrake, now: ams(2026, time.April, 30, 9, 0), do: acknowledge,
			want: func(n *schakel.Request) {
				n.State = schakel.StateAcknowledged
				n.AckDue, n.AckDeadline = calendar.Date{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAcknowledged, Actor: responder},
		},

		// Answer.
		{
			name: "open/comply", from: openBrake, now: answeredAt, do: answer(complyBy("2026-06-01")),
			want: func(n *schakel.Request) {
				n.State, n.Answer = schakel.StateAnswered, schakel.Comply
				n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAnswered, Actor: responder, Data: schakel.EventData{
				Answer: schakel.Comply, Changes: "We stoppen de terugvordering.", ByWhen: datep("2026-06-01")}},
		},
		{
			name: "open/comply by today", from: openBrake, now: answeredAt, do: answer(complyBy("2026-04-22")),
			want: func(n *schakel.Request) {
				n.State, n.Answer = schakel.StateAnswered, schakel.Comply
				n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAnswered, Actor: responder, Data: schakel.EventData{
				Answer: schakel.Comply, Changes: "We stoppen de terugvordering.", ByWhen: datep("2026-04-22")}},
		},
		{
			name: "open/explain", from: openBrake, now: answeredAt, do: answer(explain()),
			want: func(n *schakel.Request) {
				n.State, n.Answer = schakel.StateAnswered, schakel.Explain
				n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAnswered, Actor: responder, Data: schakel.EventData{
				Answer: schakel.Explain, Motivations: explain().Motivations}},
		},
		{
			name: "ontvangen/comply", from: ackedBrake, now: answeredAt, do: answer(complyBy("2026-06-01")),
			want: func(n *schakel.Request) {
				n.State, n.Answer, n.ReminderAt = schakel.StateAnswered, schakel.Comply, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAnswered, Actor: responder, Data: schakel.EventData{
				Answer: schakel.Comply, Changes: "We stoppen de terugvordering.", ByWhen: datep("2026-06-01")}},
		},
		{
			name: "ontvangen/explain", from: ackedBrake, now: answeredAt, do: answer(explain()),
			want: func(n *schakel.Request) {
				n.State, n.Answer, n.ReminderAt = schakel.StateAnswered, schakel.Explain, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAnswered, Actor: responder, Data: schakel.EventData{
				Answer: schakel.Explain, Motivations: explain().Motivations}},
		},
		{
			name: "ontvangen/explain late, before the sweep", from: ackedBrake, now: ams(2026, time.June, 2, 0, 0), do: answer(explain()),
			want: func(n *schakel.Request) {
				n.State, n.Answer, n.ReminderAt = schakel.StateAnswered, schakel.Explain, time.Time{}
				n.AnsweredLate = true
			},
			event: schakel.Event{Type: schakel.EventAnswered, Actor: responder, Data: schakel.EventData{
				Answer: schakel.Explain, Motivations: explain().Motivations, Late: true}},
		},
		{
			name: "geescaleerd/comply", from: escalatedBrake, now: ams(2026, time.April, 30, 9, 0), do: answer(complyBy("2026-05-01")),
			want: func(n *schakel.Request) {
				n.State, n.Answer = schakel.StateAnswered, schakel.Comply
				n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAnswered, Actor: responder, Data: schakel.EventData{
				Answer: schakel.Comply, Changes: "We stoppen de terugvordering.", ByWhen: datep("2026-05-01")}},
		},
		{
			name: "geescaleerd/explain", from: escalatedBrake, now: ams(2026, time.April, 30, 9, 0), do: answer(explain()),
			want: func(n *schakel.Request) {
				n.State, n.Answer = schakel.StateAnswered, schakel.Explain
				n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventAnswered, Actor: responder, Data: schakel.EventData{
				Answer: schakel.Explain, Motivations: explain().Motivations}},
		},

		// Contest: the next rung, with deadlines counted from the contest day
		// (Monday 4 May 2026): acknowledge by 11 May, answer by 15 June,
		// reminder on 10 June.
		{
			name: "beantwoord(explain)/contest", from: explained, now: ams(2026, time.May, 4, 10, 0), do: contest(reason),
			want: func(n *schakel.Request) {
				n.State, n.Answer, n.Rung, n.Contested = schakel.StateEscalated, "", 1, true
				n.AckDue, n.AckDeadline = date("2026-05-11"), utc(2026, time.May, 11, 22, 0)
				n.AnswerDue, n.AnswerDeadline = date("2026-06-15"), utc(2026, time.June, 15, 22, 0)
				n.ReminderAt = utc(2026, time.June, 9, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventContested, Actor: requester, Data: schakel.EventData{
				Reason: reason, From: addr(rungCoordinator), To: addr(rungBoard),
				AckDue: datep("2026-05-11"), AnswerDue: datep("2026-06-15")}},
		},
		{
			name: "beantwoord(explain, late, extended)/contest resets the flags of the rung",
			from: func(t testing.TB, e *comply.Engine) *schakel.Request {
				r := then(t, e, brake(t, e), extend(calendar.Term{N: 1, Unit: calendar.Days}, "Drukte."), ackedAt)
				// Answer due Tuesday 2 June now; answered on the 3rd.
				return then(t, e, r, answer(explain()), ams(2026, time.June, 3, 9, 0))
			},
			now: ams(2026, time.June, 3, 10, 0), do: contest(reason),
			want: func(n *schakel.Request) {
				n.State, n.Answer, n.Rung, n.Contested = schakel.StateEscalated, "", 1, true
				n.AnsweredLate, n.Extended = false, false
				n.AckDue, n.AckDeadline = date("2026-06-10"), utc(2026, time.June, 10, 22, 0)
				n.AnswerDue, n.AnswerDeadline = date("2026-07-15"), utc(2026, time.July, 15, 22, 0)
				n.ReminderAt = utc(2026, time.July, 9, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventContested, Actor: requester, Data: schakel.EventData{
				Reason: reason, From: addr(rungCoordinator), To: addr(rungBoard),
				AckDue: datep("2026-06-10"), AnswerDue: datep("2026-07-15")}},
		},

		// Close.
		{
			name: "beantwoord(comply)/close without reason", from: complied, now: ams(2026, time.April, 25, 11, 0), do: closeReq(""),
			want:  func(n *schakel.Request) { n.State = schakel.StateClosed },
			event: schakel.Event{Type: schakel.EventClosed, Actor: requester},
		},
		{
			name: "beantwoord(explain)/close", from: explained, now: ams(2026, time.April, 25, 11, 0), do: closeReq("Ik laat het hierbij."),
			want:  func(n *schakel.Request) { n.State = schakel.StateClosed },
			event: schakel.Event{Type: schakel.EventClosed, Actor: requester, Data: schakel.EventData{Reason: "Ik laat het hierbij."}},
		},

		// Withdraw, from every state that is not final.
		{
			name: "open/withdraw", from: openBrake, now: ackedAt, do: withdraw("Opgelost in een gesprek."),
			want: func(n *schakel.Request) {
				n.State = schakel.StateWithdrawn
				n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventWithdrawn, Actor: requester, Data: schakel.EventData{Reason: "Opgelost in een gesprek."}},
		},
		{
			name: "ontvangen/withdraw", from: ackedBrake, now: answeredAt, do: withdraw("Opgelost in een gesprek."),
			want: func(n *schakel.Request) {
				n.State, n.ReminderAt = schakel.StateWithdrawn, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventWithdrawn, Actor: requester, Data: schakel.EventData{Reason: "Opgelost in een gesprek."}},
		},
		{
			name: "beantwoord/withdraw", from: explained, now: ams(2026, time.April, 23, 9, 0), do: withdraw("Opgelost in een gesprek."),
			want:  func(n *schakel.Request) { n.State = schakel.StateWithdrawn },
			event: schakel.Event{Type: schakel.EventWithdrawn, Actor: requester, Data: schakel.EventData{Reason: "Opgelost in een gesprek."}},
		},
		{
			name: "geescaleerd/withdraw", from: escalatedBrake, now: ams(2026, time.April, 30, 9, 0), do: withdraw("Opgelost in een gesprek."),
			want: func(n *schakel.Request) {
				n.State = schakel.StateWithdrawn
				n.AckDue, n.AckDeadline, n.ReminderAt = calendar.Date{}, time.Time{}, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventWithdrawn, Actor: requester, Data: schakel.EventData{Reason: "Opgelost in een gesprek."}},
		},

		// Extend: the state stays, the answer deadline moves and the
		// reminder with it.
		{
			name: "open/extend P2W", from: openBrake, now: answeredAt, do: extend(calendar.MustParseTerm("P2W"), "Advies van de jurist."),
			want: func(n *schakel.Request) {
				n.Extended = true
				n.AnswerDue, n.AnswerDeadline = date("2026-06-15"), utc(2026, time.June, 15, 22, 0)
				n.ReminderAt = utc(2026, time.June, 9, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventExtended, Actor: responder, Data: schakel.EventData{
				Reason: "Advies van de jurist.", Term: "P2W", AnswerDue: datep("2026-06-15")}},
		},
		{
			name: "ontvangen/extend P5D onto a Saturday", from: ackedBrake, now: answeredAt, do: extend(calendar.MustParseTerm("P5D"), "Advies van de jurist."),
			want: func(n *schakel.Request) {
				n.Extended = true
				n.AnswerDue, n.AnswerDeadline = date("2026-06-08"), utc(2026, time.June, 8, 22, 0)
				n.ReminderAt = utc(2026, time.June, 2, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventExtended, Actor: responder, Data: schakel.EventData{
				Reason: "Advies van de jurist.", Term: "P5D", AnswerDue: datep("2026-06-08"),
				Reasons: []string{"eindigt op zaterdag 6 juni 2026, verlengd tot en met maandag 8 juni 2026 (art. 1 Atw)"}}},
		},
		{
			name: "geescaleerd/extend 5 working days", from: escalatedBrake, now: ams(2026, time.April, 30, 9, 0),
			do: extend(calendar.Term{N: 5, Unit: calendar.WorkingDays}, "Advies van de jurist."),
			want: func(n *schakel.Request) {
				n.Extended = true
				n.AnswerDue, n.AnswerDeadline = date("2026-06-17"), utc(2026, time.June, 17, 22, 0)
				n.ReminderAt = utc(2026, time.June, 11, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventExtended, Actor: responder, Data: schakel.EventData{
				Reason: "Advies van de jurist.", Term: "5 werkdagen", AnswerDue: datep("2026-06-17")}},
		},

		// Sweep: a missed acknowledgement climbs with fresh deadlines from
		// the day of the escalation (29 April: acknowledge by 6 May, answer
		// by 10 June, reminder on 5 June).
		{
			name: "open/sweep missed acknowledgement", from: openBrake, now: escalatedAt, do: sweep,
			want: func(n *schakel.Request) {
				n.State, n.Rung, n.MissedCount = schakel.StateEscalated, 1, 1
				n.AckDue, n.AckDeadline = date("2026-05-06"), utc(2026, time.May, 6, 22, 0)
				n.AnswerDue, n.AnswerDeadline = date("2026-06-10"), utc(2026, time.June, 10, 22, 0)
				n.ReminderAt = utc(2026, time.June, 4, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventEscalated, Actor: comply.System, Data: schakel.EventData{
				Missed: "ontvangst", From: addr(rungCoordinator), To: addr(rungBoard),
				Reason: "De termijn is verstreken zonder ontvangstbevestiging.",
				AckDue: datep("2026-05-06"), AnswerDue: datep("2026-06-10")}},
		},
		{
			name: "open/sweep exactly at the acknowledgement deadline", from: openBrake, now: utc(2026, time.April, 28, 22, 0), do: sweep,
			want: func(n *schakel.Request) {
				n.State, n.Rung, n.MissedCount = schakel.StateEscalated, 1, 1
				n.AckDue, n.AckDeadline = date("2026-05-06"), utc(2026, time.May, 6, 22, 0)
				n.AnswerDue, n.AnswerDeadline = date("2026-06-10"), utc(2026, time.June, 10, 22, 0)
				n.ReminderAt = utc(2026, time.June, 4, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventEscalated, Actor: comply.System, Data: schakel.EventData{
				Missed: "ontvangst", From: addr(rungCoordinator), To: addr(rungBoard),
				Reason: "De termijn is verstreken zonder ontvangstbevestiging.",
				AckDue: datep("2026-05-06"), AnswerDue: datep("2026-06-10")}},
		},
		{
			// Acknowledged, but the answer of 1 June is missed; the reminder
			// of 27 May was also due and yields to the escalation.
			name: "ontvangen/sweep missed answer", from: ackedBrake, now: ams(2026, time.June, 2, 8, 0), do: sweep,
			want: func(n *schakel.Request) {
				n.State, n.Rung, n.MissedCount = schakel.StateEscalated, 1, 1
				n.AckDue, n.AckDeadline = date("2026-06-09"), utc(2026, time.June, 9, 22, 0)
				n.AnswerDue, n.AnswerDeadline = date("2026-07-14"), utc(2026, time.July, 14, 22, 0)
				n.ReminderAt = utc(2026, time.July, 8, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventEscalated, Actor: comply.System, Data: schakel.EventData{
				Missed: "antwoord", From: addr(rungCoordinator), To: addr(rungBoard),
				Reason: "De termijn is verstreken zonder antwoord.",
				AckDue: datep("2026-06-09"), AnswerDue: datep("2026-07-14")}},
		},
		{
			// From the board to the ministry on 7 May: acknowledge by 15 May
			// (14 May is Hemelvaartsdag), answer by 18 June.
			name: "geescaleerd/sweep missed acknowledgement again", from: escalatedBrake, now: ams(2026, time.May, 7, 9, 0), do: sweep,
			want: func(n *schakel.Request) {
				n.State, n.Rung, n.MissedCount = schakel.StateEscalated, 2, 2
				n.AckDue, n.AckDeadline = date("2026-05-15"), utc(2026, time.May, 15, 22, 0)
				n.AnswerDue, n.AnswerDeadline = date("2026-06-18"), utc(2026, time.June, 18, 22, 0)
				n.ReminderAt = utc(2026, time.June, 14, 22, 0)
			},
			event: schakel.Event{Type: schakel.EventEscalated, Actor: comply.System, Data: schakel.EventData{
				Missed: "ontvangst", From: addr(rungBoard), To: addr(rungMinistry),
				Reason: "De termijn is verstreken zonder ontvangstbevestiging.",
				AckDue: datep("2026-05-15"), AnswerDue: datep("2026-06-18")}},
		},
		{
			name: "geescaleerd at the top/sweep missed acknowledgement is recorded", from: topBrake, now: ams(2026, time.May, 16, 9, 0), do: sweep,
			want: func(n *schakel.Request) {
				n.MissedAtTop, n.MissedCount, n.ReminderAt = true, 3, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventDeadlineMissed, Actor: comply.System, Data: schakel.EventData{Missed: "ontvangst"}},
		},
		{
			name: "geescaleerd at the top/sweep missed answer is recorded", from: topObjection, now: ams(2026, time.June, 26, 9, 0), do: sweep,
			want: func(n *schakel.Request) {
				n.MissedAtTop, n.MissedCount, n.ReminderAt = true, 2, time.Time{}
			},
			event: schakel.Event{Type: schakel.EventDeadlineMissed, Actor: comply.System, Data: schakel.EventData{Missed: "antwoord"}},
		},
		{
			name: "open/sweep reminder", from: func(t testing.TB, e *comply.Engine) *schakel.Request { return objection(t, e) },
			now: ams(2026, time.May, 8, 0, 0), do: sweep,
			want:  func(n *schakel.Request) { n.ReminderAt = time.Time{} },
			event: schakel.Event{Type: schakel.EventReminder, Actor: comply.System, Data: schakel.EventData{AnswerDue: datep("2026-05-13")}},
		},
		{
			name: "ontvangen at the next rung/sweep reminder",
			from: func(t testing.TB, e *comply.Engine) *schakel.Request {
				return then(t, e, escalatedBrake(t, e), acknowledge, ams(2026, time.April, 30, 9, 0))
			},
			now: ams(2026, time.June, 5, 7, 0), do: sweep,
			want:  func(n *schakel.Request) { n.ReminderAt = time.Time{} },
			event: schakel.Event{Type: schakel.EventReminder, Actor: comply.System, Data: schakel.EventData{AnswerDue: datep("2026-06-10")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine()
			from := tt.from(t, e)
			before := clone(from)
			n, ev := ok(t)(tt.do(e, from, tt.now))

			want := clone(from)
			want.Version = from.Version + 1
			want.UpdatedAt, want.LastEventAt = tt.now.UTC(), tt.now.UTC()
			tt.want(want)
			if !reflect.DeepEqual(n, want) {
				t.Errorf("request differs:%s", diff(n, want))
			}
			if !reflect.DeepEqual(from, before) {
				t.Errorf("the input request was changed:%s", diff(from, before))
			}

			wantEv := tt.event
			wantEv.RequestID, wantEv.Seq, wantEv.At = 42, want.Version, tt.now.UTC()
			wantEv.State, wantEv.Rung = want.State, want.Rung
			if !reflect.DeepEqual(*ev, wantEv) {
				t.Errorf("event differs:%s", diff(*ev, wantEv))
			}
			if ev.At.Location() != time.UTC || n.UpdatedAt.Location() != time.UTC {
				t.Errorf("times not in UTC: %v %v", ev.At, n.UpdatedAt)
			}
		})
	}
}

func TestNewEvent(t *testing.T) {
	e := newEngine()
	now := ams(2026, time.April, 20, 12, 0)
	r, ev := ok(t)(e.New(input(schakel.TypeProfessionalBrake), threeRungs, known, now))
	want := &schakel.Request{
		Type: schakel.TypeProfessionalBrake, Subject: "Terugvordering WIA-voorschotten",
		Body: input("").Body, Grounds: input("").Grounds, Requester: requester,
		Ladder: threeRungs, Rung: 0, State: schakel.StateOpen,
		CreatedAt: now.UTC(), UpdatedAt: now.UTC(), LastEventAt: now.UTC(), Version: 1,
		AckDue: date("2026-04-28"), AckDeadline: utc(2026, time.April, 28, 22, 0),
		AnswerDue: date("2026-06-01"), AnswerDeadline: utc(2026, time.June, 1, 22, 0),
		ReminderAt: utc(2026, time.May, 26, 22, 0),
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("request differs:%s", diff(r, want))
	}
	wantEv := schakel.Event{Seq: 1, Type: schakel.EventCreated, At: now.UTC(), Actor: requester,
		State: schakel.StateOpen, Rung: 0, Data: schakel.EventData{AckDue: datep("2026-04-28"), AnswerDue: datep("2026-06-01")}}
	if !reflect.DeepEqual(*ev, wantEv) {
		t.Errorf("event differs:%s", diff(*ev, wantEv))
	}
	// The subject is stored trimmed.
	in := input(schakel.TypeObjection)
	in.Subject = "  Te laat besluit \n"
	r, _ = ok(t)(e.New(in, twoRungs, known, now))
	if r.Subject != "Te laat besluit" {
		t.Errorf("subject = %q, want it trimmed", r.Subject)
	}
}

func TestSweepAtTheTop(t *testing.T) {
	e := newEngine()
	r := topObjection(t, e) // answer due 25 June 2026 at the board, the top
	if !r.AtTop() {
		t.Fatal("the objection should be at the top rung")
	}
	// Nothing due before the reminder on Monday 22 June.
	if n, ev, err := e.Sweep(r, ams(2026, time.June, 21, 23, 59)); n != nil || ev != nil || err != nil {
		t.Fatalf("sweep before anything is due = %v, %v, %v; want nothing", n, ev, err)
	}
	r = then(t, e, r, sweep, ams(2026, time.June, 22, 0, 0)) // the reminder
	if !r.ReminderAt.IsZero() {
		t.Fatal("reminder not cleared")
	}
	missed := ams(2026, time.June, 26, 0, 0)
	if !r.Overdue(missed) || r.Overdue(missed.Add(-time.Nanosecond)) {
		t.Error("Overdue should turn true exactly at the end of 25 June")
	}
	n, ev := ok(t)(e.Sweep(r, missed))
	if ev.Type != schakel.EventDeadlineMissed || !n.MissedAtTop || n.State != schakel.StateEscalated || n.Rung != 1 {
		t.Fatalf("top miss = %+v %+v", ev, n)
	}
	// A second sweep, and any later one, does nothing: the miss is recorded once.
	for _, later := range []time.Time{missed, missed.Add(time.Hour), missed.AddDate(1, 0, 0)} {
		if m, ev2, err := e.Sweep(n, later); m != nil || ev2 != nil || err != nil {
			t.Fatalf("second sweep at %v = %v, %v, %v; want nothing", later, m, ev2, err)
		}
	}
	// The request is still owed and can still be answered: late.
	a, aev := ok(t)(e.Answer(n, responder, explain(), missed.Add(48*time.Hour)))
	if a.State != schakel.StateAnswered || !a.AnsweredLate || !aev.Data.Late || !a.MissedAtTop || a.MissedCount != 2 {
		t.Errorf("late answer at the top = %+v, event %+v", a, aev)
	}
	// And a top explain cannot be contested: the answer there is final.
	_, _, err := e.Contest(a, requester, "Niet eens.", missed.Add(72*time.Hour))
	wantError(t, err, schakel.ECONFLICT, "hoogste trede")
}

func TestSweepNothingDue(t *testing.T) {
	e := newEngine()
	cases := []struct {
		name string
		r    func(testing.TB, *comply.Engine) *schakel.Request
		now  time.Time
	}{
		{"open before the reminder", func(t testing.TB, e *comply.Engine) *schakel.Request { return objection(t, e) }, ams(2026, time.May, 7, 23, 59)},
		{"open at creation", func(t testing.TB, e *comply.Engine) *schakel.Request { return objection(t, e) }, ams(2026, time.April, 1, 12, 0)},
		{"brake a nanosecond before the acknowledgement deadline", openBrake, utc(2026, time.April, 28, 22, 0).Add(-time.Nanosecond)},
		{"acknowledged, after the acknowledgement deadline", ackedBrake, ams(2026, time.May, 1, 9, 0)},
		{"answered, long after every deadline", explained, ams(2027, time.January, 1, 9, 0)},
		{"closed", func(t testing.TB, e *comply.Engine) *schakel.Request {
			return then(t, e, complied(t, e), closeReq(""), answeredAt)
		}, ams(2027, time.January, 1, 9, 0)},
		{"withdrawn", func(t testing.TB, e *comply.Engine) *schakel.Request {
			return then(t, e, brake(t, e), withdraw("Weg."), answeredAt)
		}, ams(2027, time.January, 1, 9, 0)},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if n, ev, err := e.Sweep(tt.r(t, e), tt.now); n != nil || ev != nil || err != nil {
				t.Errorf("sweep = %+v, %+v, %v; want nothing", n, ev, err)
			}
		})
	}
}

func TestReminderOnce(t *testing.T) {
	e := newEngine()
	r := objection(t, e)
	at := ams(2026, time.May, 8, 9, 0)
	n, ev := ok(t)(e.Sweep(r, at))
	if ev.Type != schakel.EventReminder {
		t.Fatalf("event = %s, want a reminder", ev.Type)
	}
	for _, later := range []time.Time{at, at.Add(time.Hour), ams(2026, time.May, 13, 23, 59)} {
		if m, ev2, err := e.Sweep(n, later); m != nil || ev2 != nil || err != nil {
			t.Fatalf("second sweep at %v = %v, %v, %v; want nothing", later, m, ev2, err)
		}
	}
	// After a long outage the escalation comes first and takes the
	// reminder's place; the next rung has its own reminder.
	n, ev = ok(t)(e.Sweep(r, ams(2026, time.May, 20, 9, 0)))
	if ev.Type != schakel.EventEscalated || n.ReminderAt.IsZero() {
		t.Errorf("after an outage: %s, reminder %v; want an escalation with a fresh reminder", ev.Type, n.ReminderAt)
	}
}

// TestSweepAfterOutage drives a request through every rung in one go, the
// way the job calls Sweep until it returns nothing.
func TestSweepAfterOutage(t *testing.T) {
	e := newEngine()
	r := brake(t, e)
	now := ams(2026, time.December, 1, 9, 0)
	var types []schakel.EventType
	for i := 0; ; i++ {
		if i > 10 {
			t.Fatal("sweep does not settle")
		}
		n, ev, err := e.Sweep(r, now)
		if err != nil {
			t.Fatal(err)
		}
		if n == nil {
			break
		}
		types = append(types, ev.Type)
		r = n
	}
	// Each rung gets fresh deadlines from now, so one sweep climbs one rung
	// and the next rung is not overdue at once.
	want := []schakel.EventType{schakel.EventEscalated}
	if !reflect.DeepEqual(types, want) || r.Rung != 1 || r.MissedCount != 1 {
		t.Errorf("events %v at rung %d, missed %d; want %v at rung 1", types, r.Rung, r.MissedCount, want)
	}
}
