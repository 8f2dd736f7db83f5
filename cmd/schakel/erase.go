package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/progress"
)

const eraseUsage = `schakel erase — erase the personal texts of one record on a data subject's request

Usage:
  schakel erase --db DB --soort verzoek|noodrem|casus --id N --reden "…"
  schakel erase --db DB --bewaartermijn [--retention-request-days N …] [--quiet]

Only a request or brake that ended (closed or withdrawn) or a case that is
closed (decided, published or withdrawn) can be erased, once. Its free texts
become "[gewist]"; codes, states, dates and the public ledger stay, so
"schakel verify" still passes. The reason is stored with the erasure and
shown where the record is: write no personal data in it. The erasure is
logged (to stderr) by kind, id and cause, never with a text.

With --bewaartermijn it erases now, as the retention job of serve does
every --retention-interval, the texts of every record whose retention
period (--retention-request-days, --retention-brake-days,
--retention-case-days) ran out, and prints how many. On a terminal a
progress line on stderr counts the records handled; --quiet leaves it out.

Flags:
`

// runErase erases the texts of one record as the operator: whoever runs it
// holds the database.
func runErase(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var kind, id, reason string
	var retention, quiet bool
	cfg, rest, err := loadConfig("erase", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&retention, "bewaartermijn", false, "erase the texts of every record whose retention period ran out, instead of one record")
		fs.BoolVar(&quiet, "quiet", false, quietHelp)
		fs.StringVar(&kind, "soort", "", "what to erase: verzoek, noodrem or casus")
		fs.StringVar(&id, "id", "", "the number of the request, brake or case")
		fs.StringVar(&reason, "reden", "", fmt.Sprintf("why, stored with the erasure (at most %d characters; no personal data)", erasure.MaxReason))
		fs.Usage = func() {
			fmt.Fprint(fs.Output(), eraseUsage)
			fs.PrintDefaults()
		}
	}, "db", "sqlite-synchronous", "log-level", "log-format", "retention-request-days", "retention-brake-days", "retention-case-days")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("erase: unexpected argument %q; give --soort, --id and --reden", rest[0])
	}
	if retention && (kind != "" || id != "" || reason != "") {
		return errors.New("erase: give --bewaartermijn, or --soort, --id and --reden for one record; not both")
	}
	st, err := openExistingStore(ctx, cfg.DB, cfg.SQLiteSynchronous)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := app.NewErasure(&cfg, st, schakel.SystemClock{}, newLogger(&cfg, stderr))
	if retention {
		return eraseRetention(ctx, svc, stdout, newMeter(stderr, "erase", quiet))
	}
	res, err := svc.EraseAsOperator(ctx, erasure.ParseInput(kind, id, reason))
	if err != nil {
		return eraseError(err)
	}
	fmt.Fprintf(stdout, "De teksten van %s %d zijn gewist op %s UTC.\nReden: %s\n", res.Kind, res.ID, res.ErasedAt.UTC().Format("2006-01-02 15:04"), res.Reason)
	return nil
}

// eraseRetention erases the texts whose retention period ran out now,
// counting the records on m, and prints how many.
func eraseRetention(ctx context.Context, svc *erasure.Service, stdout io.Writer, m *progress.Meter) error {
	res, err := svc.Sweep(ctx, schakel.SystemClock{}.Now(), m.Report)
	m.Done()
	fmt.Fprintf(stdout, "Bewaartermijnen: teksten gewist van %d verzoeken, %d noodremmen en %d casussen; %d overgeslagen, %d mislukt.\n",
		res.Requests, res.Brakes, res.Cases, res.Skipped, res.Failed)
	if err != nil {
		return fmt.Errorf("erase: %w", err)
	}
	return nil
}

// eraseError says in Dutch why nothing was erased: each invalid flag on a
// line of its own, or the refusal.
func eraseError(err error) error {
	code := schakel.ErrorCode(err)
	if code == schakel.EINTERNAL {
		return fmt.Errorf("erase: %w", err)
	}
	lines := []string{"niets gewist: " + schakel.ErrorMessage(err)}
	for _, f := range schakel.ErrorFields(err) {
		lines = append(lines, fmt.Sprintf("  --%s: %s", f.Field, f.Reason()))
	}
	return errors.New(strings.Join(lines, "\n"))
}
