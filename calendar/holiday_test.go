package calendar

import (
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	// Known Easter Sundays (Gregorian), from published tables.
	known := map[int]string{
		1900: "1900-04-15", 1901: "1901-04-07", 1943: "1943-04-25", 1954: "1954-04-18",
		1961: "1961-04-02", 1981: "1981-04-19", 2000: "2000-04-23", 2008: "2008-03-23",
		2011: "2011-04-24", 2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20",
		2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16", 2029: "2029-04-01",
		2030: "2030-04-21", 2038: "2038-04-25", 2049: "2049-04-18", 2087: "2087-04-20",
		2100: "2100-03-28", 2160: "2160-03-23", 2200: "2200-04-06",
	}
	for y, want := range known {
		if got := Easter(y).String(); got != want {
			t.Errorf("Easter(%d) = %s, want %s", y, got, want)
		}
	}
	// Every year 1900–2200: a Sunday between 22 March and 25 April, and the
	// same as Gauss's algorithm with the Lichtenberg corrections.
	lo, hi := MustParseDate("2000-03-22"), MustParseDate("2000-04-25")
	for y := MinYear; y <= MaxYear; y++ {
		e := Easter(y)
		if e.Weekday() != time.Sunday {
			t.Errorf("Easter(%d) = %s is a %s", y, e, e.Weekday())
		}
		if md := DateOf(2000, e.Month(), e.Day()); md.Before(lo) || md.After(hi) {
			t.Errorf("Easter(%d) = %s out of range", y, e)
		}
		if g := gaussEaster(y); g != e {
			t.Errorf("Easter(%d) = %s, Gauss says %s", y, e, g)
		}
	}
}

// gaussEaster is an independent computation (Gauss, with Lichtenberg's
// secular corrections) to cross-check Easter.
func gaussEaster(x int) Date {
	k := x / 100
	m := 15 + (3*k+3)/4 - (8*k+13)/25
	s := 2 - (3*k+3)/4
	a := x % 19
	d := (19*a + m) % 30
	r := (d + a/11) / 29
	og := 21 + d - r
	sz := 7 - (x+x/4+s)%7
	oe := 7 - (og-sz)%7
	os := og + oe // day of March, may exceed 31
	return DateOf(x, time.March, os)
}

func TestHolidayNames(t *testing.T) {
	c := New()
	cases := []struct {
		date, name string // name "" means not a holiday
	}{
		{"2026-01-01", NameNieuwjaarsdag},
		{"2026-04-03", NameGoedeVrijdag},
		{"2026-04-05", ""}, // Eerste Paasdag: a Sunday, not an Atw holiday
		{"2026-04-06", NameTweedePaasdag},
		{"2026-04-27", NameKoningsdag},
		{"2025-04-26", NameKoningsdag}, // 27 April 2025 is a Sunday
		{"2025-04-27", ""},
		{"2014-04-26", NameKoningsdag}, // the first Koningsdag, 27th a Sunday
		{"2014-04-27", ""},
		{"2013-04-30", NameKoninginnedag},
		{"2006-04-29", NameKoninginnedag}, // 30 April 2006 was a Sunday
		{"2006-04-30", ""},
		{"1995-04-29", NameKoninginnedag},
		{"1989-04-29", NameKoninginnedag},
		{"1980-04-30", NameKoninginnedag},
		{"1978-05-01", NameKoninginnedag}, // Juliana: Sunday 30 April → Monday 1 May
		{"1967-05-01", NameKoninginnedag},
		{"1961-04-30", ""},
		{"1950-04-30", ""},
		{"1949-04-30", NameKoninginnedag},
		{"1948-08-31", NameKoninginnedag}, // Wilhelmina
		{"1902-09-01", NameKoninginnedag}, // 31 August 1902 was a Sunday
		{"1948-04-30", ""},
		{"2026-05-05", NameBevrijdingsdag},
		{"2027-05-05", NameBevrijdingsdag}, // every year, not only lustrum years
		{"1944-05-05", ""},
		{"2026-05-14", NameHemelvaartsdag},
		{"2016-05-05", NameBevrijdingsdag + " en " + NameHemelvaartsdag},
		{"2026-05-15", ""}, // the Friday after: only by Royal Decree
		{"2026-05-25", NameTweedePinksterdag},
		{"2026-05-24", ""},
		{"2026-12-25", NameEersteKerstdag},
		{"2026-12-26", NameTweedeKerstdag},
		{"2026-12-31", ""},
		{"2200-04-07", NameTweedePaasdag},
	}
	for _, tc := range cases {
		name, ok := c.Holiday(MustParseDate(tc.date))
		if name != tc.name || ok != (tc.name != "") {
			t.Errorf("Holiday(%s) = %q, %v; want %q", tc.date, name, ok, tc.name)
		}
	}
}

func TestHolidaysList(t *testing.T) {
	c := New(EquatedDay{Date: MustParseDate("2026-05-15")}, EquatedDay{Date: MustParseDate("2027-05-07")})
	got := c.Holidays(2026)
	want := []string{"2026-01-01", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05",
		"2026-05-14", "2026-05-15", "2026-05-25", "2026-12-25", "2026-12-26"}
	if len(got) != len(want) {
		t.Fatalf("Holidays(2026) = %v", got)
	}
	for i, h := range got {
		if h.Date.String() != want[i] {
			t.Errorf("Holidays(2026)[%d] = %s, want %s", i, h.Date, want[i])
		}
		if h.Equated != (want[i] == "2026-05-15") {
			t.Errorf("%s Equated = %v", h.Date, h.Equated)
		}
	}
	if got[6].Name != NameEquatedDefault {
		t.Errorf("default name = %q", got[6].Name)
	}
	// 2016: Hemelvaartsdag on 5 mei is one entry.
	if n := len(New().Holidays(2016)); n != 8 {
		t.Errorf("Holidays(2016) has %d entries, want 8", n)
	}
	if e := c.Equated(); len(e) != 2 || e[0].Date.String() != "2026-05-15" {
		t.Errorf("Equated() = %v", e)
	}
}

func TestEquatedDays(t *testing.T) {
	d := MustParseDate("2026-05-15")
	c := New(EquatedDay{Date: d, Name: "vrijdag na Hemelvaartsdag"}, EquatedDay{Date: d, Name: "brugdag"}, EquatedDay{})
	if name, ok := c.Holiday(d); !ok || name != "vrijdag na Hemelvaartsdag en brugdag" {
		t.Errorf("Holiday = %q, %v", name, ok)
	}
	if c.IsWorkingDay(d) {
		t.Error("equated day is a working day")
	}
	// An equated statutory day keeps its statutory name.
	c = New(EquatedDay{Date: MustParseDate("2026-05-14"), Name: "x"})
	if name, _ := c.Holiday(MustParseDate("2026-05-14")); name != NameHemelvaartsdag {
		t.Errorf("Holiday = %q", name)
	}
	// A nil Calendar knows the statutory days.
	var nc *Calendar
	if _, ok := nc.Holiday(MustParseDate("2026-12-25")); !ok || nc.Equated() != nil {
		t.Error("nil Calendar")
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := New()
	for s, want := range map[string]bool{
		"2026-04-01": true, "2026-04-03": false, "2026-04-04": false, "2026-04-05": false,
		"2026-04-06": false, "2026-04-07": true, "2026-05-15": true,
	} {
		if got := c.IsWorkingDay(MustParseDate(s)); got != want {
			t.Errorf("IsWorkingDay(%s) = %v", s, got)
		}
	}
}
