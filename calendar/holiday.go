package calendar

import (
	"slices"
	"strings"
	"time"
)

// Easter returns Easter Sunday of year in the Gregorian calendar, by the
// anonymous Gregorian algorithm (Meeus/Jones/Butcher). It is exact for
// every Gregorian year; the tests check it across 1900–2200.
func Easter(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{year, time.Month(month), day}
}

// Names of the statutory days, as Holiday returns them.
const (
	NameNieuwjaarsdag      = "Nieuwjaarsdag"
	NameGoedeVrijdag       = "Goede Vrijdag"
	NameTweedePaasdag      = "Tweede Paasdag"
	NameKoningsdag         = "Koningsdag"
	NameKoninginnedag      = "Koninginnedag"
	NameBevrijdingsdag     = "Bevrijdingsdag"
	NameHemelvaartsdag     = "Hemelvaartsdag"
	NameTweedePinksterdag  = "Tweede Pinksterdag"
	NameEersteKerstdag     = "Eerste Kerstdag"
	NameTweedeKerstdag     = "Tweede Kerstdag"
	NameEquatedDefault     = "bij Koninklijk Besluit gelijkgestelde dag"
	nameJoin               = " en "
	minKingsDayYear        = 1891 // Wilhelmina's first Koninginnedag as queen
	firstLiberationDayYear = 1945
)

// kingsDay returns the day the monarch's birthday is celebrated in year,
// the day art. 3 Atw names:
//
//   - from 2014, Koningsdag: 27 April, or 26 April when the 27th is a Sunday;
//   - 1980–2013, Koninginnedag (Beatrix kept Juliana's date): 30 April, or
//     29 April when the 30th is a Sunday;
//   - 1949–1979, Koninginnedag (Juliana): 30 April, or 1 May when the 30th
//     is a Sunday;
//   - 1891–1948, Koninginnedag (Wilhelmina): 31 August, or 1 September
//     when the 31st is a Sunday.
func kingsDay(year int) (Date, string, bool) {
	var d Date
	switch {
	case year >= 2014:
		if d = (Date{year, time.April, 27}); d.Weekday() == time.Sunday {
			d = Date{year, time.April, 26}
		}
		return d, NameKoningsdag, true
	case year >= 1980:
		if d = (Date{year, time.April, 30}); d.Weekday() == time.Sunday {
			d = Date{year, time.April, 29}
		}
	case year >= 1949:
		if d = (Date{year, time.April, 30}); d.Weekday() == time.Sunday {
			d = Date{year, time.May, 1}
		}
	case year >= minKingsDayYear:
		if d = (Date{year, time.August, 31}); d.Weekday() == time.Sunday {
			d = Date{year, time.September, 1}
		}
	default:
		return Date{}, "", false
	}
	return d, NameKoninginnedag, true
}

// statutory returns the names of the art. 3 Atw days that fall on d.
// Several can coincide (Hemelvaartsdag on 5 mei, as in 2016); their names
// are then joined with " en ".
func statutory(d Date) string {
	var names []string
	switch {
	case d.month == time.January && d.day == 1:
		names = append(names, NameNieuwjaarsdag)
	case d.month == time.May && d.day == 5 && d.year >= firstLiberationDayYear:
		names = append(names, NameBevrijdingsdag)
	case d.month == time.December && d.day == 25:
		names = append(names, NameEersteKerstdag)
	case d.month == time.December && d.day == 26:
		names = append(names, NameTweedeKerstdag)
	}
	if d.month >= time.March && d.month <= time.June {
		switch Easter(d.year).DaysUntil(d) {
		case -2:
			names = append(names, NameGoedeVrijdag)
		case 1:
			names = append(names, NameTweedePaasdag)
		case 39:
			names = append(names, NameHemelvaartsdag)
		case 50:
			names = append(names, NameTweedePinksterdag)
		}
	}
	if k, name, ok := kingsDay(d.year); ok && k == d {
		names = append(names, name)
	}
	return strings.Join(names, nameJoin)
}

// EquatedDay is a day equated with the holidays by Royal Decree (art. 3(3)
// Atw), such as the Friday after Hemelvaartsdag in some years. An operator
// configures them per year; see New.
type EquatedDay struct {
	Date Date
	Name string // e.g. "vrijdag na Hemelvaartsdag (KB van …)"; NameEquatedDefault when empty
}

// Holiday is one day on which terms do not end: a statutory holiday or a
// day equated with one.
type Holiday struct {
	Date    Date
	Name    string // Dutch name, e.g. "Hemelvaartsdag"
	Equated bool   // equated by Royal Decree (configured), not statutory
}

// Calendar knows the holidays: the statutory ones of art. 3 Atw, computed
// for any year, plus the days an operator equated by Royal Decree.
//
// A Calendar is immutable after New and safe for concurrent use. A nil
// *Calendar is valid and knows only the statutory holidays.
type Calendar struct {
	equated map[Date]string
}

// New returns a Calendar with the statutory holidays and the given days
// equated by Royal Decree. Zero dates are ignored; when a date is given
// twice the names are joined. An equated day that is also a statutory
// holiday keeps its statutory name.
func New(equated ...EquatedDay) *Calendar {
	c := &Calendar{equated: make(map[Date]string, len(equated))}
	for _, e := range equated {
		if e.Date.IsZero() {
			continue
		}
		name := strings.TrimSpace(e.Name)
		if name == "" {
			name = NameEquatedDefault
		}
		if prev, ok := c.equated[e.Date]; ok && prev != name {
			name = prev + nameJoin + name
		}
		c.equated[e.Date] = name
	}
	return c
}

// Equated returns the days equated by Royal Decree, in date order.
func (c *Calendar) Equated() []EquatedDay {
	if c == nil {
		return nil
	}
	out := make([]EquatedDay, 0, len(c.equated))
	for d, n := range c.equated {
		out = append(out, EquatedDay{Date: d, Name: n})
	}
	slices.SortFunc(out, func(a, b EquatedDay) int { return a.Date.Compare(b.Date) })
	return out
}

// holiday returns the name of the holiday on d and whether it is only
// equated by Royal Decree; name is "" on other days.
func (c *Calendar) holiday(d Date) (name string, equated bool) {
	if d.IsZero() {
		return "", false
	}
	if n := statutory(d); n != "" {
		return n, false
	}
	if c != nil {
		if n, ok := c.equated[d]; ok {
			return n, true
		}
	}
	return "", false
}

// Holiday reports whether d is a generally recognised holiday in the sense
// of the Atw — a statutory one of art. 3 or a day equated by Royal Decree —
// and returns its Dutch name. Saturdays and Sundays are not holidays by
// themselves (Eerste Paasdag is not reported); use IsWorkingDay for those.
//
// Koningsdag follows the day actually celebrated: since 2014 27 April (26
// April when the 27th is a Sunday), 1980–2013 Koninginnedag on 30 April (29
// April when that is a Sunday), 1949–1979 30 April (1 May when that is a
// Sunday), 1891–1948 31 August (1 September when that is a Sunday). 5 mei
// is a holiday every year from 1945 on, as the Atw says, not only in
// lustrum years (the Atw has listed it since its amendment in the 1980s;
// the package applies it from 1945).
func (c *Calendar) Holiday(d Date) (name string, ok bool) {
	name, _ = c.holiday(d)
	return name, name != ""
}

// IsWorkingDay reports whether d is not a Saturday, Sunday or holiday — a
// day that counts for art. 2 Atw and on which a term may end.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if w := d.Weekday(); w == time.Saturday || w == time.Sunday {
		return false
	}
	_, ok := c.Holiday(d)
	return !ok
}

// Holidays returns the holidays of year, statutory and equated, in date
// order, one entry per date.
func (c *Calendar) Holidays(year int) []Holiday {
	e := Easter(year)
	dates := []Date{
		{year, time.January, 1},
		e.AddDays(-2), e.AddDays(1), e.AddDays(39), e.AddDays(50),
		{year, time.May, 5},
		{year, time.December, 25}, {year, time.December, 26},
	}
	if k, _, ok := kingsDay(year); ok {
		dates = append(dates, k)
	}
	if c != nil {
		for d := range c.equated {
			if d.year == year {
				dates = append(dates, d)
			}
		}
	}
	slices.SortFunc(dates, Date.Compare)
	dates = slices.Compact(dates)
	out := make([]Holiday, 0, len(dates))
	for _, d := range dates {
		if name, eq := c.holiday(d); name != "" {
			out = append(out, Holiday{Date: d, Name: name, Equated: eq})
		}
	}
	return out
}
