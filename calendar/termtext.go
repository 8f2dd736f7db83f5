package calendar

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// ParseTermText parses the text form String gives a term: an ISO 8601
// duration in days, weeks or months as ParseTerm accepts it ("P6W",
// "P14D", "P3M"), or a number of working days in Dutch ("5 werkdagen",
// "1 werkdag"), which ISO 8601 cannot express. It is the form in which
// configured terms are stored and sent through the API, so that
// ParseTermText(t.String()) == t for every valid term. Errors are *Error
// values with a Dutch message.
func ParseTermText(s string) (Term, error) {
	s = strings.TrimSpace(s)
	num, word, ok := strings.Cut(s, " ")
	if !ok {
		t, err := ParseTerm(s)
		if err != nil && !strings.HasPrefix(strings.ToUpper(s), "P") && s != "" {
			return Term{}, invalid("syntax", "Geef een termijn als ISO 8601-duur (P6W, P14D, P3M) of als aantal werkdagen (5 werkdagen); %q is geen van beide.", s)
		}
		return t, err
	}
	switch strings.ToLower(strings.TrimSpace(word)) {
	case "werkdagen", "werkdag":
	default:
		return Term{}, invalid("syntax", "Geef een termijn als ISO 8601-duur (P6W, P14D, P3M) of als aantal werkdagen (5 werkdagen); %q is geen van beide.", s)
	}
	switch {
	case strings.HasPrefix(num, "-"):
		return Term{}, invalid("negative", "Een termijn kan niet negatief zijn; gebruik %s.", "bijvoorbeeld 5 werkdagen")
	case num == "" || strings.TrimLeft(num, "0123456789") != "":
		return Term{}, invalid("syntax", "Geef een geheel aantal werkdagen, bijvoorbeeld 5 werkdagen; %q is dat niet.", num)
	case len(num) > 9:
		return Term{}, invalid("toolarge", "Een termijn van meer dan %s wordt niet ondersteund.", WorkingDays.Dutch(MaxWorkingDays))
	}
	n, _ := strconv.Atoi(num)
	t, err := NewTerm(n, WorkingDays)
	if err != nil {
		return Term{}, err
	}
	return t, nil
}

// Span returns the fewest and the most calendar days from the triggering
// event to the nominal end of t, before the Algemene termijnenwet extends
// it. Days and weeks are exact. Months are counted with AddMonths over every
// start day of years that include a leap year and a century that is none,
// so the bounds hold for any start. Working days are at least N plus the
// weekends N of them must span; their most is a deliberately generous
// bound, 2N + 7, because holidays (and days an operator equates) can pile
// up — four fall between Goede Vrijdag and 5 mei in a late-Easter year — and
// a check against a legal maximum must never pass a term that can exceed
// it. An invalid term spans (0, 0).
func (t Term) Span() (lo, hi int) {
	if t.Validate() != nil {
		return 0, 0
	}
	switch t.Unit {
	case Days:
		return t.N, t.N
	case Weeks:
		return 7 * t.N, 7 * t.N
	case Months:
		return monthSpan(t.N)
	case WorkingDays:
		return t.N + 2*((t.N-1)/5), 2*t.N + 7
	}
	return 0, 0
}

var monthSpans sync.Map // n → [2]int

// monthSpan returns the shortest and longest n-month spans over every start
// day of 2096–2104 (leap years, and 2100, which is none).
func monthSpan(n int) (lo, hi int) {
	if v, ok := monthSpans.Load(n); ok {
		s := v.([2]int)
		return s[0], s[1]
	}
	lo, hi = 1<<30, 0
	for d := DateOf(2096, time.January, 1); d.Year() <= 2104; d = d.AddDays(1) {
		span := d.DaysUntil(d.AddMonths(n))
		lo, hi = min(lo, span), max(hi, span)
	}
	monthSpans.Store(n, [2]int{lo, hi})
	return lo, hi
}

// AtMost reports whether t can never end later than u, counted from the
// same event: in the same unit when t.N ≤ u.N, otherwise when the longest
// span of t is at most the shortest span of u (see Span). It is the check
// for "no longer than the law allows": P42D is at most P6W, P1M is at most
// P6W, P2M is not (two months can be 62 days).
func (t Term) AtMost(u Term) bool {
	if t.Unit == u.Unit {
		return t.N <= u.N
	}
	_, hi := t.Span()
	lo, _ := u.Span()
	return hi <= lo
}

// MustParseTermText is ParseTermText for constants in tests and examples;
// it panics on an invalid term.
func MustParseTermText(s string) Term {
	t, err := ParseTermText(s)
	if err != nil {
		panic(err)
	}
	return t
}
