package comply_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
)

// TestNewDeadlines checks the deadlines of new requests, each hand-checked
// against the 2026 calendar (Easter 5 April: Goede Vrijdag 3 April, 2e
// Paasdag 6 April; Koningsdag Monday 27 April; Hemelvaartsdag 14 May; 2e
// Pinksterdag 25 May). A deadline passes at midnight in Amsterdam: 22:00
// UTC in summer time, 23:00 UTC in winter time.
func TestNewDeadlines(t *testing.T) {
	tests := []struct {
		name    string
		typ     schakel.RequestType
		urgent  bool
		terms   *comply.Terms // nil: DefaultTerms
		created time.Time

		ackDue, ackDeadline       string // "" when none
		answerDue, answerDeadline string
		reminderAt                string // "" when none
		reasons                   []string
	}{
		{
			name: "objection, 1 April 2026: six weeks", typ: schakel.TypeObjection, created: ams(2026, time.April, 1, 12, 0),
			answerDue: "2026-05-13", answerDeadline: "2026-05-13T22:00:00Z",
			// Three working days before Wednesday 13 May: 12, 11, 8 May.
			reminderAt: "2026-05-07T22:00:00Z",
		},
		{
			name: "objection made just after midnight in Amsterdam, still 31 March in UTC", typ: schakel.TypeObjection,
			created:   utc(2026, time.March, 31, 22, 30),
			answerDue: "2026-05-13", answerDeadline: "2026-05-13T22:00:00Z", reminderAt: "2026-05-07T22:00:00Z",
		},
		{
			name: "objection made just before midnight in Amsterdam", typ: schakel.TypeObjection,
			created:   ams(2026, time.April, 1, 23, 59),
			answerDue: "2026-05-13", answerDeadline: "2026-05-13T22:00:00Z", reminderAt: "2026-05-07T22:00:00Z",
		},
		{
			name: "objection, 2 April 2026: would end on Hemelvaartsdag", typ: schakel.TypeObjection, created: ams(2026, time.April, 2, 12, 0),
			answerDue: "2026-05-15", answerDeadline: "2026-05-15T22:00:00Z",
			// 13, 12, 11 May (14 May is Hemelvaartsdag, 15 May the deadline).
			reminderAt: "2026-05-10T22:00:00Z",
			reasons:    []string{"eindigt op Hemelvaartsdag (donderdag 14 mei 2026), verlengd tot en met vrijdag 15 mei 2026 (art. 1 Atw)"},
		},
		{
			name: "complaint in winter time", typ: schakel.TypeComplaint, created: ams(2026, time.December, 1, 12, 0),
			answerDue: "2027-01-12", answerDeadline: "2027-01-12T23:00:00Z",
			// 11 January (Monday), 8 and 7 January.
			reminderAt: "2027-01-06T23:00:00Z",
		},
		{
			name: "general request ending on 1e Kerstdag", typ: schakel.TypeGeneral, created: ams(2026, time.November, 13, 12, 0),
			// 25 December (Friday), 26 December (Saturday, 2e Kerstdag), Sunday: Monday 28 December.
			answerDue: "2026-12-28", answerDeadline: "2026-12-28T23:00:00Z",
			// 24, 23, 22 December.
			reminderAt: "2026-12-21T23:00:00Z",
			reasons:    []string{"eindigt op Eerste Kerstdag (vrijdag 25 december 2026), verlengd tot en met maandag 28 december 2026 (art. 1 Atw)"},
		},
		{
			name: "professional brake: acknowledgement would end on Koningsdag", typ: schakel.TypeProfessionalBrake,
			created: ams(2026, time.April, 20, 12, 0),
			// 7 days after Monday 20 April is Koningsdag, Monday 27 April: Tuesday 28 April.
			ackDue: "2026-04-28", ackDeadline: "2026-04-28T22:00:00Z",
			answerDue: "2026-06-01", answerDeadline: "2026-06-01T22:00:00Z",
			// 29, 28, 27 May.
			reminderAt: "2026-05-26T22:00:00Z",
		},
		{
			name: "professional brake pulled on a Saturday", typ: schakel.TypeProfessionalBrake,
			created: ams(2026, time.May, 2, 12, 0),
			// Saturday 9 May: Monday 11 May. Saturday 13 June: Monday 15 June.
			ackDue: "2026-05-11", ackDeadline: "2026-05-11T22:00:00Z",
			answerDue: "2026-06-15", answerDeadline: "2026-06-15T22:00:00Z",
			reminderAt: "2026-06-09T22:00:00Z",
			reasons:    []string{"eindigt op zaterdag 13 juni 2026, verlengd tot en met maandag 15 juni 2026 (art. 1 Atw)"},
		},
		{
			name: "urgent professional brake: five working days over Hemelvaartsdag", typ: schakel.TypeProfessionalBrake, urgent: true,
			created: ams(2026, time.May, 8, 12, 0),
			ackDue:  "2026-05-15", ackDeadline: "2026-05-15T22:00:00Z",
			// Friday 8 May: 11, 12, 13, (14 Hemelvaartsdag), 15, 18 May.
			answerDue: "2026-05-18", answerDeadline: "2026-05-18T22:00:00Z",
			// 15, 13, 12 May.
			reminderAt: "2026-05-11T22:00:00Z",
		},
		{
			name: "urgent brake over Easter", typ: schakel.TypeProfessionalBrake, urgent: true,
			created: ams(2026, time.April, 1, 12, 0),
			// 7 days: Wednesday 8 April.
			ackDue: "2026-04-08", ackDeadline: "2026-04-08T22:00:00Z",
			// 2, (3 Goede Vrijdag), (6 2e Paasdag), 7, 8, 9, 10 April.
			answerDue: "2026-04-10", answerDeadline: "2026-04-10T22:00:00Z",
			// 9, 8, 7 April.
			reminderAt: "2026-04-06T22:00:00Z",
		},
		{
			name: "term too short for a reminder: 3 working days", typ: schakel.TypeGeneral,
			terms:   &comply.Terms{Answer: calendar.Term{N: 3, Unit: calendar.WorkingDays}, ReminderWorkingDays: 3},
			created: ams(2026, time.April, 1, 12, 0),
			// 2, 7, 8 April; the reminder would be due today.
			answerDue: "2026-04-08", answerDeadline: "2026-04-08T22:00:00Z",
		},
		{
			name: "term just long enough for a reminder: 4 working days", typ: schakel.TypeGeneral,
			terms:     &comply.Terms{Answer: calendar.Term{N: 4, Unit: calendar.WorkingDays}, ReminderWorkingDays: 3},
			created:   ams(2026, time.April, 1, 12, 0),
			answerDue: "2026-04-09", answerDeadline: "2026-04-09T22:00:00Z",
			// 8, 7, 2 April: tomorrow at midnight.
			reminderAt: "2026-04-01T22:00:00Z",
		},
		{
			name: "no reminder configured", typ: schakel.TypeGeneral,
			terms:     &comply.Terms{Answer: calendar.MustParseTerm("P6W")},
			created:   ams(2026, time.April, 1, 12, 0),
			answerDue: "2026-05-13", answerDeadline: "2026-05-13T22:00:00Z",
		},
		{
			name: "configured terms of 2 and 3 days over Easter", typ: schakel.TypeGeneral,
			terms:   &comply.Terms{Ack: calendar.MustParseTerm("P2D"), Answer: calendar.MustParseTerm("P3D"), ReminderWorkingDays: 1},
			created: ams(2026, time.April, 2, 12, 0),
			// Saturday 4 April; 6 April is Tweede Paasdag: Tuesday 7 April.
			ackDue: "2026-04-07", ackDeadline: "2026-04-07T22:00:00Z",
			// Easter Sunday 5 April: Tuesday 7 April, but the term then holds
			// one working day only (3 April is Goede Vrijdag), so art. 2 adds
			// Wednesday 8 April.
			answerDue: "2026-04-08", answerDeadline: "2026-04-08T22:00:00Z",
			reminderAt: "2026-04-06T22:00:00Z",
			reasons: []string{
				"eindigt op zondag 5 april 2026, verlengd tot en met dinsdag 7 april 2026 (art. 1 Atw)",
				"de termijn van 3 dagen bevat maar één dag die geen zaterdag, zondag of feestdag is, verlengd tot en met woensdag 8 april 2026 (art. 2 Atw)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine()
			if tt.terms != nil {
				terms := *tt.terms
				e.Terms = func(int64, schakel.RequestType) comply.Terms { return terms }
			}
			in := input(tt.typ)
			in.Urgent = tt.urgent
			r, ev := ok(t)(e.New(in, threeRungs, known, tt.created))
			checkDeadlines(t, r, tt.ackDue, tt.ackDeadline, tt.answerDue, tt.answerDeadline, tt.reminderAt)
			if !reflect.DeepEqual(ev.Data.Reasons, tt.reasons) {
				t.Errorf("reasons = %q, want %q", ev.Data.Reasons, tt.reasons)
			}
			if want := date(tt.answerDue); ev.Data.AnswerDue == nil || *ev.Data.AnswerDue != want {
				t.Errorf("event answer due = %v, want %s", ev.Data.AnswerDue, want)
			}
			if tt.ackDue == "" && ev.Data.AckDue != nil || tt.ackDue != "" && (ev.Data.AckDue == nil || *ev.Data.AckDue != date(tt.ackDue)) {
				t.Errorf("event ack due = %v, want %q", ev.Data.AckDue, tt.ackDue)
			}
		})
	}
}

func checkDeadlines(t *testing.T, r *schakel.Request, ackDue, ackDeadline, answerDue, answerDeadline, reminderAt string) {
	t.Helper()
	instant := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	day := func(s string) calendar.Date {
		if s == "" {
			return calendar.Date{}
		}
		return date(s)
	}
	if r.AckDue != day(ackDue) || !r.AckDeadline.Equal(instant(ackDeadline)) {
		t.Errorf("acknowledge by %s (%v), want %s (%s)", r.AckDue, r.AckDeadline, ackDue, ackDeadline)
	}
	if r.AnswerDue != day(answerDue) || !r.AnswerDeadline.Equal(instant(answerDeadline)) {
		t.Errorf("answer by %s (%v), want %s (%s)", r.AnswerDue, r.AnswerDeadline, answerDue, answerDeadline)
	}
	if !r.ReminderAt.Equal(instant(reminderAt)) {
		t.Errorf("reminder at %v, want %q", r.ReminderAt, reminderAt)
	}
	for _, ts := range []time.Time{r.AckDeadline, r.AnswerDeadline, r.ReminderAt} {
		if !ts.IsZero() && ts.Location() != time.UTC {
			t.Errorf("%v is not in UTC", ts)
		}
	}
}

// TestDeadlinesAfterEscalation: every rung counts its terms from the day
// it receives the request, with the terms of its own organisation.
func TestDeadlinesAfterEscalation(t *testing.T) {
	t.Run("objection escalated on Hemelvaartsdag", func(t *testing.T) {
		r := topObjection(t, newEngine())
		// 14 May + 6 weeks: Thursday 25 June; reminder 24, 23, 22 June.
		checkDeadlines(t, r, "", "", "2026-06-25", "2026-06-25T22:00:00Z", "2026-06-21T22:00:00Z")
	})
	t.Run("escalated days after the miss", func(t *testing.T) {
		e := newEngine()
		// The sweep ran late, on Monday 18 May: the board's terms count from then.
		r := then(t, e, objection(t, e), sweep, ams(2026, time.May, 18, 6, 0))
		checkDeadlines(t, r, "", "", "2026-06-29", "2026-06-29T22:00:00Z", "2026-06-23T22:00:00Z")
	})
	t.Run("terms of the next rung's organisation", func(t *testing.T) {
		e := newEngine()
		e.Terms = func(org int64, typ schakel.RequestType) comply.Terms {
			terms := comply.DefaultTerms[typ]
			if org == orgSZW {
				terms.Answer = calendar.MustParseTerm("P8W")
				terms.Ack = calendar.MustParseTerm("P3D")
			}
			return terms
		}
		ladder := []schakel.Addressee{rungBoard, rungMinistry}
		r := mustNew(t, e, input(schakel.TypeGeneral), ladder, ams(2026, time.April, 1, 12, 0))
		checkDeadlines(t, r, "", "", "2026-05-13", "2026-05-13T22:00:00Z", "2026-05-07T22:00:00Z")
		r = then(t, e, r, sweep, ams(2026, time.May, 14, 10, 0))
		// 14 May + 3 days: Sunday 17 May, so Monday 18 May. 14 May + 8
		// weeks: Thursday 9 July; reminder 8, 7, 6 July.
		checkDeadlines(t, r, "2026-05-18", "2026-05-18T22:00:00Z", "2026-07-09", "2026-07-09T22:00:00Z", "2026-07-05T22:00:00Z")
	})
}

// TestLateness: an answer given after the deadline, but before the sweep
// escalated, is accepted and marked late; one given a moment earlier is in
// time.
func TestLateness(t *testing.T) {
	deadline := utc(2026, time.May, 13, 22, 0) // the objection's 13 May passes
	tests := []struct {
		name string
		at   time.Time
		late bool
	}{
		{"the day before", ams(2026, time.May, 12, 12, 0), false},
		{"a nanosecond before midnight", deadline.Add(-time.Nanosecond), false},
		{"at midnight", deadline, true},
		{"a week late, not yet swept", ams(2026, time.May, 20, 12, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine()
			r := objection(t, e)
			if r.Overdue(tt.at) != tt.late {
				t.Errorf("Overdue = %v, want %v", r.Overdue(tt.at), tt.late)
			}
			for _, in := range []comply.AnswerInput{explain(), complyBy("2026-12-31")} {
				n, ev := ok(t)(e.Answer(r, responder, in, tt.at))
				if n.AnsweredLate != tt.late || ev.Data.Late != tt.late {
					t.Errorf("%s: AnsweredLate %v, event late %v; want %v", in.Kind, n.AnsweredLate, ev.Data.Late, tt.late)
				}
				if n.Overdue(tt.at.Add(365 * 24 * time.Hour)) {
					t.Error("an answered request is never overdue")
				}
			}
			// A sweep at the same moment would have escalated instead.
			n, ev, err := e.Sweep(r, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			if tt.late != (ev != nil && ev.Type == schakel.EventEscalated) {
				t.Errorf("sweep at %v: %v, want escalation %v", tt.at, ev, tt.late)
			}
			_ = n
		})
	}
	t.Run("acknowledgement", func(t *testing.T) {
		e := newEngine()
		ackDeadline := utc(2026, time.April, 28, 22, 0)
		for _, at := range []time.Time{ackDeadline.Add(-time.Nanosecond), ackDeadline, ackDeadline.Add(time.Hour)} {
			r := brake(t, e)
			late := !at.Before(ackDeadline)
			if r.Overdue(at) != late {
				t.Errorf("Overdue at %v = %v, want %v", at, !late, late)
			}
			n, ev := ok(t)(e.Acknowledge(r, responder, at))
			if ev.Data.Late != late || n.Overdue(at) {
				t.Errorf("acknowledged at %v: late %v, overdue %v; want late %v, not overdue", at, ev.Data.Late, n.Overdue(at), late)
			}
		}
	})
}

// TestExtendKeepsAckAndMovesReminder: an extension moves the answer
// deadline only, and reschedules a reminder already sent.
func TestExtendKeepsAckAndMovesReminder(t *testing.T) {
	e := newEngine()
	r := objection(t, e)
	r = then(t, e, r, sweep, ams(2026, time.May, 8, 9, 0)) // the reminder is sent
	if !r.ReminderAt.IsZero() {
		t.Fatal("reminder not cleared")
	}
	n, ev := ok(t)(e.Extend(r, responder, calendar.MustParseTerm("P2W"), "Hoorzitting.", ams(2026, time.May, 11, 9, 0)))
	// 13 May + 2 weeks: 27 May; reminder on 21 May (26, 22, 21: 25 May is
	// Tweede Pinksterdag).
	checkDeadlines(t, n, "", "", "2026-05-27", "2026-05-27T22:00:00Z", "2026-05-20T22:00:00Z")
	if ev.Data.Term != "P2W" || len(ev.Data.Reasons) != 0 {
		t.Errorf("event data = %+v", ev.Data)
	}
	// The brake keeps its acknowledgement deadline when extended.
	b := brake(t, e)
	n, _ = ok(t)(e.Extend(b, responder, calendar.MustParseTerm("P1W"), "Drukte.", ackedAt))
	if n.AckDue != b.AckDue || n.AckDeadline != b.AckDeadline {
		t.Errorf("extension moved the acknowledgement: %s, want %s", n.AckDue, b.AckDue)
	}
	if !strings.HasPrefix(n.AnswerDue.String(), "2026-06-08") {
		t.Errorf("answer due %s, want 2026-06-08", n.AnswerDue)
	}
}
