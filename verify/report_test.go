package verify

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/ledger"
)

// testYearReport is record id of the report on 2026.
func testYearReport(id int64) *schakel.YearReport {
	return &schakel.YearReport{ID: id, Year: 2026, Cutoff: calendar.DateOf(2027, 1, int(id)), GeneratedAt: time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC),
		HTMLSHA256: strings.Repeat("ab", 32), PDFSHA256: strings.Repeat("cd", 32)}
}

// reportRows is a database in memory that holds only records of yearly
// reports, and a log (memRows) of their entries.
type reportRows struct {
	memRows
	reports []*schakel.YearReport
}

func (m *reportRows) Reports(context.Context) ([]*schakel.YearReport, error) { return m.reports, nil }

// TestReportEntries: entries about yearly reports verify beside the
// others, are counted, and each record in the database is compared with
// its entry; a record altered or deleted, or an entry twice, is caught.
func TestReportEntries(t *testing.T) {
	newRows := func(t *testing.T, w *testWorld) *reportRows {
		w.log = &memLog{override: map[string][]byte{}}
		m := &reportRows{memRows: memRows{w.log}}
		for id := int64(1); id <= 3; id++ {
			m.reports = append(m.reports, testYearReport(id))
			if id < 3 {
				w.log.add(t, ledger.ProjectReport(testYearReport(id)).Encode())
			}
		}
		w.log.sign(t, w.signer, int64(len(w.log.entries)))
		return m
	}
	t.Run("match", func(t *testing.T) {
		w := newTestWorld(t)
		m := newRows(t, w)
		var out bytes.Buffer
		res, err := w.verifier(NewStoreSource("database (memory)", m), &out).Verify(context.Background())
		if err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		if res.Reports != 2 || res.Rows.Reports != 2 || res.Rows.ReportsPending != 1 {
			t.Fatalf("reports %d, compared %d, pending %d", res.Reports, res.Rows.Reports, res.Rows.ReportsPending)
		}
		wantLines(t, out.String(), "ok  yearly reports: 2 records in the database match their log entry (recomputed); 1 newer records are not yet in a checkpoint\n")
	})
	for name, c := range map[string]struct {
		tamper func(m *reportRows)
		want   string
	}{
		"hash rewritten": {func(m *reportRows) { m.reports[1].PDFSHA256 = strings.Repeat("ee", 32) },
			"entry 1 of report 2 in the database differs from its log entry 1 (report row altered after it was logged)"},
		"deleted": {func(m *reportRows) { m.reports = m.reports[1:] },
			"1 entries of the log are records of yearly reports the database does not have (rows deleted)"},
	} {
		t.Run(name, func(t *testing.T) {
			w := newTestWorld(t)
			m := newRows(t, w)
			c.tamper(m)
			_, err := w.verifier(NewStoreSource("database (memory)", m), nil).Verify(context.Background())
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
	t.Run("twice", func(t *testing.T) {
		w := newTestWorld(t)
		e := ledger.ProjectReport(testYearReport(1)).Encode()
		w.log.add(t, e, e)
		w.log.sign(t, w.signer, int64(len(w.log.entries)))
		_, err := w.verifier(memSource{w.log}, nil).Verify(context.Background())
		if err == nil || !strings.Contains(err.Error(), "are both entry 1 of report 1") {
			t.Fatalf("error %v", err)
		}
	})
}
