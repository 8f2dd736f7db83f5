package calendar

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTerm(t *testing.T) {
	good := map[string]Term{
		"P6W":    {6, Weeks},
		"P14D":   {14, Days},
		"P3M":    {3, Months},
		"p6w":    {6, Weeks},
		"P06W":   {6, Weeks},
		"P3660D": {MaxDays, Days},
		"P120M":  {MaxMonths, Months},
		"P522W":  {MaxWeeks, Weeks},
	}
	for s, want := range good {
		got, err := ParseTerm(s)
		if err != nil || got != want {
			t.Errorf("ParseTerm(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	bad := []struct{ in, code, msg string }{
		{"", "required", "Geef een termijn op"},
		{"6W", "syntax", "begint met P"},
		{"-P6W", "negative", "niet negatief"},
		{"+P6W", "syntax", "plusteken"},
		{"P", "syntax", "aantal en een eenheid"},
		{"P6", "syntax", "ontbreekt de eenheid"},
		{"PW", "syntax", "ontbreekt het aantal"},
		{"P1Y", "years", "jaren"},
		{"P2Y6M", "years", "jaren"},
		{"PT24H", "unit", "uren"},
		{"P1DT2H", "unit", "uren"},
		{"P6X", "unit", "Onbekende eenheid"},
		{"P1W2D", "mixed", "één eenheid"},
		{"P6W6W", "mixed", "één eenheid"},
		{"P1,5W", "fraction", "geheel"},
		{"P1.5W", "fraction", "geheel"},
		{"P0D", "zero", "minstens 1 dag"},
		{"P0W", "zero", "minstens 1 week"},
		{"P3661D", "toolarge", "3660 dagen"},
		{"P121M", "toolarge", "120 maanden"},
		{"P99999999999999999999D", "toolarge", "niet ondersteund"},
		{"P6W ", "syntax", "Ongeldig teken"},
		{" P6W", "syntax", "begint met P"},
		{"P-6W", "syntax", "Ongeldig teken"},
	}
	for _, tc := range bad {
		_, err := ParseTerm(tc.in)
		var e *Error
		if !errors.As(err, &e) || e.Code != tc.code || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("ParseTerm(%q) = %v (code %v), want code %q containing %q", tc.in, err, e, tc.code, tc.msg)
		}
	}
}

func TestTermFormat(t *testing.T) {
	for _, tc := range []struct {
		t          Term
		iso, dutch string
	}{
		{Term{6, Weeks}, "P6W", "6 weken"},
		{Term{1, Weeks}, "P1W", "1 week"},
		{Term{1, Days}, "P1D", "1 dag"},
		{Term{3, Months}, "P3M", "3 maanden"},
		{Term{1, Months}, "P1M", "1 maand"},
		{Term{5, WorkingDays}, "", "5 werkdagen"},
	} {
		iso, ok := tc.t.ISO()
		if iso != tc.iso || ok != (tc.iso != "") || tc.t.Dutch() != tc.dutch {
			t.Errorf("%v: ISO = %q, %v; Dutch = %q", tc.t, iso, ok, tc.t.Dutch())
		}
		want := tc.iso
		if want == "" {
			want = tc.dutch
		}
		if tc.t.String() != want {
			t.Errorf("String = %q, want %q", tc.t.String(), want)
		}
	}
	if Weeks.String() != "Weeks" || Unit(0).String() != "Unit(0)" {
		t.Error("Unit.String")
	}
}

func TestNewTerm(t *testing.T) {
	if tm, err := NewTerm(5, WorkingDays); err != nil || tm != (Term{5, WorkingDays}) {
		t.Errorf("NewTerm(5, WorkingDays) = %v, %v", tm, err)
	}
	for _, tc := range []struct {
		n    int
		u    Unit
		code string
	}{{0, WorkingDays, "zero"}, {-3, Days, "zero"}, {MaxWorkingDays + 1, WorkingDays, "toolarge"}, {1, 0, "unit"}} {
		_, err := NewTerm(tc.n, tc.u)
		var e *Error
		if !errors.As(err, &e) || e.Code != tc.code {
			t.Errorf("NewTerm(%d, %v) = %v, want %s", tc.n, tc.u, err, tc.code)
		}
	}
}

func FuzzParseTerm(f *testing.F) {
	for _, s := range []string{"P6W", "P14D", "P3M", "p1d", "P1Y", "PT1H", "P1W2D", "P1,5W", "P0D", "-P1D", "P", "", "P99999999999999999999D", "P06W", "P1\x00D"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTerm(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code == "" || e.Error() == "" {
				t.Fatalf("ParseTerm(%q): error %v is not a coded *Error", s, err)
			}
			if tm != (Term{}) {
				t.Fatalf("ParseTerm(%q) returned %v with an error", s, tm)
			}
			return
		}
		if tm.Validate() != nil {
			t.Fatalf("ParseTerm(%q) = invalid %v", s, tm)
		}
		iso, ok := tm.ISO()
		if !ok {
			t.Fatalf("ParseTerm(%q) = %v without ISO form", s, tm)
		}
		back, err := ParseTerm(iso)
		if err != nil || back != tm {
			t.Fatalf("round trip %q → %v → %q → %v, %v", s, tm, iso, back, err)
		}
		// Any valid term gives a deadline.
		if r := New().Deadline(MustParseDate("2026-04-01"), tm); r.End.IsZero() || r.End.Before(r.Nominal) {
			t.Fatalf("Deadline(%v) = %+v", tm, r)
		}
	})
}
