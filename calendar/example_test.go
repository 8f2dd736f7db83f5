package calendar_test

import (
	"fmt"
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

func ExampleCalendar_Deadline() {
	c := calendar.New()
	// An objection term of six weeks after a decision on Wednesday 1 April 2026.
	r := c.Deadline(calendar.MustParseDate("2026-04-01"), calendar.MustParseTerm("P6W"))
	fmt.Println(r.End, r.Extended)
	// A day later the term would end on Hemelvaartsdag.
	r = c.Deadline(calendar.MustParseDate("2026-04-02"), calendar.MustParseTerm("P6W"))
	fmt.Println(r.End, r.Extended)
	for _, reason := range r.Reasons {
		fmt.Println(reason.Code, reason.Text)
	}
	// Output:
	// 2026-05-13 false
	// 2026-05-15 true
	// atw1-feestdag eindigt op Hemelvaartsdag (donderdag 14 mei 2026), verlengd tot en met vrijdag 15 mei 2026 (art. 1 Atw)
}

func ExampleCalendar_Deadline_article2() {
	// Three days after Thursday 2 April 2026: Goede Vrijdag, Saturday and
	// Easter Sunday; Tweede Paasdag moves the end to Tuesday, which is then
	// the only working day, so art. 2 adds Wednesday.
	r := calendar.New().Deadline(calendar.MustParseDate("2026-04-02"), calendar.MustParseTerm("P3D"))
	fmt.Println(r.End)
	for _, reason := range r.Reasons {
		fmt.Println(reason.Code)
	}
	// Output:
	// 2026-04-08
	// atw1-zondag
	// atw2-twee-werkdagen
}

func ExampleCalendar_Deadline_months() {
	// One month after 31 January ends on the last day of February.
	r := calendar.New().Deadline(calendar.MustParseDate("2028-01-31"), calendar.MustParseTerm("P1M"))
	fmt.Println(r.End)
	// Output: 2028-02-29
}

func ExampleNew() {
	// An operator equates the Friday after Hemelvaartsdag 2026 by Royal Decree.
	c := calendar.New(calendar.EquatedDay{Date: calendar.MustParseDate("2026-05-15"), Name: "vrijdag na Hemelvaartsdag"})
	fmt.Println(c.Holiday(calendar.MustParseDate("2026-05-15")))
	fmt.Println(c.Deadline(calendar.MustParseDate("2026-04-02"), calendar.MustParseTerm("P6W")).End)
	// Output:
	// vrijdag na Hemelvaartsdag true
	// 2026-05-18
}

func ExampleParseTerm() {
	t, err := calendar.ParseTerm("P6W")
	fmt.Println(t.N, t.Unit, t, t.Dutch(), err)
	_, err = calendar.ParseTerm("P1Y")
	fmt.Println(err)
	// Output:
	// 6 Weeks P6W 6 weken <nil>
	// Termijnen in jaren worden niet ondersteund; gebruik maanden, bijvoorbeeld P12M voor een jaar.
}

func ExampleCalendar_EndOf() {
	c := calendar.New()
	end := c.EndOf(calendar.MustParseDate("2026-05-13"))
	fmt.Println(end.Format(time.RFC3339))
	fmt.Println(c.Overdue(calendar.MustParseDate("2026-05-13"), time.Date(2026, 5, 13, 21, 59, 59, 0, time.UTC)))
	// Output:
	// 2026-05-13T22:00:00Z
	// false
}

func ExampleCalendar_WorkingDaysBetween() {
	c := calendar.New()
	// On Monday 11 May 2026, a deadline of Friday 15 May is "nog 3
	// werkdagen" away: Tuesday, Wednesday and Friday (Thursday is
	// Hemelvaartsdag).
	fmt.Println(c.WorkingDaysBetween(calendar.MustParseDate("2026-05-11"), calendar.MustParseDate("2026-05-15")))
	// Reminder three working days before that deadline.
	fmt.Println(c.AddWorkingDays(calendar.MustParseDate("2026-05-15"), -3))
	// Output:
	// 3
	// 2026-05-11
}

func ExampleCalendar_Holidays() {
	for _, h := range calendar.New().Holidays(2025) {
		fmt.Println(h.Date, h.Name)
	}
	// Output:
	// 2025-01-01 Nieuwjaarsdag
	// 2025-04-18 Goede Vrijdag
	// 2025-04-21 Tweede Paasdag
	// 2025-04-26 Koningsdag
	// 2025-05-05 Bevrijdingsdag
	// 2025-05-29 Hemelvaartsdag
	// 2025-06-09 Tweede Pinksterdag
	// 2025-12-25 Eerste Kerstdag
	// 2025-12-26 Tweede Kerstdag
}
