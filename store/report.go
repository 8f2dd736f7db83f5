package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/ledger"
)

var _ schakel.YearReportStore = (*Store)(nil)

// subjectReports are the records of the yearly reports (reports,
// ledger.ReportEntry, subject 'rapport'); a record has one entry, seq 1.
var subjectReports = logSubject{name: "rapport", rows: "reports", id: "id", outbox: "log_outbox_reports"}

// RecordReport implements schakel.YearReportStore. The hashes are those of
// the files; GeneratedAt defaults to the store's clock; every instant is put in UTC at microsecond resolution.
// The record, its entry of the public record and its outbox row are
// written in one transaction. The id is chosen under the lock of the log
// head (the sequencer's), because the entry names it and the row, which
// carries the entry, can never be changed afterwards; reports are rare, so
// the wait is nothing. ECONFLICT when the year and cut-off are recorded;
// EINVALID naming "jaar", "peildatum", "html" or "pdf" (an empty file)
// when the entry would not validate.
func (s *Store) RecordReport(ctx context.Context, r *schakel.YearReport, files schakel.ReportFiles) error {
	if r == nil {
		return errors.New("store: record report: no report")
	}
	rec := *r
	rec.HTMLSHA256, rec.PDFSHA256 = sha256Hex(files.HTML), sha256Hex(files.PDF)
	stamp(&rec.GeneratedAt, s.Now())
	rec.GeneratedAt = instant(rec.GeneratedAt)
	if err := validReport(&rec, files); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var size int64
		if err := tx.QueryRowContext(ctx, "SELECT size FROM log_head WHERE id = 1"+s.dialect.lockRow()).Scan(&size); err != nil {
			return fmt.Errorf("log head: %w", err)
		}
		var taken bool
		if err := tx.QueryRowContext(ctx, s.q("SELECT EXISTS (SELECT 1 FROM reports WHERE year = ? AND cutoff = ?)"), rec.Year, rec.Cutoff.String()).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return schakel.Errorf(schakel.ECONFLICT, "Het rapport over %d met peildatum %s is al vastgelegd.", rec.Year, rec.Cutoff.Dutch())
		}
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM reports").Scan(&rec.ID); err != nil {
			return err
		}
		entry := ledger.ProjectReport(&rec)
		if err := entry.Validate(); err != nil {
			return fmt.Errorf("log entry of report %d: %w", rec.ID, err)
		}
		_, err := tx.ExecContext(ctx, s.q("INSERT INTO reports (id, seq, year, cutoff, at, html_sha256, pdf_sha256, html, pdf, log_entry) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)"),
			rec.ID, rec.Year, rec.Cutoff.String(), rec.GeneratedAt, rec.HTMLSHA256, rec.PDFSHA256, files.HTML, files.PDF, entry.Encode())
		if s.dialect.isUniqueViolation(err) {
			return schakel.Errorf(schakel.ECONFLICT, "Het rapport over %d met peildatum %s is al vastgelegd.", rec.Year, rec.Cutoff.Dutch())
		}
		if err != nil {
			return err
		}
		return subjectReports.queue(ctx, s, tx, rec.ID, 1)
	})
	if err != nil {
		if schakel.ErrorCode(err) != schakel.EINTERNAL {
			return err
		}
		return fmt.Errorf("store: record report %d/%s: %w", rec.Year, rec.Cutoff, err)
	}
	*r = rec
	return nil
}

// sha256Hex returns the lower-case hex SHA-256 of b, or "" for no bytes.
func sha256Hex(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// validReport names every field of r its entry would refuse: the year,
// the cut-off and an empty file.
func validReport(r *schakel.YearReport, files schakel.ReportFiles) error {
	var v schakel.Validation
	if r.Year < 2000 || r.Year > 9998 {
		v.Add("jaar", "range", "Kies een jaar tussen 2000 en 9998.")
	}
	if r.Cutoff.IsZero() || r.Cutoff.Before(calendar.DateOf(r.Year, 1, 1)) {
		v.Add("peildatum", "range", "De peildatum ligt niet in of na het jaar.")
	}
	if len(files.HTML) == 0 {
		v.Add("html", "required", "Het HTML-bestand is leeg.")
	}
	if len(files.PDF) == 0 {
		v.Add("pdf", "required", "Het PDF-bestand is leeg.")
	}
	return v.Err()
}

// reportColumns are the columns scanReport reads.
const reportColumns = "id, year, cutoff, at, html_sha256, pdf_sha256"

// scanReport reads a row of reportColumns.
func scanReport(sc interface{ Scan(...any) error }) (*schakel.YearReport, error) {
	var r schakel.YearReport
	var cutoff string
	if err := sc.Scan(&r.ID, &r.Year, &cutoff, &r.GeneratedAt, &r.HTMLSHA256, &r.PDFSHA256); err != nil {
		return nil, err
	}
	d, err := calendar.ParseDate(cutoff)
	if err != nil {
		return nil, fmt.Errorf("cut-off of report %d: %w", r.ID, err)
	}
	r.Cutoff, r.GeneratedAt = d, r.GeneratedAt.UTC()
	return &r, nil
}

// Report implements schakel.YearReportStore.
func (s *Store) Report(ctx context.Context, year int, cutoff calendar.Date) (*schakel.YearReport, error) {
	r, err := scanReport(s.readRow(ctx, "SELECT "+reportColumns+" FROM reports WHERE year = ? AND cutoff = ?", year, cutoff.String()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Er is geen rapport over %d met peildatum %s vastgelegd.", year, cutoff.Dutch())
	}
	if err != nil {
		return nil, fmt.Errorf("store: report %d/%s: %w", year, cutoff, err)
	}
	return r, nil
}

// Reports implements schakel.YearReportStore.
func (s *Store) Reports(ctx context.Context) ([]*schakel.YearReport, error) {
	rows, err := s.readRows(ctx, "SELECT "+reportColumns+" FROM reports ORDER BY year DESC, cutoff DESC")
	if err != nil {
		return nil, fmt.Errorf("store: reports: %w", err)
	}
	defer rows.Close()
	var out []*schakel.YearReport
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reports: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reports: %w", err)
	}
	return out, nil
}

// ReportFiles implements schakel.YearReportStore.
func (s *Store) ReportFiles(ctx context.Context, id int64) (schakel.ReportFiles, error) {
	var f schakel.ReportFiles
	err := s.readRow(ctx, "SELECT html, pdf FROM reports WHERE id = ?", id).Scan(&f.HTML, &f.PDF)
	if errors.Is(err, sql.ErrNoRows) {
		return f, schakel.Errorf(schakel.ENOTFOUND, "Er is geen rapport %d vastgelegd.", id)
	}
	if err != nil {
		return f, fmt.Errorf("store: report files %d: %w", id, err)
	}
	return f, nil
}
