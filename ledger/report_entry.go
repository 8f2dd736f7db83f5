package ledger

import (
	"bytes"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

// ReportVersion is the format version of the entries about the yearly
// Staat van de Uitvoering (FORMAT.md, "Entries about yearly reports").
const ReportVersion = 4

// ReportEntry is the public record of a published yearly report: the year,
// the cut-off date of its figures and the SHA-256 of its HTML and PDF
// files. A report is recorded once (seq is always 1).
type ReportEntry struct {
	// Version is ReportVersion.
	Version int `json:"v"`
	// ReportID and Seq identify the entry: the record and 1.
	ReportID int64 `json:"report"`
	Seq      int   `json:"seq"`
	// Year is the calendar year reported on; Cutoff the day the figures
	// are of, as YYYY-MM-DD.
	Year   int    `json:"year"`
	Cutoff string `json:"cutoff"`
	// At is when it was recorded, in TimeLayout.
	At string `json:"at"`
	// HTMLSHA256 and PDFSHA256 are the SHA-256 of the two files.
	HTMLSHA256 string `json:"htmlSha256"`
	PDFSHA256  string `json:"pdfSha256"`
}

// ProjectReport returns the log entry of a recorded report.
func ProjectReport(r *schakel.YearReport) ReportEntry {
	return ReportEntry{Version: ReportVersion, ReportID: r.ID, Seq: 1, Year: r.Year, Cutoff: r.Cutoff.String(),
		At: r.GeneratedAt.UTC().Truncate(time.Second).Format(TimeLayout), HTMLSHA256: r.HTMLSHA256, PDFSHA256: r.PDFSHA256}
}

// Encode returns the canonical encoding of e, as for Entry.Encode.
func (e ReportEntry) Encode() []byte { return encodeCanonical(e, "report entry") }

// Validate checks every field of e: the version, a positive id, seq 1, a
// year from 2000 to 9998, a cut-off date on or after the year's first day
// in canonical form, a UTC time and both digests.
func (e ReportEntry) Validate() error {
	if e.Version != ReportVersion {
		return fmt.Errorf("%w %d in a report entry (want %d)", ErrUnknownVersion, e.Version, ReportVersion)
	}
	if e.ReportID <= 0 || e.Seq != 1 {
		return fmt.Errorf("ledger: report entry: report %d, seq %d: want an id and seq 1", e.ReportID, e.Seq)
	}
	if e.Year < 2000 || e.Year > 9998 {
		return fmt.Errorf("ledger: report entry field year: %d is out of range", e.Year)
	}
	d, err := calendar.ParseDate(e.Cutoff)
	if err != nil || d.String() != e.Cutoff || d.Before(calendar.DateOf(e.Year, 1, 1)) {
		return fmt.Errorf("ledger: report entry field cutoff: %q is not a date in or after %d", e.Cutoff, e.Year)
	}
	if t, err := time.Parse(TimeLayout, e.At); err != nil || t.Format(TimeLayout) != e.At {
		return fmt.Errorf("ledger: report entry field at: %q is not a UTC time %s", e.At, TimeLayout)
	}
	for _, h := range [][2]string{{"htmlSha256", e.HTMLSHA256}, {"pdfSha256", e.PDFSHA256}} {
		if h[1] == "" {
			return fmt.Errorf("ledger: report entry field %s: required", h[0])
		}
		if err := checkHash(h[0], h[1]); err != nil {
			return err
		}
	}
	return nil
}

// DecodeReport parses an encoded report entry strictly: one encoding per
// entry.
func DecodeReport(data []byte) (ReportEntry, error) {
	return decodeCanonical[ReportEntry](data, ReportVersion, "report entry")
}

// reportPrefix is the canonical start of every report entry.
const reportPrefix = `{"v":4,"report":`

// IsReportEntry reports whether data is (shaped as) an entry about a
// yearly report.
func IsReportEntry(data []byte) bool { return bytes.HasPrefix(data, []byte(reportPrefix)) }

// ReportEntryID returns the record id and seq of an encoded report entry
// by reading only its canonical prefix.
func ReportEntryID(data []byte) (reportID int64, seq int, err error) {
	return subjectEntryID(data, reportPrefix, "report entry id", "report id", "seq")
}
