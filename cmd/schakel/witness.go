package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/witness"
)

// `schakel witness` runs a witness (C2SP tlog-witness) for other
// organisations' logs: parliament, the ombudsman or another organisation
// watches an organisation's public record and cosigns only checkpoints
// that extend what it saw before (docs/decisions/0036-witnesses.md). The
// protocol is package witness; this file reads the flags, the key and
// the logs, and serves.

// witnessOptions are the flags of `schakel witness`.
type witnessOptions struct {
	keyFile, name, state string
	logs                 []witness.Log
	logsFile             string
	printKey             bool
}

func runWitness(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, ready func(addr string)) error {
	var o witnessOptions
	cfg, rest, err := loadConfig("witness", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&o.keyFile, "key-file", "schakel-witness.key", "file holding the witness's signing key (mode 0600), created on the first start when --name is given")
		fs.StringVar(&o.name, "name", "", "the witness's name for a new key, a schema-less URL such as ombudsman.example.nl/getuige")
		fs.StringVar(&o.state, "state", "schakel-witness.state", "directory keeping the latest checkpoint cosigned per log")
		fs.Func("log", "a log to watch: its verifier key <name>+<hash>+<key> (as `schakel keys` prints it), optionally followed by a space and its origin when that differs from the key's name (repeatable)", func(s string) error {
			l, err := parseWitnessLog(s)
			o.logs = append(o.logs, l)
			return err
		})
		fs.StringVar(&o.logsFile, "logs", "", "a file of logs to watch, one a line as --log takes them (# starts a comment)")
		fs.BoolVar(&o.printKey, "print-key", false, "print the witness's verifier key and exit")
	}, "addr", "log-level", "log-format", "shutdown-timeout")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("witness: unexpected arguments %q", rest)
	}
	c, created, err := loadWitnessKey(o.keyFile, o.name)
	if err != nil {
		return fmt.Errorf("witness: %w", err)
	}
	if created {
		fmt.Fprintf(stdout, "Created the witness key %s (keep it secret, and out of backups others can read).\n", o.keyFile)
	}
	fmt.Fprintf(stdout, "Witness verifier key: %s\n", c.VerifierKey())
	if o.printKey {
		return nil
	}
	if err := o.readLogsFile(); err != nil {
		return fmt.Errorf("witness: %w", err)
	}
	if len(o.logs) == 0 {
		return errors.New("witness: no log to watch: give --log VERIFIERKEY (repeatable) or --logs FILE")
	}
	w, err := witness.New(c, o.logs, witness.FileState{Dir: o.state})
	if err != nil {
		return err
	}
	log := newLogger(&cfg, stderr)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("witness: listen on %s: %w", cfg.Addr, err)
	}
	hs := &http.Server{Handler: witness.Handler(w, log), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("witness listening", slog.String("addr", ln.Addr().String()), slog.String("witness_verifier_key", c.VerifierKey()), slog.Int("logs", len(o.logs)))
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("witness: shutdown: %w", err)
	}
	return nil
}

// parseWitnessLog parses "<verifier key>[ <origin>]".
func parseWitnessLog(s string) (witness.Log, error) {
	key, origin, _ := strings.Cut(strings.TrimSpace(s), " ")
	origin = strings.TrimSpace(origin)
	if strings.HasPrefix(key, "PRIVATE+KEY+") {
		return witness.Log{}, errors.New("a signing key: give the log's verifier key (schakel keys prints it), never the secret")
	}
	v, err := note.NewVerifier(key)
	if err != nil {
		return witness.Log{}, fmt.Errorf("%q is not a note verifier key <name>+<hash>+<key>: %v", key, err)
	}
	if origin == "" {
		origin = v.Name()
	}
	return witness.Log{Origin: origin, VerifierKey: key}, nil
}

// readLogsFile adds the logs of --logs.
func (o *witnessOptions) readLogsFile() error {
	if o.logsFile == "" {
		return nil
	}
	b, err := os.ReadFile(o.logsFile)
	if err != nil {
		return err
	}
	for i, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		l, err := parseWitnessLog(line)
		if err != nil {
			return fmt.Errorf("%s line %d: %w", o.logsFile, i+1, err)
		}
		o.logs = append(o.logs, l)
	}
	return nil
}

// loadWitnessKey reads the witness's key file, or creates it (mode 0600,
// never overwriting) when it does not exist and a name is given.
func loadWitnessKey(path, name string) (*witness.Cosigner, bool, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if name == "" {
			return nil, false, fmt.Errorf("no witness key %s: give --name (such as ombudsman.example.nl/getuige) to create one", path)
		}
		skey, _, err := witness.GenerateKey(name)
		if err != nil {
			return nil, false, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, false, err
		}
		_, err = f.WriteString(skey + "\n")
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return nil, false, fmt.Errorf("write witness key %s: %w", path, err)
		}
		c, err := witness.NewCosigner(skey, schakel.SystemClock{})
		return c, true, err
	}
	if err != nil {
		return nil, false, err
	}
	c, err := witness.NewCosigner(string(b), schakel.SystemClock{})
	if err != nil {
		return nil, false, fmt.Errorf("witness key file %s: %w", path, err)
	}
	if name != "" && c.Name() != name {
		return nil, false, fmt.Errorf("witness key file %s is named %s, not --name %s", path, c.Name(), name)
	}
	return c, false, nil
}
