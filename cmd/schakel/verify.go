package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/verify"
)

// `schakel verify` checks the public record as an outsider would: from
// what the site serves (--url) or, offline, from a database (--db). It
// trusts only the verifier key it is given and the checkpoint it verified
// last time (the state file). The checking is package verify; this file
// reads the flags, builds the source and the state, and prints.

// verifyOptions are the flags of `schakel verify`.
type verifyOptions struct {
	url, db      string
	key, keyFile string
	origin       string
	state        string
	events       int // events to look up; verify.AllEvents for all
	witnesses    []string
	quorum       int
	quiet        bool
}

func runVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var o verifyOptions
	var events string
	cfg, rest, err := loadConfig("verify", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&o.url, "url", "", "base URL of the schakel to check, such as https://schakel.example.nl")
		fs.StringVar(&o.key, "key", "", "the log's verifier key <name>+<hash>+<key>, as `schakel keys` prints it; get it from a source you trust")
		fs.StringVar(&o.keyFile, "key-file", "", "a file holding the verifier key, instead of --key")
		fs.StringVar(&o.origin, "origin", "", "the log's origin (default: the name of the verifier key)")
		fs.StringVar(&o.state, "state", "", "file with the checkpoint verified last time, updated after each successful run (default: schakel-verify.state in the user's config directory)")
		fs.StringVar(&events, "events", "100", "how many events, chosen at random, to look up by their id and check for inclusion; a number or all")
		fs.Func("witness", "a witness's cosignature verifier key <name>+<hash>+<key> (repeatable): the checkpoint must be cosigned by --witness-quorum of them", func(k string) error {
			o.witnesses = append(o.witnesses, k)
			return nil
		})
		fs.BoolVar(&o.quiet, "quiet", false, quietHelp)
		fs.IntVar(&o.quorum, "witness-quorum", 0, "how many of the --witness keys must have cosigned the checkpoint (default 1 when --witness is given)")
	}, "db")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("verify: unexpected arguments %q", rest)
	}
	switch {
	case o.url != "" && cfg.Sources["db"] == "flag":
		return errors.New("verify: give --url or --db, not both")
	case o.url != "":
	case cfg.Sources["db"] == "default":
		return errors.New("verify: give --url BASE (the site) or --db PATH|URL (a database, offline)")
	default:
		o.db = cfg.DB
	}
	if events == "all" {
		o.events = verify.AllEvents
	} else if o.events, err = strconv.Atoi(events); err != nil || o.events < 0 {
		return fmt.Errorf("verify: --events %q: want a number or all", events)
	}
	if err := o.checkWitnesses(); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if o.key, err = verifierKey(o.key, o.keyFile); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if o.origin == "" {
		o.origin, _, _ = strings.Cut(o.key, "+")
	}
	if o.state == "" {
		o.state = verify.DefaultStatePath()
	}

	var src verify.Source
	if o.url != "" {
		if src, err = verify.NewHTTPSource(o.url, &http.Client{Timeout: time.Minute}); err != nil {
			return fmt.Errorf("verify: --url %q is not an http(s) URL such as https://schakel.example.nl", o.url)
		}
	} else {
		st, err := openExistingStore(ctx, o.db, cfg.SQLiteSynchronous)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		defer st.Close()
		src = verify.NewStoreSource("database ("+st.Dialect()+")", st)
	}
	v := &verify.Verifier{
		Source:        src,
		VerifierKey:   o.key,
		Origin:        o.origin,
		State:         &verify.FileState{Path: o.state},
		Events:        o.events,
		Out:           stdout,
		Witnesses:     o.witnesses,
		WitnessQuorum: o.quorum,
	}
	// The progress line goes to stderr, so stdout keeps only the report.
	meter := newMeter(stderr, "verify", o.quiet)
	v.OnProgress = meter.Report
	_, err = v.Verify(ctx)
	meter.Done()
	return err
}

// checkWitnesses checks --witness and --witness-quorum and sets the
// default quorum.
func (o *verifyOptions) checkWitnesses() error {
	for _, k := range o.witnesses {
		if strings.HasPrefix(k, "PRIVATE+KEY+") {
			return errors.New("--witness is a signing key: give the witness's verifier key, never the secret")
		}
		if _, err := fnote.NewVerifierForCosignatureV1(k); err != nil {
			return fmt.Errorf("--witness %q is not a witness verifier key <name>+<hash>+<key>: %v", k, err)
		}
	}
	if err := verify.DistinctWitnesses(o.witnesses); err != nil {
		return fmt.Errorf("--witness: %w", err)
	}
	switch {
	case o.quorum < 0:
		return fmt.Errorf("--witness-quorum %d: want 0 or more", o.quorum)
	case o.quorum > len(o.witnesses):
		return fmt.Errorf("--witness-quorum %d asks more cosignatures than the %d --witness keys given", o.quorum, len(o.witnesses))
	case o.quorum == 0 && len(o.witnesses) > 0:
		o.quorum = 1
	}
	return nil
}

// verifierKey returns the verifier key of --key or --key-file, checked.
func verifierKey(key, file string) (string, error) {
	switch {
	case key != "" && file != "":
		return "", errors.New("give --key or --key-file, not both")
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		// The file may hold just the key or the output of `schakel keys`.
		for _, f := range strings.Fields(string(b)) {
			if strings.HasPrefix(f, "PRIVATE+KEY+") {
				return "", fmt.Errorf("%s holds a signing key: give the verifier key (schakel keys prints it), never the secret", file)
			}
			if _, err := note.NewVerifier(f); err == nil {
				return f, nil
			}
		}
		return "", fmt.Errorf("%s holds no note verifier key <name>+<hash>+<key>", file)
	case key == "":
		return "", errors.New("--key VERIFIERKEY (or --key-file) is required: the log's verifier key, as `schakel keys` prints it")
	case strings.HasPrefix(key, "PRIVATE+KEY+"):
		return "", errors.New("--key is a signing key: give the verifier key (schakel keys prints it), never the secret")
	}
	if _, err := note.NewVerifier(key); err != nil {
		return "", fmt.Errorf("--key %q is not a note verifier key <name>+<hash>+<key>: %v", key, err)
	}
	return key, nil
}

// openExistingStore opens a database for reading the log; it refuses an
// SQLite path that does not exist rather than creating an empty database.
func openExistingStore(ctx context.Context, dsn, synchronous string) (*store.Store, error) {
	if !store.IsPostgres(dsn) {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("database %s: %w", dsn, err)
		}
	}
	st, err := store.Open(ctx, dsn, store.Options{SQLiteSynchronous: synchronous})
	if err != nil {
		return nil, err
	}
	if err := st.CheckSchema(ctx); err != nil {
		st.Close()
		return nil, errors.New(schakel.ErrorMessage(err))
	}
	return st, nil
}
