package schakel

import (
	"context"
	"time"

	"github.com/schakel-nl/schakel/calendar"
)

// YearReport is the public record of a published Staat van de Uitvoering
// (PRODUCT.md C8): the year it reports on, the cut-off date its figures are
// of and the SHA-256 of its HTML and PDF files, so that anyone holding a
// copy can check it. A record is never changed; the same year may be
// recorded again with a later cut-off.
type YearReport struct {
	ID     int64
	Year   int
	Cutoff calendar.Date
	// GeneratedAt is when the report was recorded.
	GeneratedAt time.Time
	// HTMLSHA256 and PDFSHA256 are the lower-case hex SHA-256 of the files.
	HTMLSHA256, PDFSHA256 string
}

// YearReportStore keeps the public record of the yearly reports.
type YearReportStore interface {
	// RecordReport stores r with its files and its entry of the public
	// record in one transaction; it sets r's ID, its hashes (of the files)
	// and GeneratedAt when zero. Returns ECONFLICT when the year and
	// cut-off are recorded already.
	RecordReport(ctx context.Context, r *YearReport, files ReportFiles) error
	// Report returns the record of a year and cut-off. Returns ENOTFOUND
	// if there is none.
	Report(ctx context.Context, year int, cutoff calendar.Date) (*YearReport, error)
	// Reports returns every record, newest year first, then latest
	// cut-off first.
	Reports(ctx context.Context) ([]*YearReport, error)
	// ReportFiles returns the files of a record as they were recorded.
	// Returns ENOTFOUND if there is no such record.
	ReportFiles(ctx context.Context, id int64) (ReportFiles, error)
}

// ReportFiles are the two files of a yearly report.
type ReportFiles struct {
	HTML, PDF []byte
}
