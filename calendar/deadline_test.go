package calendar

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Holidays 2024–2030, computed by hand from Easter (Goede Vrijdag = Easter
// −2, Tweede Paasdag +1, Hemelvaartsdag +39, Tweede Pinksterdag +50) and
// the fixed days; weekdays from 1 January: 2024 Mon, 2025 Wed, 2026 Thu,
// 2027 Fri, 2028 Sat, 2029 Mon, 2030 Tue, 2031 Wed.
//
//	year Easter  GV      2ePaas  Koningsdag   5 mei  Hemelvaart 2ePinkst Kerst 25/26
//	2024 Mar 31  Mar 29  Apr 1   Apr 27 Sat   Sun    May 9      May 20   Wed/Thu
//	2025 Apr 20  Apr 18  Apr 21  Apr 26 Sat*  Mon    May 29     Jun 9    Thu/Fri
//	2026 Apr 5   Apr 3   Apr 6   Apr 27 Mon   Tue    May 14     May 25   Fri/Sat
//	2027 Mar 28  Mar 26  Mar 29  Apr 27 Tue   Wed    May 6      May 17   Sat/Sun
//	2028 Apr 16  Apr 14  Apr 17  Apr 27 Thu   Fri    May 25     Jun 5    Mon/Tue
//	2029 Apr 1   Mar 30  Apr 2   Apr 27 Fri   Sat    May 10     May 21   Tue/Wed
//	2030 Apr 21  Apr 19  Apr 22  Apr 27 Sat   Sun    May 30     Jun 10   Wed/Thu
//
// * 27 April 2025 is a Sunday, so Koningsdag is Saturday 26 April.
// Nieuwjaarsdag: 2024 Mon, 2025 Wed, 2026 Thu, 2027 Fri, 2028 Sat, 2029 Mon,
// 2030 Tue, 2031 Wed.

const (
	sat = ReasonSaturday
	sun = ReasonSunday
	hol = ReasonHoliday
	eq  = ReasonEquated
	a2  = ReasonTwoWorkingDays
)

// term parses an ISO duration, or "5WD" for five working days.
func term(t *testing.T, s string) Term {
	t.Helper()
	if n, ok := strings.CutSuffix(s, "WD"); ok {
		i, err := strconv.Atoi(n)
		if err != nil {
			t.Fatal(err)
		}
		return Term{N: i, Unit: WorkingDays}
	}
	tm, err := ParseTerm(s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// Calendars with the Friday after Hemelvaartsdag equated by Royal Decree.
var (
	kb2026 = New(EquatedDay{Date: MustParseDate("2026-05-15"), Name: "vrijdag na Hemelvaartsdag"})
	kb2029 = New(EquatedDay{Date: MustParseDate("2029-05-11"), Name: "vrijdag na Hemelvaartsdag"})
)

type deadlineCase struct {
	name  string
	cal   *Calendar // nil: statutory holidays only
	event string
	term  string
	end   string
	codes []ReasonCode
}

var deadlineCases = []deadlineCase{
	// --- plain terms ---
	{"issue example: 6 weeks after Wed 1 Apr 2026", nil, "2026-04-01", "P6W", "2026-05-13", nil},
	{"42 days equals 6 weeks", nil, "2026-04-01", "P42D", "2026-05-13", nil},
	{"6 weeks ending on Saturday", nil, "2026-04-04", "P6W", "2026-05-18", []ReasonCode{sat}},
	{"6 weeks ending on Sunday", nil, "2026-04-05", "P6W", "2026-05-18", []ReasonCode{sun}},
	// Fri 9 Jan 2026 + 1 day = Sat 10 → Mon 12. Art. 2 does not apply to 1 day.
	{"1 day from Friday", nil, "2026-01-09", "P1D", "2026-01-12", []ReasonCode{sat}},
	// Sat 10, Sun 11 → Mon 12; a 2-day term is below art. 2's three days.
	{"2 days from Friday: art. 2 not applicable", nil, "2026-01-09", "P2D", "2026-01-12", []ReasonCode{sun}},
	// Sat 10, Sun 11, Mon 12: only Mon is a working day → art. 2 → Tue 13.
	{"3 days from Friday: art. 2", nil, "2026-01-09", "P3D", "2026-01-13", []ReasonCode{a2}},
	// Fri 9, Sat 10, Sun 11 → Mon 12; Fri and Mon are two working days.
	{"3 days from Thursday: art. 1 only", nil, "2026-01-08", "P3D", "2026-01-12", []ReasonCode{sun}},
	// Sun 11, Mon 12, Tue 13: two working days, ends on a working day.
	{"3 days from Saturday: nothing", nil, "2026-01-10", "P3D", "2026-01-13", nil},
	// Sat, Sun, Mon, Tue 13: Mon and Tue.
	{"4 days from Friday: nothing", nil, "2026-01-09", "P4D", "2026-01-13", nil},

	// --- Hemelvaartsdag and the equated Friday after it ---
	{"6 weeks ending on Hemelvaartsdag 2026", nil, "2026-04-02", "P6W", "2026-05-15", []ReasonCode{hol}},
	// Thu 14 Hemelvaart, Fri 15 equated, Sat, Sun → Mon 18: one reason.
	{"Hemelvaartsdag with equated Friday", kb2026, "2026-04-02", "P6W", "2026-05-18", []ReasonCode{hol}},
	{"ending on the equated Friday", kb2026, "2026-04-03", "P6W", "2026-05-18", []ReasonCode{eq}},
	{"ending on that Friday without a decree", nil, "2026-04-03", "P6W", "2026-05-15", nil},
	// Wed 13, Thu 14 (Hv), Fri 15 (KB) → Mon 18; Wed 13 and Mon 18 are two.
	{"3 days ending on equated Friday", kb2026, "2026-05-12", "P3D", "2026-05-18", []ReasonCode{eq}},
	// Thu 14, Fri 15 (KB), Sat 16 → Mon 18; only Mon → art. 2 → Tue 19.
	{"3 days over Hemelvaart weekend with decree", kb2026, "2026-05-13", "P3D", "2026-05-19", []ReasonCode{sat, a2}},
	{"1 week ending on Hemelvaartsdag 2024", nil, "2024-05-02", "P1W", "2024-05-10", []ReasonCode{hol}},
	// Wed 8, Thu 9 (Hv), Fri 10: Wed and Fri are two working days.
	{"3 days over Hemelvaartsdag 2024, enough working days", nil, "2024-05-07", "P3D", "2024-05-10", nil},
	// Thu 9 (Hv), Fri 10, Sat 11 → Mon 13; Fri and Mon.
	{"3 days ending on Saturday after Hemelvaart 2024", nil, "2024-05-08", "P3D", "2024-05-13", []ReasonCode{sat}},
	{"1 week ending on Hemelvaartsdag 2028", nil, "2028-05-18", "P1W", "2028-05-26", []ReasonCode{hol}},
	// Thu 10 (Hv), Fri 11, Sat 12 → Mon 14; Fri and Mon.
	{"3 days after Hemelvaart 2029", nil, "2029-05-09", "P3D", "2029-05-14", []ReasonCode{sat}},
	// Same with Fri 11 equated: only Mon 14 → art. 2 → Tue 15.
	{"3 days after Hemelvaart 2029 with decree", kb2029, "2029-05-09", "P3D", "2029-05-15", []ReasonCode{sat, a2}},
	{"1 week ending on Hemelvaartsdag 2030", nil, "2030-05-23", "P1W", "2030-05-31", []ReasonCode{hol}},
	{"1 month ending on Hemelvaartsdag 2025", nil, "2025-04-29", "P1M", "2025-05-30", []ReasonCode{hol}},

	// --- 5 mei, also next to Hemelvaartsdag ---
	{"1 week ending on 5 mei 2026 (Tue)", nil, "2026-04-28", "P1W", "2026-05-06", []ReasonCode{hol}},
	{"1 week ending on 5 mei 2025 (Mon)", nil, "2025-04-28", "P1W", "2025-05-06", []ReasonCode{hol}},
	// Wed 5 mei 2027, Thu 6 Hemelvaartsdag → Fri 7.
	{"5 mei followed by Hemelvaartsdag 2027", nil, "2027-04-28", "P1W", "2027-05-07", []ReasonCode{hol}},
	// Tue 4, Wed 5 (5 mei), Thu 6 (Hv) → Fri 7; Tue and Fri.
	{"3 days ending on Hemelvaart after 5 mei 2027", nil, "2027-05-03", "P3D", "2027-05-07", []ReasonCode{hol}},
	// Wed 5, Thu 6, Fri 7: only Fri → art. 2 → Mon 10.
	{"3 days over 5 mei and Hemelvaart 2027: art. 2", nil, "2027-05-04", "P3D", "2027-05-10", []ReasonCode{a2}},
	// Wed 3, Thu 4, Fri 5 (5 mei) → Mon 8; Wed, Thu, Mon.
	{"3 days ending on 5 mei 2028 (Fri)", nil, "2028-05-02", "P3D", "2028-05-08", []ReasonCode{hol}},
	// 5 mei 2029 is a Saturday: the holiday names the reason.
	{"1 week ending on 5 mei on Saturday", nil, "2029-04-28", "P1W", "2029-05-07", []ReasonCode{hol}},
	{"1 week ending on 5 mei on Sunday", nil, "2024-04-28", "P1W", "2024-05-06", []ReasonCode{hol}},
	{"1 month ending on 5 mei 2030 (Sun)", nil, "2030-04-05", "P1M", "2030-05-06", []ReasonCode{hol}},

	// --- Koningsdag ---
	// 27 April 2025 is a Sunday → Koningsdag Saturday 26 April → Mon 28.
	{"Koningsdag on 26 April 2025", nil, "2025-04-19", "P1W", "2025-04-28", []ReasonCode{hol}},
	// Fri 25, Sat 26 (Koningsdag), Sun 27 (no holiday) → Mon 28; Fri, Mon.
	{"3 days ending on Sunday 27 April 2025", nil, "2025-04-24", "P3D", "2025-04-28", []ReasonCode{sun}},
	{"Koningsdag 2026 (Mon)", nil, "2026-04-20", "P1W", "2026-04-28", []ReasonCode{hol}},
	{"Koningsdag 2027 (Tue)", nil, "2027-04-20", "P1W", "2027-04-28", []ReasonCode{hol}},
	{"1 month ending on Koningsdag 2028 (Thu)", nil, "2028-03-27", "P1M", "2028-04-28", []ReasonCode{hol}},
	// Wed 25, Thu 26, Fri 27 (Koningsdag) → Mon 30; Wed, Thu, Mon.
	{"3 days ending on Koningsdag 2029 (Fri)", nil, "2029-04-24", "P3D", "2029-04-30", []ReasonCode{hol}},
	{"Koningsdag 2030 on Saturday 27th", nil, "2030-04-20", "P1W", "2030-04-29", []ReasonCode{hol}},
	// Thu 25, Fri 26, Sat 27 (Koningsdag) → Mon 29.
	{"3 days ending on Koningsdag 2024 (Sat)", nil, "2024-04-24", "P3D", "2024-04-29", []ReasonCode{hol}},

	// --- Easter ---
	// Fri 3 Apr 2026 GV, Sat, Sun, Mon 6 2e Paasdag → Tue 7.
	{"1 week ending on Goede Vrijdag 2026", nil, "2026-03-27", "P1W", "2026-04-07", []ReasonCode{hol}},
	// Fri 3 (GV), Sat 4, Sun 5 → Tue 7 (Mon 6 2e Paas); only Tue → Wed 8.
	{"3 days over Easter 2026: art. 1 and 2", nil, "2026-04-02", "P3D", "2026-04-08", []ReasonCode{sun, a2}},
	// Fri 18 (GV), Sat, Sun, Mon 21 (2e Paas) → Tue 22; only Tue → Wed 23.
	{"4 days ending on Tweede Paasdag 2025", nil, "2025-04-17", "P4D", "2025-04-23", []ReasonCode{hol, a2}},
	{"1 week ending on Goede Vrijdag 2024", nil, "2024-03-22", "P1W", "2024-04-02", []ReasonCode{hol}},
	{"1 week ending on Tweede Paasdag 2027", nil, "2027-03-22", "P1W", "2027-03-30", []ReasonCode{hol}},
	// Event on Goede Vrijdag 2029: Sat 31 → Sun, Mon 2 Apr (2e Paas) → Tue 3.
	{"1 day from Goede Vrijdag 2029", nil, "2029-03-30", "P1D", "2029-04-03", []ReasonCode{sat}},
	// Fri 14 (GV), Sat, Sun 16 → Tue 18 (Mon 17 2e Paas); only Tue → Wed 19.
	{"3 days over Easter 2028", nil, "2028-04-13", "P3D", "2028-04-19", []ReasonCode{sun, a2}},
	{"1 week ending on Goede Vrijdag 2030", nil, "2030-04-12", "P1W", "2030-04-23", []ReasonCode{hol}},

	// --- Pinksteren ---
	{"1 week ending on Tweede Pinksterdag 2026", nil, "2026-05-18", "P1W", "2026-05-26", []ReasonCode{hol}},
	// Sat 7, Sun 8, Mon 9 (2e Pinkster) → Tue 10; only Tue → Wed 11.
	{"3 days over Pinksteren 2025", nil, "2025-06-06", "P3D", "2025-06-11", []ReasonCode{hol, a2}},
	{"3 days over Pinksteren 2027", nil, "2027-05-14", "P3D", "2027-05-19", []ReasonCode{hol, a2}},
	{"1 month ending on Tweede Pinksterdag 2029", nil, "2029-04-21", "P1M", "2029-05-22", []ReasonCode{hol}},
	{"1 week ending on Tweede Pinksterdag 2030", nil, "2030-06-03", "P1W", "2030-06-11", []ReasonCode{hol}},

	// --- Christmas into the New Year ---
	// Thu 25, Fri 26, Sat, Sun → Mon 29 Dec 2025.
	{"1 week ending on Eerste Kerstdag 2025", nil, "2025-12-18", "P1W", "2025-12-29", []ReasonCode{hol}},
	// Fri 25, Sat 26 (2e Kerst), Sun → Mon 28 Dec 2026.
	{"1 week ending on Eerste Kerstdag 2026", nil, "2026-12-18", "P1W", "2026-12-28", []ReasonCode{hol}},
	{"Eerste Kerstdag 2027 on Saturday", nil, "2027-12-18", "P1W", "2027-12-27", []ReasonCode{hol}},
	{"1 day into Christmas 2024", nil, "2024-12-24", "P1D", "2024-12-27", []ReasonCode{hol}},
	// Tue 24, Wed 25, Thu 26 → Fri 27; Tue and Fri.
	{"3 days ending on Tweede Kerstdag 2024", nil, "2024-12-23", "P3D", "2024-12-27", []ReasonCode{hol}},
	// Sat 23, Sun 24, Mon 25 (Kerst), Tue 26 → Wed 27; only Wed → Thu 28.
	{"3 days over Christmas 2028: art. 1 and 2", nil, "2028-12-22", "P3D", "2028-12-28", []ReasonCode{hol, a2}},
	// Sat 22, Sun 23, Mon 24: only Mon → next working day after Kerst: Thu 27.
	{"3 days before Christmas 2029: art. 2 over Kerst", nil, "2029-12-21", "P3D", "2029-12-27", []ReasonCode{a2}},
	{"1 week ending on Nieuwjaarsdag 2026", nil, "2025-12-25", "P1W", "2026-01-02", []ReasonCode{hol}},
	{"2 weeks ending on Nieuwjaarsdag 2025", nil, "2024-12-18", "P2W", "2025-01-02", []ReasonCode{hol}},
	// Nieuwjaarsdag 2028 is a Saturday → Mon 3 Jan.
	{"1 month ending on Nieuwjaarsdag 2028 (Sat)", nil, "2027-12-01", "P1M", "2028-01-03", []ReasonCode{hol}},
	{"1 week from Eerste Kerstdag 2027 to Nieuwjaarsdag", nil, "2027-12-25", "P1W", "2028-01-03", []ReasonCode{hol}},
	{"1 month ending on Nieuwjaarsdag 2029 (Mon)", nil, "2028-12-01", "P1M", "2029-01-02", []ReasonCode{hol}},
	{"2 weeks ending on Nieuwjaarsdag 2031", nil, "2030-12-18", "P2W", "2031-01-02", []ReasonCode{hol}},
	{"1 day into Nieuwjaarsdag 2025", nil, "2024-12-31", "P1D", "2025-01-02", []ReasonCode{hol}},
	// 25 Dec 2025 Thu → Fri 26, Sat, Sun → Mon 29.
	{"1 month ending on Christmas 2025", nil, "2025-11-25", "P1M", "2025-12-29", []ReasonCode{hol}},

	// --- months and month ends ---
	// 31 Jan + 1 month → last day of February.
	{"31 Jan + 1 month, 2026: Feb 28 is Saturday", nil, "2026-01-31", "P1M", "2026-03-02", []ReasonCode{sat}},
	{"31 Jan + 1 month, leap year 2028", nil, "2028-01-31", "P1M", "2028-02-29", nil},
	{"31 Jan + 1 month, 2027: Feb 28 is Sunday", nil, "2027-01-31", "P1M", "2027-03-01", []ReasonCode{sun}},
	{"31 Jan + 1 month, 2025: Feb 28 Friday", nil, "2025-01-31", "P1M", "2025-02-28", nil},
	{"31 Mar + 1 month → 30 Apr", nil, "2026-03-31", "P1M", "2026-04-30", nil},
	{"31 Aug + 3 months → 30 Nov", nil, "2026-08-31", "P3M", "2026-11-30", nil},
	{"29 Feb + 12 months → 28 Feb", nil, "2028-02-29", "P12M", "2029-02-28", nil},
	// The month rule keeps the day number, not "end of month": 28 Feb → 28 Mar.
	{"28 Feb + 1 month → 28 Mar (Sat)", nil, "2026-02-28", "P1M", "2026-03-30", []ReasonCode{sat}},
	{"31 Dec + 2 months → 28 Feb (Sat)", nil, "2025-12-31", "P2M", "2026-03-02", []ReasonCode{sat}},
	{"31 Oct + 6 months → 30 Apr 2025", nil, "2024-10-31", "P6M", "2025-04-30", nil},
	{"30 Jan + 1 month → 28 Feb 2029", nil, "2029-01-30", "P1M", "2029-02-28", nil},
	{"15 Mar + 3 months", nil, "2030-03-15", "P3M", "2030-06-17", []ReasonCode{sat}},

	// --- working days ---
	// Thu 2 (1), Fri 3 GV, Mon 6 2e Paas, Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
	{"5 working days over Easter 2026", nil, "2026-04-01", "5WD", "2026-04-10", nil},
	// Thu 25, Fri 26 Kerst; Mon 29 (1), Tue 30 (2), Wed 31 (3).
	{"3 working days over Christmas 2025", nil, "2025-12-24", "3WD", "2025-12-31", nil},
	// Wed 5 mei, Thu 6 Hv; Fri 7 (1), Mon 10 (2).
	{"2 working days over 5 mei and Hemelvaart 2027", nil, "2027-05-04", "2WD", "2027-05-10", nil},
	{"1 working day over Hemelvaartsdag 2026", nil, "2026-05-13", "1WD", "2026-05-15", nil},
	{"1 working day with equated Friday", kb2026, "2026-05-13", "1WD", "2026-05-18", nil},
	// Mon 23 (1), Tue 24 (2), Fri 27 (3), Mon 30 (4), Tue 31 (5), Thu 2 (6),
	// Fri 3 (7), Mon 6 (8), Tue 7 (9), Wed 8 (10).
	{"10 working days over Christmas and New Year 2024", nil, "2024-12-20", "10WD", "2025-01-08", nil},
	// A working-day term from Friday: 1 working day is Monday, art. 2 not applied.
	{"1 working day from Friday", nil, "2026-01-09", "1WD", "2026-01-12", nil},
}

func TestDeadline(t *testing.T) {
	if len(deadlineCases) < 60 {
		t.Fatalf("only %d cases", len(deadlineCases))
	}
	for _, tc := range deadlineCases {
		t.Run(tc.name, func(t *testing.T) {
			ev := MustParseDate(tc.event)
			r := tc.cal.Deadline(ev, term(t, tc.term))
			if got := r.End.String(); got != tc.end {
				t.Errorf("Deadline(%s, %s) = %s %s, want %s", tc.event, tc.term, got, r.End.Weekday(), tc.end)
			}
			var codes []ReasonCode
			for _, re := range r.Reasons {
				codes = append(codes, re.Code)
			}
			if !slices.Equal(codes, tc.codes) {
				t.Errorf("reasons = %v, want %v", codes, tc.codes)
			}
			if r.Extended != (len(tc.codes) > 0) {
				t.Errorf("Extended = %v with reasons %v", r.Extended, tc.codes)
			}
			if r.Reasons == nil {
				t.Error("Reasons is nil, want empty slice")
			}
			if r.Start != ev.AddDays(1) {
				t.Errorf("Start = %s", r.Start)
			}
			// The reasons chain from Nominal to End.
			at := r.Nominal
			for _, re := range r.Reasons {
				if re.From != at || !re.To.After(re.From) || re.Text == "" {
					t.Errorf("reason %+v does not continue from %s", re, at)
				}
				at = re.To
			}
			if at != r.End {
				t.Errorf("reasons end at %s, End is %s", at, r.End)
			}
		})
	}
}

func TestReasonText(t *testing.T) {
	r := New().Deadline(MustParseDate("2026-04-02"), MustParseTerm("P6W"))
	want := "eindigt op Hemelvaartsdag (donderdag 14 mei 2026), verlengd tot en met vrijdag 15 mei 2026 (art. 1 Atw)"
	if len(r.Reasons) != 1 || r.Reasons[0].Text != want {
		t.Fatalf("reasons = %+v,\nwant %q", r.Reasons, want)
	}
	if r.Reasons[0].Day != NameHemelvaartsdag || r.Reasons[0].Article != "1" {
		t.Errorf("reason = %+v", r.Reasons[0])
	}
	r = New().Deadline(MustParseDate("2026-04-02"), MustParseTerm("P3D"))
	wants := []string{
		"eindigt op zondag 5 april 2026, verlengd tot en met dinsdag 7 april 2026 (art. 1 Atw)",
		"de termijn van 3 dagen bevat maar één dag die geen zaterdag, zondag of feestdag is, verlengd tot en met woensdag 8 april 2026 (art. 2 Atw)",
	}
	for i, w := range wants {
		if r.Reasons[i].Text != w {
			t.Errorf("reason %d = %q, want %q", i, r.Reasons[i].Text, w)
		}
	}
	r = kb2026.Deadline(MustParseDate("2026-04-03"), MustParseTerm("P6W"))
	if got, w := r.Reasons[0].Text, "eindigt op vrijdag na Hemelvaartsdag (vrijdag 15 mei 2026), verlengd tot en met maandag 18 mei 2026 (art. 1 Atw)"; got != w {
		t.Errorf("equated reason = %q, want %q", got, w)
	}
}

func TestDeadlineInvalid(t *testing.T) {
	for _, tm := range []Term{{}, {N: 0, Unit: Days}, {N: -1, Unit: Weeks}, {N: 1, Unit: 9}, {N: MaxMonths + 1, Unit: Months}} {
		if r := New().Deadline(MustParseDate("2026-04-01"), tm); !r.End.IsZero() {
			t.Errorf("Deadline(%v) = %s, want zero", tm, r.End)
		}
	}
	if r := New().Deadline(Date{}, MustParseTerm("P1D")); !r.End.IsZero() {
		t.Errorf("Deadline(zero date) = %s", r.End)
	}
}

func TestExtend(t *testing.T) {
	// Objection decided within 6 weeks of Wed 1 Apr 2026: Wed 13 May; an
	// adjournment of 6 weeks runs from Thu 14 May to Wed 24 Jun 2026.
	c := New()
	first := c.Deadline(MustParseDate("2026-04-01"), MustParseTerm("P6W"))
	ext := c.Extend(first.End, MustParseTerm("P6W"))
	if ext.End != MustParseDate("2026-06-24") || ext.Extended {
		t.Errorf("Extend = %+v", ext)
	}
	// Extending a deadline of Fri 15 May 2026 by 1 week ends on Fri 22 May.
	if got := c.Extend(MustParseDate("2026-05-15"), MustParseTerm("P1W")).End; got != MustParseDate("2026-05-22") {
		t.Errorf("Extend = %s", got)
	}
}

func TestWorkingDays(t *testing.T) {
	c := New()
	cases := []struct {
		from, to string
		n        int
	}{
		{"2026-05-11", "2026-05-14", 2}, // Mon → Thu Hemelvaart: Tue, Wed
		{"2026-05-11", "2026-05-15", 3}, // + Fri
		{"2026-05-11", "2026-05-11", 0},
		{"2026-05-15", "2026-05-11", -3}, // Mon 11, Tue 12, Wed 13 (not Fri 15 itself)
		{"2026-05-18", "2026-05-15", -1}, // Fri 15; Sat and Sun do not count
		{"2026-05-19", "2026-05-15", -2}, // Fri 15, Mon 18
		{"2025-12-24", "2025-12-31", 3},  // Mon 29, Tue 30, Wed 31
		// 2026: 261 weekdays, minus Thu 1 Jan (excluded), minus GV, 2e Paas,
		// Koningsdag (Mon), 5 mei (Tue), Hemelvaart, 2e Pinkster, 1e Kerst
		// (Fri; 2e Kerst is a Saturday) = 261 − 1 − 7.
		{"2026-01-01", "2026-12-31", 253},
		// 2024 (leap, from Mon): 262 weekdays, minus Mon 1 Jan, minus GV,
		// 2e Paas, Hemelvaart, 2e Pinkster, both Kerstdagen (Koningsdag and
		// 5 mei fall on the weekend) = 262 − 1 − 6.
		{"2024-01-01", "2024-12-31", 255},
	}
	for _, tc := range cases {
		from, to := MustParseDate(tc.from), MustParseDate(tc.to)
		if got := c.WorkingDaysBetween(from, to); got != tc.n {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.n)
		}
	}
	// Three working days before Tue 7 Apr 2026: Mon 6 and Fri 3 are
	// holidays, so Thu 2 (1), Wed 1 (2), Tue 31 Mar (3).
	if got := c.AddWorkingDays(MustParseDate("2026-04-07"), -3); got != MustParseDate("2026-03-31") {
		t.Errorf("AddWorkingDays(-3) = %s", got)
	}
	if got := c.AddWorkingDays(MustParseDate("2026-04-04"), 0); got != MustParseDate("2026-04-04") {
		t.Errorf("AddWorkingDays(0) = %s", got)
	}
}
