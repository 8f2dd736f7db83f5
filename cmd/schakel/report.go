package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/report"
)

const reportUsage = `schakel report — the yearly Staat van de Uitvoering as HTML and PDF

Usage:
  schakel report --db DB --year 2026 [--cutoff 2027-01-31] [--out DIR] [--publish] [--quiet]

Writes staat-van-de-uitvoering-<year>.html and .pdf into DIR (default: the
current directory) from the data as they stood at the end of the cut-off day
(default: today while the year runs, else 31 January of the next year), and
prints their SHA-256. The same data give the same bytes. With --publish the
files and their SHA-256 are recorded in the public record, once per year and
cut-off: publishing the same bytes again changes nothing; other bytes for a
recorded cut-off are refused (the data changed: choose a new cut-off).
Links in the report point to --base-url. On a terminal a progress line on
stderr shows the steps done; --quiet leaves it out.

Flags:
`

// runReport generates, writes and optionally publishes a yearly report.
func runReport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var year, cutoff, out string
	var publish, quiet bool
	cfg, rest, err := loadConfig("report", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&quiet, "quiet", false, quietHelp)
		fs.StringVar(&year, "year", "", "the calendar year to report on, e.g. 2026")
		fs.StringVar(&cutoff, "cutoff", "", "the day the figures are of, YYYY-MM-DD (default: today in a running year, else 31 January of the next)")
		fs.StringVar(&out, "out", ".", "the directory to write the two files to")
		fs.BoolVar(&publish, "publish", false, "record the files and their SHA-256 in the public record")
		fs.Usage = func() {
			fmt.Fprint(fs.Output(), reportUsage)
			fs.PrintDefaults()
		}
	}, "db", "sqlite-synchronous", "base-url", "log-level", "log-format")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("report: unexpected argument %q", rest[0])
	}
	y, c, err := reportFlags(year, cutoff)
	if err != nil {
		return err
	}
	st, err := openExistingStore(ctx, cfg.DB, cfg.SQLiteSynchronous)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := app.NewReports(&cfg, st, schakel.SystemClock{})
	m := newMeter(stderr, "report", quiet)
	g, err := svc.WithProgress(m.Report).Generate(ctx, y, c)
	m.Done()
	if err != nil {
		return reportError(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	base := filepath.Join(out, report.FileName(y))
	for _, f := range []struct {
		ext  string
		data []byte
		sum  string
	}{{".html", g.HTML, g.HTMLSHA256}, {".pdf", g.PDF, g.PDFSHA256}} {
		if err := os.WriteFile(base+f.ext, f.data, 0o644); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		fmt.Fprintf(stdout, "%s  %s\n", f.sum, base+f.ext)
	}
	fmt.Fprintf(stdout, "Staat van de Uitvoering %d, peildatum %s.\n", y, g.Cutoff)
	if !publish {
		return nil
	}
	rec, err := svc.Publish(ctx, g)
	if err != nil {
		return reportError(err)
	}
	fmt.Fprintf(stdout, "Vastgelegd in het openbare register als rapport %d (%s UTC).\n", rec.ID, rec.GeneratedAt.UTC().Format("2006-01-02 15:04"))
	return nil
}

// reportFlags parses the year and the cut-off, naming both when wrong.
func reportFlags(year, cutoff string) (int, calendar.Date, error) {
	var lines []string
	y, err := strconv.Atoi(year)
	if err != nil {
		lines = append(lines, fmt.Sprintf("  --year: %q is geen jaar; geef bijvoorbeeld --year 2026", year))
	}
	var c calendar.Date
	if cutoff != "" {
		if c, err = calendar.ParseDate(cutoff); err != nil {
			lines = append(lines, fmt.Sprintf("  --cutoff: %q is geen datum JJJJ-MM-DD", cutoff))
		}
	}
	if len(lines) > 0 {
		return 0, c, errors.New(strings.Join(append([]string{"geen rapport gemaakt:"}, lines...), "\n"))
	}
	return y, c, nil
}

// reportError says in Dutch why no report was made or recorded.
func reportError(err error) error {
	if schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("report: %w", err)
	}
	lines := []string{"geen rapport gemaakt of vastgelegd: " + schakel.ErrorMessage(err)}
	for _, f := range schakel.ErrorFields(err) {
		flagName := map[string]string{"jaar": "year", "peildatum": "cutoff"}[f.Field]
		lines = append(lines, fmt.Sprintf("  --%s: %s", flagName, f.Reason()))
	}
	return errors.New(strings.Join(lines, "\n"))
}
