// Package reports is the service of the yearly Staat van de Uitvoering
// (PRODUCT.md C8): it generates the report of a year as the figures stood
// at a cut-off date (package figures with its clock at the end of that
// day, and the counts of the register of case precedent), renders it with
// package report, records the files and their SHA-256 in the public record
// (Publish), and says whether a copy matches a recorded report (Verify).
package reports

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/report"
)

// Store is what the service needs of the store.
type Store interface {
	schakel.YearReportStore
}

// Precedents searches the public register of case precedent
// (cases.Service.Search).
type Precedents interface {
	Search(ctx context.Context, f schakel.PrecedentFilter) ([]*schakel.Precedent, int, error)
}

// Service generates, publishes and checks the yearly reports. Build it
// with New.
type Service struct {
	figures    *figures.Service
	precedents Precedents
	store      Store
	clock      schakel.Clock
	siteURL    string
	current    *current
	// progress, if set, hears the steps of Generate done.
	progress func(done, total int64)
}

// New returns a Service on the system clock; siteURL is the site's public
// address for the report's links, or empty.
func New(fig *figures.Service, precedents Precedents, st Store, siteURL string) *Service {
	return &Service{figures: fig, precedents: precedents, store: st, clock: schakel.SystemClock{}, siteURL: siteURL, current: &current{}}
}

// WithClock returns a copy of s that reads the time from clock (for the
// default cut-off and the time of a record).
func (s *Service) WithClock(clock schakel.Clock) *Service {
	c := *s
	c.clock = clock
	return &c
}

// WithProgress returns a copy of s whose Generate tells report how many of
// its steps are done (the figures, the precedent counts, the HTML, the
// PDF), for `schakel report`'s progress line.
func (s *Service) WithProgress(report func(done, total int64)) *Service {
	c := *s
	c.progress = report
	return &c
}

// generateSteps is the number of steps Generate reports.
const generateSteps = 4

// step tells the progress report, if any, that done steps are done.
func (s *Service) step(done int64) {
	if s.progress != nil {
		s.progress(done, generateSteps)
	}
}

// Generated is a rendered report.
type Generated struct {
	Year                  int
	Cutoff                calendar.Date
	HTML, PDF             []byte
	HTMLSHA256, PDFSHA256 string
}

// Files returns the report's files.
func (g *Generated) Files() schakel.ReportFiles { return schakel.ReportFiles{HTML: g.HTML, PDF: g.PDF} }

// DefaultCutoff is the cut-off of a report on year made on today: today
// while the year runs, else 31 January of the next year.
func DefaultCutoff(year int, today calendar.Date) calendar.Date {
	if today.Year() <= year {
		return today
	}
	return calendar.DateOf(year+1, time.January, 31)
}

// Today returns the day it is in the Netherlands by the service's clock.
func (s *Service) Today() calendar.Date {
	return calendar.DateFromTime(s.clock.Now().In(amsterdam))
}

var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// Generate renders the report on year as the data stood at the end of
// cutoff (a zero cutoff is DefaultCutoff of today). The same data give the
// same bytes. Returns EINVALID naming "jaar" or "peildatum" for a year out
// of range, a cut-off before the year or after today.
func (s *Service) Generate(ctx context.Context, year int, cutoff calendar.Date) (*Generated, error) {
	today := s.Today()
	if cutoff.IsZero() {
		cutoff = DefaultCutoff(year, today)
	}
	var v schakel.Validation
	if year < 2000 || year > 9998 {
		v.Add("jaar", "range", "Kies een jaar tussen 2000 en 9998.")
	} else if cutoff.Before(calendar.DateOf(year, 1, 1)) {
		v.Add("peildatum", "too_early", "De peildatum ligt voor het begin van het jaar %d.", year)
	}
	if cutoff.After(today) {
		v.Add("peildatum", "future", "De peildatum ligt in de toekomst.")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	s.step(0)
	in, err := s.input(ctx, year, cutoff)
	if err != nil {
		return nil, err
	}
	g := &Generated{Year: year, Cutoff: cutoff}
	var h, p bytes.Buffer
	if err := report.HTML(&h, in); err != nil {
		return nil, err
	}
	s.step(3)
	if err := report.PDF(&p, in); err != nil {
		return nil, err
	}
	s.step(4)
	g.HTML, g.PDF = h.Bytes(), p.Bytes()
	g.HTMLSHA256, g.PDFSHA256 = Sum(g.HTML), Sum(g.PDF)
	return g, nil
}

// Sum returns the lower-case hex SHA-256 of b, as sha256sum prints it.
func Sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Publish records g in the public record. It is idempotent: the same year
// and cut-off recorded with the same hashes returns that record. Returns
// ECONFLICT when the year and cut-off were recorded with other hashes —
// the data of the year changed since.
func (s *Service) Publish(ctx context.Context, g *Generated) (*schakel.YearReport, error) {
	if prev, err := s.store.Report(ctx, g.Year, g.Cutoff); err == nil {
		return same(prev, g)
	} else if schakel.ErrorCode(err) != schakel.ENOTFOUND {
		return nil, err
	}
	rec := &schakel.YearReport{Year: g.Year, Cutoff: g.Cutoff, GeneratedAt: s.clock.Now()}
	err := s.store.RecordReport(ctx, rec, g.Files())
	if schakel.ErrorCode(err) == schakel.ECONFLICT { // recorded meanwhile
		prev, perr := s.store.Report(ctx, g.Year, g.Cutoff)
		if perr != nil {
			return nil, err
		}
		return same(prev, g)
	}
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// same returns prev when it records g's files, else ECONFLICT.
func same(prev *schakel.YearReport, g *Generated) (*schakel.YearReport, error) {
	if prev.HTMLSHA256 == g.HTMLSHA256 && prev.PDFSHA256 == g.PDFSHA256 {
		return prev, nil
	}
	return nil, schakel.Errorf(schakel.ECONFLICT,
		"Het rapport over %d met peildatum %s is al vastgelegd met andere bestanden: de gegevens zijn sindsdien veranderd. Kies een nieuwe peildatum.",
		g.Year, g.Cutoff.Dutch())
}

// Match is a recorded report that a copy matches, and which of its files.
type Match struct {
	Report *schakel.YearReport
	// Kind is "html" or "pdf".
	Kind string
}

// Verify says whether data is a file of a recorded report: it returns the
// record and which file, or ENOTFOUND when no record has its SHA-256.
func (s *Service) Verify(ctx context.Context, data []byte) (*Match, error) {
	sum := Sum(data)
	rs, err := s.store.Reports(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		switch sum {
		case r.HTMLSHA256:
			return &Match{r, "html"}, nil
		case r.PDFSHA256:
			return &Match{r, "pdf"}, nil
		}
	}
	return nil, schakel.Errorf(schakel.ENOTFOUND, "Geen vastgelegd rapport heeft de SHA-256 %s.", sum)
}

// Records returns every recorded report, newest year first.
func (s *Service) Records(ctx context.Context) ([]*schakel.YearReport, error) {
	return s.store.Reports(ctx)
}

// Record returns the record of year and cutoff. Returns ENOTFOUND if
// there is none.
func (s *Service) Record(ctx context.Context, year int, cutoff calendar.Date) (*schakel.YearReport, error) {
	return s.store.Report(ctx, year, cutoff)
}

// Latest returns the record of year with the latest cut-off. Returns
// ENOTFOUND when the year has none.
func (s *Service) Latest(ctx context.Context, year int) (*schakel.YearReport, error) {
	rs, err := s.store.Reports(ctx)
	if err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(rs, func(r *schakel.YearReport) bool { return r.Year == year }); i >= 0 {
		return rs[i], nil // newest cut-off first
	}
	return nil, schakel.Errorf(schakel.ENOTFOUND, "Er is geen rapport over %d vastgelegd.", year)
}

// Files returns the files of a record as recorded. Returns ENOTFOUND if
// there is no such record.
func (s *Service) Files(ctx context.Context, r *schakel.YearReport) (schakel.ReportFiles, error) {
	return s.store.ReportFiles(ctx, r.ID)
}
