package web

import (
	"context"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/opendata"
)

// eachDeadline emits the deadline figures per organisation and kind of
// request of last year and this year, from the parliament view of each
// calendar year, so the download and GET /api/v1/parlement agree.
func eachDeadline(ctx context.Context, h *Handler, base string, _ orgIndex, emit func(openRow) error) error {
	if h.Figures == nil {
		return nil
	}
	this := calendar.DateFromTime(h.Clock.Now()).Year()
	for _, year := range []int{this - 1, this} {
		v, err := h.Figures.View(ctx, figures.Filter{From: calendar.DateOf(year, 1, 1), To: calendar.DateOf(year, 12, 31)})
		if err != nil {
			return err
		}
		for _, row := range DeadlineRows(base, year, v) {
			if err := emit(openRow{Row: row, Org: row[2].(string), Updated: v.Now}); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeadlineRows are the rows of the deadline figures of one year's view:
// per organisation and kind of request that had requests, or whose
// citizens' brakes were held back.
func DeadlineRows(base string, year int, v *figures.View) []opendata.Row {
	terms := map[string]string{}
	for _, t := range v.Terms {
		terms[string(t.Type)], _ = t.Term.ISO()
	}
	period := strconv.Itoa(year)
	var out []opendata.Row
	for _, g := range v.OrganisationTypes {
		if g.Requests == 0 && !g.CitizenBrakes.Suppressed {
			continue
		}
		org, typ, _ := strings.Cut(g.Key, "/")
		f := g.Figures
		id := strings.TrimRight(base, "/") + opendata.Deadlines.Page + "/" + period + "/" + org + "/" + typ
		out = append(out, opendata.Row{id, period, org, typ, terms[typ], f.Requests, f.Open, f.Overdue, f.Answered, f.Complied, f.Explained,
			f.Partial, f.OnTime, daysOrNil(f.MedianDays), daysOrNil(f.P90Days), f.Missed, f.Escalated, f.CitizenBrakes.Suppressed})
	}
	return out
}

// daysOrNil is a number of days, or nil when there is none.
func daysOrNil(n int) any {
	if n < 0 {
		return nil
	}
	return n
}
