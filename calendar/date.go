package calendar

import (
	"fmt"
	"time"
)

// MinYear and MaxYear bound the years ParseDate accepts. Computation works
// for any Gregorian year; the bounds keep user input sensible.
const (
	MinYear = 1900
	MaxYear = 2200
)

// Date is a civil date — year, month, day — without a time zone.
//
// It is a small comparable struct: two Dates are the same day exactly when
// they are ==, so a Date can be a map key. The zero Date is "no date"
// (IsZero); every other Date is a valid day of the proleptic Gregorian
// calendar. Arithmetic goes through time.Time at UTC midnight, where every
// day has exactly 24 hours.
type Date struct {
	year  int
	month time.Month
	day   int
}

// DateOf returns the date year-month-day, normalised like time.Date: month
// 13 is January of the next year, day 0 the last day of the previous month.
func DateOf(year int, month time.Month, day int) Date {
	return dateFromTime(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateFromTime returns the civil date of t in t's own location. Use
// Calendar.Today for the date in the Netherlands.
func DateFromTime(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

func dateFromTime(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses an ISO 8601 calendar date in the extended format
// YYYY-MM-DD, e.g. "2026-04-01", with a year between MinYear and MaxYear.
// Errors are *Error values with a Dutch message.
func ParseDate(s string) (Date, error) {
	const example = "bijvoorbeeld 2026-04-01"
	if s == "" {
		return Date{}, invalid("required", "Geef een datum op als JJJJ-MM-DD, %s.", example)
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, invalid("format", "%q is geen datum in de vorm JJJJ-MM-DD, %s.", s, example)
	}
	num := func(p string) (int, bool) {
		n := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return 0, false
			}
			n = n*10 + int(p[i]-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, invalid("format", "%q is geen datum in de vorm JJJJ-MM-DD, %s.", s, example)
	}
	if m < 1 || m > 12 {
		return Date{}, invalid("month", "%q bestaat niet: een maand loopt van 01 tot en met 12.", s)
	}
	if d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, invalid("day", "%q bestaat niet: %s %d heeft %d dagen.", s, monthNames[m-1], y, daysIn(y, time.Month(m)))
	}
	if y < MinYear || y > MaxYear {
		return Date{}, invalid("range", "Het jaar van %q moet tussen %d en %d liggen.", s, MinYear, MaxYear)
	}
	return Date{y, time.Month(m), d}, nil
}

// MustParseDate is ParseDate for constants in tests and examples; it panics
// on an invalid date.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// daysIn returns the number of days of month m in year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the zero Date, i.e. no date.
func (d Date) IsZero() bool { return d == Date{} }

// Year returns the year of d.
func (d Date) Year() int { return d.year }

// Month returns the month of d.
func (d Date) Month() time.Month { return d.month }

// Day returns the day of the month of d.
func (d Date) Day() int { return d.day }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Time returns d at midnight UTC. It is the zero time.Time for the zero
// Date.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC)
}

// AddDays returns the date n days after d (before d when n is negative).
func (d Date) AddDays(n int) Date { return DateOf(d.year, d.month, d.day+n) }

// AddMonths returns the date n months after d, on the same day of the
// month, or on the last day of the target month when it is shorter: 31
// January plus one month is 28 or 29 February. Unlike time.Time.AddDate it
// never overflows into the month after.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.year, d.month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	y, m, _ := first.Date()
	return Date{y, m, min(d.day, daysIn(y, m))}
}

// DaysUntil returns the number of days from d to e: positive when e is
// later, negative when it is earlier.
func (d Date) DaysUntil(e Date) int {
	return int((e.Time().Unix() - d.Time().Unix()) / 86400)
}

// Compare returns -1 if d is before e, 0 if they are the same day and +1 if
// d is after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.year != e.year:
		return cmpInt(d.year, e.year)
	case d.month != e.month:
		return cmpInt(int(d.month), int(e.month))
	default:
		return cmpInt(d.day, e.day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.year < 0 || d.year > 9999 {
		return fmt.Sprintf("%+05d-%02d-%02d", d.year, d.month, d.day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

// MarshalText implements encoding.TextMarshaler: YYYY-MM-DD, or empty for
// the zero Date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseDate; empty
// text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

var monthNames = [12]string{"januari", "februari", "maart", "april", "mei", "juni",
	"juli", "augustus", "september", "oktober", "november", "december"}

var weekdayNames = [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}

// Dutch returns d the way Dutch text writes it: "14 mei 2026".
func (d Date) Dutch() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.day, monthNames[d.month-1], d.year)
}

// DutchLong returns d with its weekday: "donderdag 14 mei 2026".
func (d Date) DutchLong() string {
	if d.IsZero() {
		return ""
	}
	return WeekdayDutch(d.Weekday()) + " " + d.Dutch()
}

// WeekdayDutch returns the Dutch name of w in lower case: "maandag".
func WeekdayDutch(w time.Weekday) string { return weekdayNames[w%7] }
