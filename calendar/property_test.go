package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// randomDate returns a date between 1 January 1900 and 31 December 2200.
func randomDate(r *rand.Rand) Date {
	first := MustParseDate("1900-01-01")
	return first.AddDays(r.IntN(first.DaysUntil(MustParseDate("2200-12-31")) + 1))
}

func randomTerm(r *rand.Rand) Term {
	u := Unit(1 + r.IntN(4))
	n := 1 + r.IntN(20)
	if r.IntN(10) == 0 {
		n = 1 + r.IntN(u.Max())
	}
	return Term{N: n, Unit: u}
}

// A Calendar with a random Friday after Hemelvaartsdag equated in some
// years, so the properties also hold with Royal Decree days.
func randomCalendar(r *rand.Rand) *Calendar {
	var eq []EquatedDay
	for y := MinYear; y <= MaxYear; y++ {
		if r.IntN(3) == 0 {
			eq = append(eq, EquatedDay{Date: Easter(y).AddDays(40)})
		}
	}
	return New(eq...)
}

func TestDeadlineProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	cals := []*Calendar{nil, randomCalendar(r)}
	for i := 0; i < n; i++ {
		c := cals[i%2]
		ev, tm := randomDate(r), randomTerm(r)
		res := c.Deadline(ev, tm)
		end := res.End
		// Never on a Saturday, Sunday or holiday (art. 1).
		if w := end.Weekday(); w == time.Saturday || w == time.Sunday {
			t.Fatalf("Deadline(%s, %v) = %s, a %s", ev, tm, end, w)
		}
		if name, ok := c.Holiday(end); ok {
			t.Fatalf("Deadline(%s, %v) = %s, %s", ev, tm, end, name)
		}
		if end.Before(res.Nominal) || !res.Nominal.After(ev) {
			t.Fatalf("Deadline(%s, %v): nominal %s, end %s", ev, tm, res.Nominal, end)
		}
		// Art. 2: a term of at least three days has two working days.
		if tm.atLeastThreeDays() && c.WorkingDaysBetween(ev, end) < 2 {
			t.Fatalf("Deadline(%s, %v) = %s has fewer than 2 working days", ev, tm, end)
		}
		// Minimal: no earlier day from the nominal end on satisfies both.
		for d := res.Nominal; d.Before(end); d = d.AddDays(1) {
			if c.IsWorkingDay(d) && (!tm.atLeastThreeDays() || c.WorkingDaysBetween(ev, d) >= 2) {
				t.Fatalf("Deadline(%s, %v) = %s, but %s already qualifies", ev, tm, end, d)
			}
		}
		// A longer term never ends earlier: same unit, one more.
		if tm.N < tm.Unit.Max() {
			longer := c.Deadline(ev, Term{N: tm.N + 1, Unit: tm.Unit})
			if longer.End.Before(end) {
				t.Fatalf("Deadline(%s, %v) = %s but one more ends %s", ev, tm, end, longer.End)
			}
		}
		// Nor across units: 1 week ≥ 7 days ≥ 6 days, 1 month ≥ 28 days.
		if tm.Unit == Weeks && c.Deadline(ev, Term{N: 7*tm.N - 1, Unit: Days}).End.After(end) {
			t.Fatalf("%d days end after %v from %s", 7*tm.N-1, tm, ev)
		}
		if tm.Unit == Months && c.Deadline(ev, Term{N: 28 * tm.N, Unit: Days}).End.After(end) {
			t.Fatalf("%d days end after %v from %s", 28*tm.N, tm, ev)
		}
		// A later event never ends earlier.
		if later := c.Deadline(ev.AddDays(1), tm); later.End.Before(end) {
			t.Fatalf("Deadline(%s, %v) = %s but a day later gives %s", ev, tm, end, later.End)
		}
	}
}

func TestWorkingDayProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	c := randomCalendar(r)
	for i := 0; i < 5000; i++ {
		d := randomDate(r)
		n := r.IntN(61) - 30
		e := c.AddWorkingDays(d, n)
		if got := c.WorkingDaysBetween(d, e); got != n {
			t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(%s, %d) = %s) = %d", d, d, n, e, got)
		}
		if n != 0 && !c.IsWorkingDay(e) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s is not a working day", d, n, e)
		}
		// Against a day-by-day count.
		to := d.AddDays(r.IntN(800) - 400)
		want := 0
		lo, hi, sign := d, to, 1 // count (lo, hi]
		if to.Before(d) {
			lo, hi, sign = to.AddDays(-1), d.AddDays(-1), -1 // count [to, d)
		}
		for x := lo.AddDays(1); !x.After(hi); x = x.AddDays(1) {
			if c.IsWorkingDay(x) {
				want++
			}
		}
		if got := c.WorkingDaysBetween(d, to); got != sign*want {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", d, to, got, sign*want)
		}
	}
}

func TestAddMonthsProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 5000; i++ {
		d := randomDate(r)
		n := r.IntN(MaxMonths) + 1
		e := d.AddMonths(n)
		months := (e.Year()-d.Year())*12 + int(e.Month()-d.Month())
		if months != n {
			t.Fatalf("%s + %d months = %s, %d months later", d, n, e, months)
		}
		if e.Day() != d.Day() && e.Day() != daysIn(e.Year(), e.Month()) {
			t.Fatalf("%s + %d months = %s: neither the same day nor the last", d, n, e)
		}
		if e.Day() > d.Day() {
			t.Fatalf("%s + %d months = %s overshoots", d, n, e)
		}
	}
}
