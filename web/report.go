package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/report"
	"github.com/schakel-nl/schakel/reports"
)

// reportBase is the path of the yearly reports.
const reportBase = "/parlement/staat-van-de-uitvoering"

// reportRow is a recorded report as the pages list it.
type reportRow struct {
	Year                  int
	Cutoff                calendar.Date
	GeneratedAt           time.Time
	HTMLSHA256, PDFSHA256 string
	Page, HTML, PDF       string // links
}

// reportRowOf is the row of r.
func reportRowOf(r *schakel.YearReport) reportRow {
	q := "?peildatum=" + r.Cutoff.String()
	base := reportBase + "/" + strconv.Itoa(r.Year)
	return reportRow{Year: r.Year, Cutoff: r.Cutoff, GeneratedAt: r.GeneratedAt,
		HTMLSHA256: r.HTMLSHA256, PDFSHA256: r.PDFSHA256, Page: base + q, HTML: base + ".html" + q, PDF: base + ".pdf" + q}
}

// reportListData is what the list of yearly reports shows.
type reportListData struct {
	Records []reportRow
	// Years are the years a report can be read for, newest first.
	Years []reportYearLink
}

// reportYearLink is a year with its page and whether it has a record.
type reportYearLink struct {
	Year     int
	URL      string
	Recorded bool
}

// reportYearData is what the page of one year shows.
type reportYearData struct {
	Year int
	// Record is the record shown, nil when the year has none: the report
	// is then made from the data as they are now (Cutoff).
	Record  *reportRow
	Others  []reportRow
	Cutoff  calendar.Date
	HTML    string
	PDF     string
	List    string
	Running bool
}

// needReports refuses when the site runs without the reports service.
func (h *Handler) needReports() error {
	if h.Reports == nil {
		return errNoPage
	}
	return nil
}

// ReportList lists the yearly Staat van de Uitvoering: the years that can
// be read and every recorded report with its cut-off date and the SHA-256
// of its files; GET /parlement/staat-van-de-uitvoering. It is public.
func (h *Handler) ReportList(w http.ResponseWriter, r *http.Request) error {
	if err := h.needReports(); err != nil {
		return err
	}
	pg := h.newPage(r, "Staat van de Uitvoering")
	pg.Nav = "parlement"
	recs, err := h.Reports.Records(r.Context())
	if err != nil {
		return err
	}
	d := reportListData{}
	recorded := map[int]bool{}
	for _, rec := range recs {
		d.Records = append(d.Records, reportRowOf(rec))
		recorded[rec.Year] = true
	}
	this := h.Reports.Today().Year()
	years := []int{this, this - 1}
	for y := range recorded {
		if !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	slices.Reverse(years)
	for _, y := range years {
		d.Years = append(d.Years, reportYearLink{Year: y, URL: reportBase + "/" + strconv.Itoa(y), Recorded: recorded[y]})
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "report", pg)
	return nil
}

// ReportYear answers GET /parlement/staat-van-de-uitvoering/{jaar}: for
// "2026" the page of the year, for "2026.html" and "2026.pdf" the files.
// A recorded report (the latest cut-off, or ?peildatum=) is served as it
// was recorded, so its SHA-256 is the record's; a year without a record
// is made from the data as they are now and says so.
func (h *Handler) ReportYear(w http.ResponseWriter, r *http.Request) error {
	if err := h.needReports(); err != nil {
		return err
	}
	name := r.PathValue("jaar")
	yearText, ext, _ := strings.Cut(name, ".")
	year, err := strconv.Atoi(yearText)
	if err != nil || year < 2000 || year > h.Reports.Today().Year() || strconv.Itoa(year) != yearText || (ext != "" && ext != "html" && ext != "pdf") {
		return errNoPage
	}
	rec, err := h.reportRecord(r, year)
	if err != nil {
		return err
	}
	if ext != "" {
		return h.reportFile(w, r, year, rec, ext)
	}
	pg := h.newPage(r, "Staat van de Uitvoering")
	pg.Title = pg.T("Staat van de Uitvoering %d", year)
	pg.Nav = "parlement"
	base := reportBase + "/" + strconv.Itoa(year)
	d := reportYearData{Year: year, HTML: base + ".html", PDF: base + ".pdf", List: reportBase}
	if rec != nil {
		row := reportRowOf(rec)
		d.Record, d.HTML, d.PDF, d.Cutoff = &row, row.HTML, row.PDF, row.Cutoff
		recs, err := h.Reports.Records(r.Context())
		if err != nil {
			return err
		}
		for _, o := range recs {
			if o.Year == year && o.ID != rec.ID {
				d.Others = append(d.Others, reportRowOf(o))
			}
		}
	} else {
		today := h.Reports.Today()
		d.Cutoff = reports.DefaultCutoff(year, today)
		d.Running = today.Year() == year
	}
	pg.Data = d
	h.render(w, r, http.StatusOK, "report_year", pg)
	return nil
}

// reportRecord returns the record of year asked for: the one of
// ?peildatum=, which must exist, else the latest, else nil.
func (h *Handler) reportRecord(r *http.Request, year int) (*schakel.YearReport, error) {
	if c := r.URL.Query().Get("peildatum"); c != "" {
		d, err := calendar.ParseDate(c)
		if err != nil {
			return nil, errNoPage
		}
		rec, err := h.Reports.Record(r.Context(), year, d)
		if schakel.ErrorCode(err) == schakel.ENOTFOUND {
			return nil, errNoPage
		}
		return rec, err
	}
	rec, err := h.Reports.Latest(r.Context(), year)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return nil, nil
	}
	return rec, err
}

// reportFile serves a file of the report on year: the recorded one of rec,
// or, without a record, one made now.
func (h *Handler) reportFile(w http.ResponseWriter, r *http.Request, year int, rec *schakel.YearReport, ext string) error {
	var files schakel.ReportFiles
	modified := time.Time{}
	hd := w.Header()
	if rec != nil {
		var err error
		if files, err = h.Reports.Files(r.Context(), rec); err != nil {
			return err
		}
		modified = rec.GeneratedAt
		hd.Set("Cache-Control", "public, max-age=3600")
	} else {
		g, err := h.Reports.Current(r.Context(), year)
		if err != nil {
			return err
		}
		files = g.Files()
	}
	body := files.PDF
	fileName := report.FileName(year) + "." + ext
	if ext == "html" {
		body = files.HTML
		hd.Set("Content-Type", "text/html; charset=utf-8")
		hd.Set("Content-Security-Policy", letterCSP(body))
		hd.Set("Content-Disposition", `inline; filename="`+fileName+`"`)
	} else {
		hd.Set("Content-Type", "application/pdf")
		hd.Set("Content-Disposition", `attachment; filename="`+fileName+`"`)
	}
	sum := sha256.Sum256(body)
	hd.Set("ETag", strconv.Quote(hex.EncodeToString(sum[:])))
	hd.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":")
	http.ServeContent(w, r, url.PathEscape(fileName), modified, bytes.NewReader(body))
	return nil
}
