package calendar

import (
	"fmt"
	"strconv"
	"strings"
)

// Unit is the unit of a Term.
type Unit int

// The units of a term. The zero Unit is invalid.
const (
	Days        Unit = iota + 1 // calendar days, ISO 8601 "D"
	Weeks                       // weeks of seven days, ISO 8601 "W"
	Months                      // calendar months, ISO 8601 "M"
	WorkingDays                 // days that are not Saturday, Sunday or holiday; no ISO 8601 form
)

// The largest N a Term accepts per unit, about ten years each: longer
// terms are mistakes, not law.
const (
	MaxDays        = 3660
	MaxWeeks       = 522
	MaxMonths      = 120
	MaxWorkingDays = 2610
)

// Max returns the largest N a Term in unit u may have, or 0 for an invalid
// unit.
func (u Unit) Max() int {
	switch u {
	case Days:
		return MaxDays
	case Weeks:
		return MaxWeeks
	case Months:
		return MaxMonths
	case WorkingDays:
		return MaxWorkingDays
	}
	return 0
}

// Dutch returns the Dutch name of n units: "1 dag", "6 weken", "3 maanden",
// "5 werkdagen".
func (u Unit) Dutch(n int) string {
	one, many := "", ""
	switch u {
	case Days:
		one, many = "dag", "dagen"
	case Weeks:
		one, many = "week", "weken"
	case Months:
		one, many = "maand", "maanden"
	case WorkingDays:
		one, many = "werkdag", "werkdagen"
	default:
		return fmt.Sprintf("%d (onbekende eenheid)", n)
	}
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// String returns the Go name of u ("Days", "Weeks", …).
func (u Unit) String() string {
	switch u {
	case Days:
		return "Days"
	case Weeks:
		return "Weeks"
	case Months:
		return "Months"
	case WorkingDays:
		return "WorkingDays"
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

// Term is the length of a term: N units, 1 ≤ N ≤ Unit.Max().
type Term struct {
	N    int
	Unit Unit
}

// NewTerm returns the term of n units after checking it, e.g. for
// "werkdagen=5" in a query. Errors are *Error values with a Dutch message.
func NewTerm(n int, u Unit) (Term, error) {
	t := Term{N: n, Unit: u}
	return t, t.Validate()
}

// Validate reports whether t is a term Deadline can compute: a known unit
// and 1 ≤ N ≤ Unit.Max().
func (t Term) Validate() error {
	if t.Unit.Max() == 0 {
		return invalid("unit", "Onbekende eenheid; gebruik dagen, weken, maanden of werkdagen.")
	}
	if t.N < 1 {
		return invalid("zero", "Een termijn moet minstens %s zijn.", t.Unit.Dutch(1))
	}
	if t.N > t.Unit.Max() {
		return invalid("toolarge", "Een termijn van meer dan %s wordt niet ondersteund.", t.Unit.Dutch(t.Unit.Max()))
	}
	return nil
}

// ISO returns t as an ISO 8601 duration ("P6W", "P14D", "P3M"); ok is
// false for working days, which ISO 8601 cannot express.
func (t Term) ISO() (s string, ok bool) {
	var u byte
	switch t.Unit {
	case Days:
		u = 'D'
	case Weeks:
		u = 'W'
	case Months:
		u = 'M'
	default:
		return "", false
	}
	return "P" + strconv.Itoa(t.N) + string(u), true
}

// String returns the ISO 8601 form of t, or its Dutch form ("5 werkdagen")
// for a term in working days.
func (t Term) String() string {
	if s, ok := t.ISO(); ok {
		return s
	}
	return t.Dutch()
}

// Dutch returns t in Dutch words: "6 weken".
func (t Term) Dutch() string { return t.Unit.Dutch(t.N) }

// atLeastThreeDays reports whether art. 2 Atw applies: the term is one of
// at least three calendar days. Weeks and months always are; working days
// are not calendar terms (see the package comment).
func (t Term) atLeastThreeDays() bool {
	switch t.Unit {
	case Days:
		return t.N >= 3
	case Weeks, Months:
		return t.N >= 1
	}
	return false
}

// ParseTerm parses an ISO 8601 duration with exactly one component in days,
// weeks or months: "P14D", "P6W", "P3M". Designators may be lower case.
// Everything else is refused with a *Error naming the problem in Dutch:
// years ("P1Y": write P12M — a year term would count the same as twelve
// months, but one spelling keeps the form stable), time parts ("PT24H"),
// mixed units ("P1W2D"), fractions ("P1,5W"), signs, zero and terms longer
// than Unit.Max().
func ParseTerm(s string) (Term, error) {
	if err := checkTermStart(s); err != nil {
		return Term{}, err
	}
	parts, err := termParts(s)
	if err != nil {
		return Term{}, err
	}
	if err := checkTermUnits(parts); err != nil {
		return Term{}, err
	}
	if len(parts) > 1 {
		return Term{}, invalid("mixed", "Gebruik één eenheid per termijn, bijvoorbeeld P9D in plaats van P1W2D; %q combineert er meer.", s)
	}
	return termOf(parts[0])
}

// termExample ends the messages about a malformed term with the forms
// that are accepted.
const termExample = "bijvoorbeeld P6W (6 weken), P14D (14 dagen) of P3M (3 maanden)"

// A termPart is one component of an ISO 8601 duration as written: the
// number and its designator, upper-cased.
type termPart struct {
	num  string
	unit byte
}

// checkTermStart checks that s starts as a duration does: a P (no sign)
// with something after it.
func checkTermStart(s string) error {
	if s == "" {
		return invalid("required", "Geef een termijn op als ISO 8601-duur, %s.", termExample)
	}
	switch s[0] {
	case '-':
		return invalid("negative", "Een termijn kan niet negatief zijn; gebruik %s.", termExample)
	case '+':
		return invalid("syntax", "Laat het plusteken weg; gebruik %s.", termExample)
	case 'P', 'p':
	default:
		return invalid("syntax", "Een termijn begint met P, %s; %q is geen ISO 8601-duur.", termExample, s)
	}
	if s[1:] == "" {
		return invalid("syntax", "Na de P volgen een aantal en een eenheid, %s.", termExample)
	}
	return nil
}

// termParts splits the components after the P of s, each a number (which
// may hold a decimal point or comma, refused later with its own message)
// and a letter. A time part ("T") is refused at once.
func termParts(s string) ([]termPart, error) {
	rest := s[1:]
	var parts []termPart
	for i := 0; i < len(rest); {
		c := rest[i]
		if c == 'T' || c == 't' {
			return nil, invalid("unit", "Termijnen in uren, minuten of seconden worden niet ondersteund; gebruik dagen (D), weken (W) of maanden (M).")
		}
		j := i
		for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == '.' || rest[j] == ',') {
			j++
		}
		if j == len(rest) {
			return nil, invalid("syntax", "Na het aantal %q ontbreekt de eenheid: D (dagen), W (weken) of M (maanden), %s.", rest[i:j], termExample)
		}
		u := rest[j]
		if u >= 'a' && u <= 'z' {
			u -= 'a' - 'A'
		}
		if u < 'A' || u > 'Z' {
			return nil, invalid("syntax", "Ongeldig teken %q in %q; gebruik %s.", rune(rest[j]), s, termExample)
		}
		if j == i {
			return nil, invalid("syntax", "Voor de eenheid %q ontbreekt het aantal, %s.", string(u), termExample)
		}
		parts = append(parts, termPart{rest[i:j], u})
		i = j + 1
	}
	return parts, nil
}

// checkTermUnits refuses every unit but days, weeks and months, years with
// a message of their own.
func checkTermUnits(parts []termPart) error {
	for _, p := range parts {
		switch p.unit {
		case 'D', 'W', 'M':
		case 'Y':
			return invalid("years", "Termijnen in jaren worden niet ondersteund; gebruik maanden, bijvoorbeeld P12M voor een jaar.")
		default:
			return invalid("unit", "Onbekende eenheid %q; gebruik D (dagen), W (weken) of M (maanden).", string(p.unit))
		}
	}
	return nil
}

// termOf returns the term of one component in days, weeks or months,
// after checking that its number is a whole one in range.
func termOf(p termPart) (Term, error) {
	if strings.ContainsAny(p.num, ".,") {
		return Term{}, invalid("fraction", "Gebruik een geheel aantal, bijvoorbeeld P10D in plaats van P1,5W; %q is geen geheel getal.", p.num)
	}
	var t Term
	switch p.unit {
	case 'D':
		t.Unit = Days
	case 'W':
		t.Unit = Weeks
	case 'M':
		t.Unit = Months
	}
	n, err := strconv.Atoi(p.num)
	if err != nil || n > t.Unit.Max() {
		return Term{}, invalid("toolarge", "Een termijn van meer dan %s wordt niet ondersteund.", t.Unit.Dutch(t.Unit.Max()))
	}
	t.N = n
	if err := t.Validate(); err != nil {
		return Term{}, err
	}
	return t, nil
}

// MustParseTerm is ParseTerm for constants in tests and examples; it panics
// on an invalid term.
func MustParseTerm(s string) Term {
	t, err := ParseTerm(s)
	if err != nil {
		panic(err)
	}
	return t
}
