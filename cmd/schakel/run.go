package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/progress"
	"github.com/schakel-nl/schakel/store"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the VCS revision from the build info is used.
var version = "dev"

// errUsage means the usage was printed; main exits 2 without more words.
var errUsage = errors.New("usage")

const usage = `schakel — comply or explain, for the Dutch public sector

Usage:
  schakel serve   [flags]   run the web server (--demo for the demo world)
  schakel migrate [--db] [--quiet]   apply database migrations
  schakel backup  --out FILE [--db] [--quiet]   consistent copy of an SQLite database
                            and of the newest checkpoint (FILE.checkpoint)
  schakel keys    [--new]   print (or create) the public record's verifier key
  schakel verify  --url BASE|--db DB --key KEY   check the public record
                            (--witness KEY --witness-quorum K: require cosignatures)
  schakel witness --log KEY [--name NAME]   run a witness that cosigns
                            another organisation's log (C2SP tlog-witness)
  schakel erase   --soort verzoek|noodrem|casus --id N --reden TEXT [--db]
                            erase a record's personal texts on a data subject's request
  schakel erase   --bewaartermijn [--db] [--quiet]
                            erase now the texts whose retention period ran out
  schakel report  --year 2026 [--cutoff DATE] [--out DIR] [--publish] [--db] [--quiet]
                            the yearly Staat van de Uitvoering as HTML and PDF
  schakel user    prepare|off|on|grant|revoke|show [flags]
                            prepare users (the first administrator), switch them off, give roles
  schakel version           print the version

The long commands (migrate, backup, report, erase --bewaartermijn) draw a
progress line on stderr when it is a terminal; --quiet leaves it out.

Run "schakel <command> -h" for the flags of a command. Every flag can also be
set as an environment variable SCHAKEL_<FLAG> (e.g. SCHAKEL_DB); the
environment overrides flags, flags override defaults.
`

// Run runs schakel with the given arguments (without the program name).
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], getenv, stdout, stderr, nil)
	case "migrate":
		return runMigrate(ctx, args[1:], getenv, stdout, stderr)
	case "backup":
		return runBackup(ctx, args[1:], getenv, stdout, stderr)
	case "keys":
		return runKeys(ctx, args[1:], getenv, stdout, stderr)
	case "verify":
		return runVerify(ctx, args[1:], getenv, stdout, stderr)
	case "witness":
		return runWitness(ctx, args[1:], getenv, stdout, stderr, nil)
	case "erase":
		return runErase(ctx, args[1:], getenv, stdout, stderr)
	case "report":
		return runReport(ctx, args[1:], getenv, stdout, stderr)
	case "user":
		return runUser(ctx, args[1:], getenv, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "schakel", Version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "schakel: unknown command %q\n\n%s", args[0], usage)
		return errUsage
	}
}

func exitCode(err error) int {
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// Version returns the build's version: the -X value, or the VCS revision.
func Version() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, modified := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			if modified {
				rev += "+dirty"
			}
			return "dev-" + rev
		}
	}
	return version
}

// loadConfig loads and validates the configuration of a subcommand.
func loadConfig(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet), only ...string) (config.Config, []string, error) {
	cfg, rest, err := config.Load(name, args, getenv, stderr, extra, only...)
	if errors.Is(err, flag.ErrHelp) {
		return cfg, nil, errUsage
	}
	if err != nil {
		return cfg, nil, err
	}
	if err := cfg.Validate(); err != nil {
		return cfg, nil, fmt.Errorf("configuration:\n%w", err)
	}
	return cfg, rest, nil
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func openStore(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	return store.Open(ctx, cfg.DB, store.Options{SQLiteSynchronous: cfg.SQLiteSynchronous})
}

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var quiet bool
	cfg, _, err := loadConfig("migrate", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&quiet, "quiet", false, quietHelp)
	}, "db")
	if err != nil {
		return err
	}
	st, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	before, _, err := st.SchemaVersions(ctx)
	if err != nil {
		return err
	}
	m := newMeter(stderr, "migrate", quiet)
	v, err := st.Migrate(ctx, m.Report)
	m.Done()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema at version %d (was %d)\n", v, before)
	return nil
}

func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var out string
	var quiet bool
	cfg, _, err := loadConfig("backup", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "file to write the copy to (must not exist yet)")
		fs.BoolVar(&quiet, "quiet", false, quietHelp)
	}, "db", "ledger-key-file", "ledger-checkpoint-file")
	if err != nil {
		return err
	}
	if out == "" {
		return errors.New("backup: --out FILE is required")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("backup: %s exists already; choose a new file", out)
	}
	st, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	// The checkpoint is read before the copy is made: every entry it covers
	// is then in the copy, so the copy extends it.
	note, err := newestCheckpoint(ctx, &cfg, st)
	if err != nil {
		return err
	}
	m := newMeter(stderr, "backup", quiet)
	m.Format = progress.Bytes
	err = st.Backup(ctx, out, m.Report)
	m.Done()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", out)
	if note != nil {
		if err := (ledger.CheckpointFile{Path: out + ".checkpoint"}).Save(note); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		fmt.Fprintf(stdout, "newest checkpoint published written to %s.checkpoint\n", out)
	}
	return nil
}

// newestCheckpoint returns the newest checkpoint published: the
// checkpoint file (which serve keeps at least as new as the database's),
// else the database's latest, else nil. A backup carries it as
// FILE.checkpoint: restored on a machine that lost its checkpoint file, it
// keeps serve from signing a log older than the backup.
func newestCheckpoint(ctx context.Context, cfg *config.Config, st *store.Store) ([]byte, error) {
	note, err := ledger.CheckpointFile{Path: cfg.LedgerCheckpointPath()}.Load()
	if err != nil || note != nil {
		return note, err
	}
	_, note, err = st.LatestCheckpoint(ctx)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return nil, nil
	}
	return note, err
}
