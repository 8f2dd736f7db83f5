package calendar

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Amsterdam on machines without a tz database
)

// ReasonCode says why a deadline was extended; the codes are stable.
type ReasonCode string

// The reasons for an extension. The art. 1 codes name the kind of day the
// term would have ended on; when that day is both a holiday and a weekend
// day the holiday wins (Koningsdag on Saturday 26 April 2025 gives
// ReasonHoliday).
const (
	ReasonSaturday       ReasonCode = "atw1-zaterdag"       // art. 1: ends on a Saturday
	ReasonSunday         ReasonCode = "atw1-zondag"         // art. 1: ends on a Sunday
	ReasonHoliday        ReasonCode = "atw1-feestdag"       // art. 1: ends on a holiday of art. 3(1) or Goede Vrijdag (art. 3(2))
	ReasonEquated        ReasonCode = "atw1-gelijkgesteld"  // art. 1: ends on a day equated by Royal Decree (art. 3(3))
	ReasonTwoWorkingDays ReasonCode = "atw2-twee-werkdagen" // art. 2: fewer than two working days in a term of at least three days
)

// Reason is one extension of a deadline.
type Reason struct {
	Code    ReasonCode
	Article string // "1" or "2": the article of the Atw
	From    Date   // the day the term ended before this extension
	To      Date   // the day it is extended to, inclusive
	Day     string // art. 1: what From is, "zaterdag", "zondag" or the holiday's name; art. 2: ""
	Text    string // Dutch, e.g. "eindigt op Hemelvaartsdag (donderdag 14 mei 2026), verlengd tot en met vrijdag 15 mei 2026 (art. 1 Atw)"
}

// Result is a computed deadline.
type Result struct {
	Event    Date     // the triggering event; the term starts the day after
	Term     Term     // the term
	Start    Date     // first day of the term: Event + 1
	Nominal  Date     // last day of the term before the Atw
	End      Date     // last day of the term: the deadline, inclusive
	Extended bool     // End is after Nominal
	Reasons  []Reason // the extensions in order; empty but not nil when none
}

// Deadline returns the last day of term t after event: the term starts the
// day after event, runs t (see the package comment for days, weeks, months
// and working days) and is then extended by art. 1 and, for a term of at
// least three days, art. 2 Atw. Six weeks after Wednesday 1 April 2026 end
// on Wednesday 13 May 2026.
//
// The term must be valid (Term.Validate) and the event not zero; otherwise
// the Result has a zero End.
func (c *Calendar) Deadline(event Date, t Term) Result {
	r := Result{Event: event, Term: t, Reasons: []Reason{}}
	if event.IsZero() || t.Validate() != nil {
		return r
	}
	r.Start = event.AddDays(1)
	switch t.Unit {
	case Days:
		r.Nominal = event.AddDays(t.N)
	case Weeks:
		r.Nominal = event.AddDays(7 * t.N)
	case Months:
		r.Nominal = event.AddMonths(t.N)
	case WorkingDays:
		r.Nominal = c.AddWorkingDays(event, t.N)
	}
	end := r.Nominal
	// Art. 1: a term that ends on a Saturday, Sunday or holiday runs up to
	// and including the next day that is none of these.
	if !c.IsWorkingDay(end) {
		next := c.nextWorkingDay(end)
		code, day, what := c.kindOf(end)
		r.Reasons = append(r.Reasons, Reason{
			Code: code, Article: "1", From: end, To: next, Day: day,
			Text: fmt.Sprintf("eindigt op %s, verlengd tot en met %s (art. 1 Atw)", what, next.DutchLong()),
		})
		end = next
	}
	// Art. 2: a term of at least three days contains at least two working
	// days. End is a working day now, so the term has at least one; when it
	// has only that one, the term runs to the next working day.
	if t.atLeastThreeDays() && c.WorkingDaysBetween(event, end) < 2 {
		next := c.nextWorkingDay(end)
		r.Reasons = append(r.Reasons, Reason{
			Code: ReasonTwoWorkingDays, Article: "2", From: end, To: next,
			Text: fmt.Sprintf("de termijn van %s bevat maar één dag die geen zaterdag, zondag of feestdag is, verlengd tot en met %s (art. 2 Atw)", t.Dutch(), next.DutchLong()),
		})
		end = next
	}
	r.End = end
	r.Extended = end != r.Nominal
	return r
}

// Extend returns the deadline after extending a term that ends on
// deadline by t, as for an adjournment (verdaging, e.g. Awb 7:10(3)): the
// extension starts the day after deadline and is computed like Deadline.
// Pass the deadline as it stands, normally the End of the earlier Result.
func (c *Calendar) Extend(deadline Date, t Term) Result { return c.Deadline(deadline, t) }

// kindOf describes a non-working day d for a Reason.
func (c *Calendar) kindOf(d Date) (code ReasonCode, day, what string) {
	if name, equated := c.holiday(d); name != "" {
		code = ReasonHoliday
		if equated {
			code = ReasonEquated
		}
		return code, name, fmt.Sprintf("%s (%s)", name, d.DutchLong())
	}
	if d.Weekday() == time.Saturday {
		return ReasonSaturday, "zaterdag", d.DutchLong()
	}
	return ReasonSunday, "zondag", d.DutchLong()
}

// nextWorkingDay returns the first working day after d.
func (c *Calendar) nextWorkingDay(d Date) Date {
	for d = d.AddDays(1); !c.IsWorkingDay(d); d = d.AddDays(1) {
	}
	return d
}

// AddWorkingDays returns the n-th working day after d, or for negative n
// the |n|-th working day before d; d itself is returned for n == 0. Three
// working days before a deadline: AddWorkingDays(deadline, -3).
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days met when walking from from to
// to, not counting from itself: for to after from, the working days after
// from up to and including to — on a Monday, a Thursday deadline is "nog 3
// werkdagen" away; for to before from, minus the working days from to up
// to but not including from. It is the inverse of AddWorkingDays:
// WorkingDaysBetween(d, AddWorkingDays(d, n)) == n for every n.
func (c *Calendar) WorkingDaysBetween(from, to Date) int {
	if to.Before(from) {
		return -c.WorkingDaysBetween(to.AddDays(-1), from.AddDays(-1))
	}
	days := from.DaysUntil(to)
	// Weekdays in (from, to]: five per whole week, then the rest one by one.
	n := days / 7 * 5
	for i := days/7*7 + 1; i <= days; i++ {
		if w := from.AddDays(i).Weekday(); w != time.Saturday && w != time.Sunday {
			n++
		}
	}
	// Minus the holidays that fall on a weekday in (from, to].
	for y := from.year; y <= to.year; y++ {
		for _, h := range c.Holidays(y) {
			if h.Date.After(from) && !h.Date.After(to) {
				if w := h.Date.Weekday(); w != time.Saturday && w != time.Sunday {
					n--
				}
			}
		}
	}
	return n
}

// amsterdam is the zone in which Dutch deadlines pass.
var amsterdam = mustLoad("Europe/Amsterdam")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Unreachable: time/tzdata embeds the database as a fallback.
		panic("calendar: " + err.Error())
	}
	return loc
}

// Location returns Europe/Amsterdam, the zone of Dutch deadlines.
func Location() *time.Location { return amsterdam }

// EndOf returns the moment deadline d has passed: the start of the next day
// in Europe/Amsterdam, in UTC. The bound is exclusive — something done at t
// is in time exactly when t.Before(c.EndOf(d)) — which avoids a last
// nanosecond that databases with microsecond precision would round away.
// The instant accounts for summer time: 13 May 2026 ends at 22:00 UTC, 14
// December 2026 at 23:00 UTC.
func (c *Calendar) EndOf(d Date) time.Time {
	return time.Date(d.year, d.month, d.day+1, 0, 0, 0, 0, amsterdam).UTC()
}

// StartOf returns the moment day d begins in Europe/Amsterdam, in UTC: the
// inclusive lower bound of the day, as EndOf is its exclusive upper bound.
func StartOf(d Date) time.Time {
	return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, amsterdam).UTC()
}

// Overdue reports whether deadline d has passed at now.
func (c *Calendar) Overdue(d Date, now time.Time) bool { return !now.Before(c.EndOf(d)) }

// Today returns the civil date in the Netherlands at now.
func (c *Calendar) Today(now time.Time) Date { return DateFromTime(now.In(amsterdam)) }
