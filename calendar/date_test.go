package calendar

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	good := []string{"2026-04-01", "1900-01-01", "2200-12-31", "2028-02-29"}
	for _, s := range good {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	bad := map[string]string{
		"":            "required",
		"2026-4-1":    "format",
		"2026/04/01":  "format",
		"26-04-01":    "format",
		"2026-04-01T": "format",
		"２０２６-04-01":  "format",
		"2026-0a-01":  "format",
		"2026-13-01":  "month",
		"2026-00-10":  "month",
		"2026-02-29":  "day",
		"2026-04-31":  "day",
		"2026-04-00":  "day",
		"1899-12-31":  "range",
		"2201-01-01":  "range",
	}
	for s, code := range bad {
		_, err := ParseDate(s)
		var e *Error
		if !errors.As(err, &e) || e.Code != code || e.Error() == "" {
			t.Errorf("ParseDate(%q) = %v, want code %q", s, err, code)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := MustParseDate("2026-01-31")
	if got := d.AddMonths(1); got != MustParseDate("2026-02-28") {
		t.Errorf("AddMonths(1) = %s", got)
	}
	if got := d.AddMonths(-2); got != MustParseDate("2025-11-30") {
		t.Errorf("AddMonths(-2) = %s", got)
	}
	if got := d.AddMonths(13); got != MustParseDate("2027-02-28") {
		t.Errorf("AddMonths(13) = %s", got)
	}
	if got := d.AddDays(1); got != MustParseDate("2026-02-01") {
		t.Errorf("AddDays(1) = %s", got)
	}
	if got := DateOf(2026, 13, 0); got != MustParseDate("2026-12-31") {
		t.Errorf("DateOf normalises to %s", got)
	}
	if n := MustParseDate("1900-01-01").DaysUntil(MustParseDate("2200-01-01")); n != 300*365+73 { // leap years 1904–2196 but not 2100
		t.Errorf("DaysUntil = %d", n)
	}
	a, b := MustParseDate("2026-04-01"), MustParseDate("2026-04-02")
	if !a.Before(b) || !b.After(a) || a.Compare(a) != 0 || b.Compare(a) != 1 {
		t.Error("Compare")
	}
	if a.Weekday() != time.Wednesday || a.Year() != 2026 || a.Month() != time.April || a.Day() != 1 {
		t.Error("fields")
	}
	if a.Dutch() != "1 april 2026" || a.DutchLong() != "woensdag 1 april 2026" {
		t.Errorf("Dutch = %q, %q", a.Dutch(), a.DutchLong())
	}
	var z Date
	if !z.IsZero() || z.String() != "" || z.Dutch() != "" || !z.Time().IsZero() {
		t.Error("zero Date")
	}
	if got := DateFromTime(time.Date(2026, 3, 29, 23, 30, 0, 0, time.UTC)); got != MustParseDate("2026-03-29") {
		t.Errorf("DateFromTime = %s", got)
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		D Date `json:"d"`
		Z Date `json:"z"`
	}
	b, err := json.Marshal(doc{D: MustParseDate("2026-05-13")})
	if err != nil || string(b) != `{"d":"2026-05-13","z":""}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back doc
	if err := json.Unmarshal(b, &back); err != nil || back.D != MustParseDate("2026-05-13") || !back.Z.IsZero() {
		t.Fatalf("Unmarshal = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"d":"2026-02-30"}`), &back); err == nil {
		t.Error("Unmarshal accepted 2026-02-30")
	}
}

func TestEndOf(t *testing.T) {
	c := New()
	cases := []struct {
		date string
		want string // UTC
	}{
		{"2026-05-13", "2026-05-13T22:00:00Z"}, // summer time, UTC+2
		{"2026-12-14", "2026-12-14T23:00:00Z"}, // winter time, UTC+1
		{"2026-03-28", "2026-03-28T23:00:00Z"}, // the night summer time starts: midnight is still UTC+1
		{"2026-03-29", "2026-03-29T22:00:00Z"},
		{"2026-10-24", "2026-10-24T22:00:00Z"}, // the night summer time ends
		{"2026-10-25", "2026-10-25T23:00:00Z"},
	}
	for _, tc := range cases {
		got := c.EndOf(MustParseDate(tc.date))
		if got.Format(time.RFC3339) != tc.want || got.Location() != time.UTC {
			t.Errorf("EndOf(%s) = %s, want %s", tc.date, got.Format(time.RFC3339), tc.want)
		}
	}
	d := MustParseDate("2026-05-13")
	end := c.EndOf(d)
	if c.Overdue(d, end.Add(-time.Nanosecond)) || !c.Overdue(d, end) {
		t.Error("Overdue boundary")
	}
	if got := c.Today(end.Add(-time.Nanosecond)); got != d {
		t.Errorf("Today before end = %s", got)
	}
	if got := c.Today(end); got != d.AddDays(1) {
		t.Errorf("Today at end = %s", got)
	}
	if Location().String() != "Europe/Amsterdam" {
		t.Errorf("Location = %s", Location())
	}
}
