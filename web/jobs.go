package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/progress"
)

// The operators' page of running jobs (issue 17, item 5): the long jobs
// of this process (the retention sweep, a ledger round catching up, long
// commands run inside serve) with how far they are, their rate and the
// time left, in the terms `schakel backup` and the other commands draw on
// a terminal. The page is rendered on the server; reloading it shows the
// latest figures.

// jobNames are the jobs of the board in words; a job not listed shows by
// its name.
var jobNames = map[string]string{
	"retention": "Bewaartermijnen: teksten wissen",
	"ledger":    "Openbaar logboek bijwerken",
	"migrate":   "Database bijwerken",
	"backup":    "Reservekopie maken",
	"report":    "Staat van de Uitvoering maken",
}

// jobRow is one running job as the page shows it.
type jobRow struct {
	Name    string
	Started time.Time
	// Done is "120 van 500 (24%)", or "120" while the total is unknown.
	Done             string
	HasTotal         bool
	Value, Max       int64
	Rate, Left, Took string
}

// jobsData is the Data of /beheer/taken.
type jobsData struct {
	Jobs []jobRow
}

// JobsPage shows the long jobs running in this process to an operator;
// GET /beheer/taken.
func (h *Handler) JobsPage(w http.ResponseWriter, r *http.Request) error {
	if h.Running == nil {
		return errNoPage
	}
	jobs, err := h.Running.Jobs(auth.UserFrom(r.Context()))
	if err != nil {
		return err
	}
	pg := h.newPage(r, "Lopende taken")
	pg.Nav = adminNav
	d := jobsData{}
	for _, j := range jobs {
		d.Jobs = append(d.Jobs, jobRowOf(pg, j))
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "jobs", pg)
	return nil
}

// jobRowOf writes a job's status in pg's language.
func jobRowOf(pg *page, j progress.Status) jobRow {
	row := jobRow{Name: j.Name, Started: j.Started, Took: clockDuration(j.Elapsed), Done: strconv.FormatInt(j.Done, 10)}
	if n, ok := jobNames[j.Name]; ok {
		row.Name = pg.T(n)
	}
	if j.Total > 0 {
		row.HasTotal, row.Value, row.Max = true, min(j.Done, j.Total), j.Total
		row.Done = pg.T("%d van %d (%d%%)", j.Done, j.Total, j.Percent())
	}
	switch {
	case j.Rate >= 10:
		row.Rate = pg.T("%s per seconde", strconv.FormatFloat(j.Rate, 'f', 0, 64))
	case j.Rate > 0:
		row.Rate = pg.T("%s per seconde", strconv.FormatFloat(j.Rate, 'f', 1, 64))
	}
	if j.HasLeft {
		row.Left = pg.T("nog ongeveer %s", clockDuration(j.Left))
	}
	return row
}

// clockDuration writes d as a clock reads, in whole seconds: "0:07",
// "12:30", "1:02:03"; the same in Dutch and English.
func clockDuration(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	if s < 0 {
		s = 0
	}
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
