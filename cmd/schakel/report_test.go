package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/jobs"
)

// TestReportCommand: `schakel report` run twice over the same database
// writes the same bytes and prints their SHA-256; --publish records them,
// again is the same record, and the public record with the report's entry
// still verifies.
func TestReportCommand(t *testing.T) {
	for _, backend := range backends() {
		t.Run(backend, func(t *testing.T) {
			w, _ := eraseWorld(t, backend)
			year := time.Now().Year()
			name := "staat-van-de-uitvoering-" + strconv.Itoa(year)
			run := func(extra ...string) (string, string) {
				t.Helper()
				dir := t.TempDir()
				var out, errOut strings.Builder
				args := append([]string{"report", "--db", w.dsn, "--year", strconv.Itoa(year), "--out", dir}, extra...)
				if err := Run(context.Background(), args, envOf(nil), &out, &errOut); err != nil {
					t.Fatalf("%v\n%s", err, errOut.String())
				}
				return dir, out.String()
			}
			dir1, out1 := run()
			dir2, _ := run()
			sums := map[string]string{}
			for _, ext := range []string{".html", ".pdf"} {
				a, err := os.ReadFile(filepath.Join(dir1, name+ext))
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(filepath.Join(dir2, name+ext))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a, b) {
					t.Fatalf("%s differs between two runs over the same database", ext)
				}
				sum := sha256.Sum256(a)
				sums[ext] = hex.EncodeToString(sum[:])
				if !strings.Contains(out1, sums[ext]+"  "+filepath.Join(dir1, name+ext)) {
					t.Errorf("the output does not give the SHA-256 of %s as sha256sum does:\n%s", ext, out1)
				}
				if regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+`).Match(a) {
					t.Errorf("%s holds an e-mail address", ext)
				}
			}
			if !strings.Contains(out1, "peildatum "+calendar.DateFromTime(time.Now().In(calendar.Location())).String()) {
				t.Errorf("the default cut-off of a running year is not today:\n%s", out1)
			}

			_, pub := run("--publish")
			if !strings.Contains(pub, "Vastgelegd in het openbare register als rapport 1") {
				t.Fatalf("publish:\n%s", pub)
			}
			_, pub2 := run("--publish")
			if !strings.Contains(pub2, "als rapport 1 ") {
				t.Fatalf("publishing the same bytes again:\n%s", pub2)
			}
			rs, err := w.st.Reports(context.Background())
			if err != nil || len(rs) != 1 || rs[0].HTMLSHA256 != sums[".html"] || rs[0].PDFSHA256 != sums[".pdf"] {
				t.Fatalf("the record %+v (%v) does not hold the files' SHA-256 %v", rs, err, sums)
			}
			if _, _, err := (&jobs.LedgerJob{Store: w.st, Signer: w.signer}).RunOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
			var out, errOut strings.Builder
			if err := Run(context.Background(), []string{"verify", "--db", w.dsn, "--key", w.vkey}, envOf(nil), &out, &errOut); err != nil {
				t.Fatalf("verify after publishing: %v\n%s%s", err, out.String(), errOut.String())
			}
			if !strings.Contains(out.String(), "ok  yearly reports: 1 records in the database match their log entry") {
				t.Errorf("verify does not check the report's record:\n%s", out.String())
			}
		})
	}
}

func TestReportCommandRefuses(t *testing.T) {
	w := newTamperWorld(t, "sqlite")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"report", "--db", w.dsn, "--year", "twee", "--cutoff", "morgen"}, []string{"--year: \"twee\" is geen jaar", "--cutoff: \"morgen\" is geen datum"}},
		{[]string{"report", "--db", w.dsn, "--year", "2026", "--cutoff", "2025-01-01"}, []string{"--cutoff: "}},
		{[]string{"report", "--db", w.dsn, "--year", "1900"}, []string{"--year: "}},
	} {
		var out, errOut strings.Builder
		err := Run(context.Background(), tc.args, envOf(nil), &out, &errOut)
		if err == nil || exitCode(err) != 1 {
			t.Fatalf("%v: %v", tc.args, err)
		}
		for _, want := range tc.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%v: error lacks %q:\n%v", tc.args, want, err)
			}
		}
	}
}
