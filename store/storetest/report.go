package storetest

import (
	"bytes"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/ledger"
)

func init() {
	tests["RecordReport"] = testRecordReport
	tests["Report"] = testRecordReport
	tests["Reports"] = testReports
	tests["ReportFiles"] = testRecordReport
	tests["RecordReport (public record)"] = testReportLog
	tests["RecordReport (refused)"] = testRecordReportRefused
}

// yearReport returns a record of year with cut-off and files made of c.
func yearReport(year int, cutoff string, c string) (*schakel.YearReport, schakel.ReportFiles) {
	return &schakel.YearReport{Year: year, Cutoff: calendar.MustParseDate(cutoff)},
		schakel.ReportFiles{HTML: []byte("<!DOCTYPE html><p>" + c + "</p>"), PDF: []byte("%PDF-1.3 " + c + "\x00\xff")}
}

func testRecordReport(e *env) {
	r, files := yearReport(2026, "2027-01-31", "a")
	must(e.t, e.s.RecordReport(e.ctx, r, files))
	if r.ID <= 0 || !r.GeneratedAt.Equal(e.clock.Now().UTC().Truncate(time.Microsecond)) ||
		r.HTMLSHA256 != hexSum(files.HTML) || r.PDFSHA256 != hexSum(files.PDF) {
		e.t.Fatalf("recorded %+v at %v", r, e.clock.Now())
	}
	stored, err := e.s.ReportFiles(e.ctx, r.ID)
	must(e.t, err)
	if !bytes.Equal(stored.HTML, files.HTML) || !bytes.Equal(stored.PDF, files.PDF) {
		e.t.Fatalf("ReportFiles = %q, %q", stored.HTML, stored.PDF)
	}
	if _, err := e.s.ReportFiles(e.ctx, r.ID+1); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("ReportFiles of no record: %v", err)
	}
	got, err := e.s.Report(e.ctx, 2026, calendar.MustParseDate("2027-01-31"))
	must(e.t, err)
	if *got != *r {
		e.t.Fatalf("Report = %+v, want %+v", got, r)
	}
	if _, err := e.s.Report(e.ctx, 2026, calendar.MustParseDate("2027-02-01")); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("Report of another cut-off: %v", err)
	}
	// The same year and cut-off again: refused, whatever the hashes.
	again, files := yearReport(2026, "2027-01-31", "b")
	if err := e.s.RecordReport(e.ctx, again, files); schakel.ErrorCode(err) != schakel.ECONFLICT {
		e.t.Fatalf("recording a year and cut-off twice: %v", err)
	}
	if n := e.count("reports"); n != 1 {
		e.t.Fatalf("%d reports after the refusal", n)
	}
	// The record is append-only.
	if err := e.rawExec("UPDATE reports SET pdf_sha256 = ?", strings.Repeat("f", 64)); err == nil {
		e.t.Fatal("a report's record was changed")
	}
	if err := e.rawExec("DELETE FROM reports"); err == nil {
		e.t.Fatal("a report's record was removed")
	}
}

func testReports(e *env) {
	if rs, err := e.s.Reports(e.ctx); err != nil || len(rs) != 0 {
		e.t.Fatalf("Reports of an empty store = %v, %v", rs, err)
	}
	for _, c := range []struct {
		year         int
		cutoff, text string
	}{{2025, "2026-01-31", "1"}, {2026, "2026-12-01", "2"}, {2026, "2027-01-31", "3"}} {
		r, files := yearReport(c.year, c.cutoff, c.text)
		must(e.t, e.s.RecordReport(e.ctx, r, files))
		e.clock.Advance(time.Hour)
	}
	rs, err := e.s.Reports(e.ctx)
	must(e.t, err)
	var got []string
	for _, r := range rs {
		got = append(got, r.Cutoff.String())
	}
	if strings.Join(got, ",") != "2027-01-31,2026-12-01,2026-01-31" {
		e.t.Fatalf("Reports in order %v", got)
	}
}

func testRecordReportRefused(e *env) {
	bad := &schakel.YearReport{Year: 1999}
	err := e.s.RecordReport(e.ctx, bad, schakel.ReportFiles{})
	wantFields(e.t, err, "jaar", "peildatum", "html", "pdf")
	if n := e.count("reports") + e.count("log_outbox_reports"); n != 0 {
		e.t.Fatalf("%d rows written by a refused record", n)
	}
}

func testReportLog(e *env) {
	r, files := yearReport(2026, "2027-01-31", "c")
	must(e.t, e.s.RecordReport(e.ctx, r, files))
	before := e.count("log_entries")
	n, err := e.s.SequenceLedger(e.ctx, 0)
	must(e.t, err)
	if n < 1 {
		e.t.Fatalf("appended %d", n)
	}
	if n, err := e.s.SequenceLedger(e.ctx, 0); err != nil || n != 0 {
		e.t.Fatalf("a second round appended %d (%v)", n, err)
	}
	size, err := e.s.LedgerSize(e.ctx)
	must(e.t, err)
	entries, err := e.s.LedgerEntries(e.ctx, 0, size)
	must(e.t, err)
	var found [][]byte
	for _, data := range entries[before:] {
		if ledger.IsReportEntry(data) {
			found = append(found, data)
		}
	}
	if len(found) != 1 {
		e.t.Fatalf("%d report entries in the log, want 1", len(found))
	}
	got, err := ledger.DecodeReport(found[0])
	must(e.t, err)
	if got != ledger.ProjectReport(r) || !bytes.Equal(found[0], ledger.ProjectReport(r).Encode()) {
		e.t.Fatalf("logged %s, want the entry of %+v", found[0], r)
	}
	var subject string
	must(e.t, e.s.DB().QueryRowContext(e.ctx, e.rebind("SELECT subject FROM log_entries WHERE request_id = ? AND data = ?"), r.ID, found[0]).Scan(&subject))
	if subject != "rapport" || e.count("log_outbox_reports") != 0 {
		e.t.Fatalf("subject %q, %d left in the outbox", subject, e.count("log_outbox_reports"))
	}
}
