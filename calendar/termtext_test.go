package calendar

import (
	"errors"
	"testing"
)

func TestParseTermText(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Term
		code string
	}{
		{"P6W", Term{6, Weeks}, ""},
		{"p14d", Term{14, Days}, ""},
		{" P3M ", Term{3, Months}, ""},
		{"5 werkdagen", Term{5, WorkingDays}, ""},
		{"1 werkdag", Term{1, WorkingDays}, ""},
		{"10 Werkdagen", Term{10, WorkingDays}, ""},
		{"", Term{}, "required"},
		{"zes weken", Term{}, "syntax"},
		{"6", Term{}, "syntax"},
		{"5werkdagen", Term{}, "syntax"},
		{"5 dagen", Term{}, "syntax"},
		{"-5 werkdagen", Term{}, "negative"},
		{"+5 werkdagen", Term{}, "syntax"},
		{"1,5 werkdagen", Term{}, "syntax"},
		{"0 werkdagen", Term{}, "zero"},
		{"2611 werkdagen", Term{}, "toolarge"},
		{"99999999999999999999 werkdagen", Term{}, "toolarge"},
		{"P1Y", Term{}, "years"},
		{"P1W2D", Term{}, "mixed"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseTermText(c.in)
			var e *Error
			switch {
			case c.code == "" && err != nil:
				t.Fatalf("error %v", err)
			case c.code != "" && (!errors.As(err, &e) || e.Code != c.code):
				t.Fatalf("error %v, want code %s", err, c.code)
			case got != c.want:
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestSpanAndAtMost(t *testing.T) {
	for _, c := range []struct {
		term   string
		lo, hi int
	}{
		{"P7D", 7, 7}, {"P6W", 42, 42}, {"P1M", 28, 31}, {"P3M", 89, 92}, {"P12M", 365, 366},
		{"1 werkdag", 1, 9}, {"5 werkdagen", 5, 17}, {"6 werkdagen", 8, 19},
	} {
		lo, hi := MustParseTermText(c.term).Span()
		if lo != c.lo || hi != c.hi {
			t.Errorf("Span(%s) = %d, %d, want %d, %d", c.term, lo, hi, c.lo, c.hi)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"P6W", "P6W", true}, {"P42D", "P6W", true}, {"P43D", "P6W", false}, {"P7W", "P6W", false},
		{"P1M", "P6W", true}, {"P2M", "P6W", false}, {"P3M", "P3M", true}, {"P4M", "P3M", false},
		{"P12W", "P3M", true}, {"P13W", "P3M", false}, {"P89D", "P3M", true}, {"P90D", "P3M", false},
		{"5 werkdagen", "P6W", true}, {"5 werkdagen", "P7D", false}, {"20 werkdagen", "P6W", false},
		{"P7D", "5 werkdagen", false}, {"P5D", "5 werkdagen", true}, {"5 werkdagen", "6 werkdagen", true},
	} {
		if got := MustParseTermText(c.a).AtMost(MustParseTermText(c.b)); got != c.want {
			t.Errorf("%s AtMost %s = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestSpanHolds checks the bounds of Span against the real calendar: every
// deadline's nominal end from every event in 2024–2030 lies within them.
func TestSpanHolds(t *testing.T) {
	c := New()
	terms := []Term{{1, WorkingDays}, {5, WorkingDays}, {10, WorkingDays}, {20, WorkingDays}, {1, Months}, {3, Months}, {7, Days}, {6, Weeks}}
	for d := DateOf(2024, 1, 1); d.Year() <= 2030; d = d.AddDays(1) {
		for _, tm := range terms {
			span := d.DaysUntil(c.Deadline(d, tm).Nominal)
			if lo, hi := tm.Span(); span < lo || span > hi {
				t.Fatalf("%v from %v spans %d days, outside [%d, %d]", tm, d, span, lo, hi)
			}
		}
	}
}

func FuzzParseTermText(f *testing.F) {
	for _, s := range []string{"P6W", "5 werkdagen", "1 werkdag", "0 werkdagen", "-1 werkdagen", "x werkdagen", "P1Y", "", " ", "5  werkdagen"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTermText(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code == "" || e.Error() == "" {
				t.Fatalf("ParseTermText(%q): error %v is not a coded *Error", s, err)
			}
			return
		}
		if tm.Validate() != nil {
			t.Fatalf("ParseTermText(%q) = invalid %v", s, tm)
		}
		back, err := ParseTermText(tm.String())
		if err != nil || back != tm {
			t.Fatalf("round trip %q → %v → %q → %v, %v", s, tm, tm.String(), back, err)
		}
	})
}
