package ledger

import (
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

func sampleReport() *schakel.YearReport {
	return &schakel.YearReport{ID: 3, Year: 2026, Cutoff: calendar.MustParseDate("2027-01-31"),
		GeneratedAt: time.Date(2027, 2, 1, 10, 30, 12, 999, time.FixedZone("CET", 3600)),
		HTMLSHA256:  strings.Repeat("ab", 32), PDFSHA256: strings.Repeat("cd", 32)}
}

func TestReportEntryRoundTrip(t *testing.T) {
	e := ProjectReport(sampleReport())
	data := e.Encode()
	want := `{"v":4,"report":3,"seq":1,"year":2026,"cutoff":"2027-01-31","at":"2027-02-01T09:30:12Z","htmlSha256":"` +
		strings.Repeat("ab", 32) + `","pdfSha256":"` + strings.Repeat("cd", 32) + `"}`
	if string(data) != want {
		t.Fatalf("encoded\n%s\nwant\n%s", data, want)
	}
	got, err := DecodeReport(data)
	if err != nil || got != e {
		t.Fatalf("DecodeReport = %+v, %v", got, err)
	}
	if id, seq, err := ReportEntryID(data); err != nil || id != 3 || seq != 1 {
		t.Fatalf("ReportEntryID = %d, %d, %v", id, seq, err)
	}
	if !IsReportEntry(data) || IsProposalEntry(data) || IsCaseEntry(data) {
		t.Fatal("IsReportEntry does not tell the kinds apart")
	}
	if _, err := Decode(data); err == nil {
		t.Fatal("Decode accepted a report entry")
	}
	if _, err := DecodeProposal(data); err == nil {
		t.Fatal("DecodeProposal accepted a report entry")
	}
}

func TestDecodeReportRefuses(t *testing.T) {
	good := string(ProjectReport(sampleReport()).Encode())
	for name, data := range map[string]string{
		"version":      strings.Replace(good, `"v":4`, `"v":5`, 1),
		"seq":          strings.Replace(good, `"seq":1`, `"seq":2`, 1),
		"id":           strings.Replace(good, `"report":3`, `"report":0`, 1),
		"year":         strings.Replace(good, `"year":2026`, `"year":1999`, 1),
		"cutoff early": strings.Replace(good, `"2027-01-31"`, `"2025-12-31"`, 1),
		"cutoff form":  strings.Replace(good, `"2027-01-31"`, `"2027-1-31"`, 1),
		"at":           strings.Replace(good, `09:30:12Z`, `09:30:12+01:00`, 1),
		"hash":         strings.Replace(good, strings.Repeat("ab", 32), strings.Repeat("AB", 32), 1),
		"no hash":      strings.Replace(good, strings.Repeat("cd", 32), "", 1),
		"unknown":      strings.Replace(good, `}`, `,"x":1}`, 1),
		"spacing":      strings.Replace(good, `,"seq"`, `, "seq"`, 1),
		"duplicate":    strings.Replace(good, `"seq":1,`, `"seq":1,"seq":1,`, 1),
	} {
		if _, err := DecodeReport([]byte(data)); err == nil {
			t.Errorf("%s: DecodeReport accepted %s", name, data)
		}
	}
}

func FuzzDecodeReport(f *testing.F) {
	f.Add(ProjectReport(sampleReport()).Encode())
	f.Add([]byte(`{"v":4,"report":1,"seq":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := DecodeReport(data)
		if err != nil {
			return
		}
		if string(e.Encode()) != string(data) {
			t.Fatalf("decoded %q, encodes as %q", data, e.Encode())
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("decoded an invalid entry: %v", err)
		}
	})
}
