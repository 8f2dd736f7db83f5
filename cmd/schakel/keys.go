package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/ledger"
)

// The signing key of the public record lives in a file of its own (mode
// 0600), never in the database whose rows it signs: whoever can write the
// database cannot also sign a rewritten history. The file holds one line,
// the note signer key "PRIVATE+KEY+<name>+<hash>+<key>"; the key's name is
// the log's origin when the key was made.

// ledgerKey is the signing key of the log as loaded from its file.
type ledgerKey struct {
	path    string
	skey    string
	name    string // the key's name
	origin  string // the origin the checkpoints carry
	created bool   // made by this call
}

// keyName returns the name of a note signer key "PRIVATE+KEY+<name>+…".
func keyName(skey string) (string, error) {
	f := strings.SplitN(skey, "+", 5)
	if len(f) != 5 || f[0] != "PRIVATE" || f[1] != "KEY" || f[2] == "" {
		return "", errors.New("not a signing key (want one line PRIVATE+KEY+<name>+<hash>+<key>)")
	}
	return f[2], nil
}

// readLedgerKey reads the key file; fs.ErrNotExist when there is none.
func readLedgerKey(cfg *config.Config) (*ledgerKey, error) {
	path := cfg.LedgerKeyPath()
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	skey := strings.TrimSpace(string(b))
	name, err := keyName(skey)
	if err != nil {
		return nil, fmt.Errorf("log key file %s: %v", path, err)
	}
	k := &ledgerKey{path: path, skey: skey, name: name, origin: name}
	if cfg.LedgerOrigin != "" {
		k.origin = cfg.LedgerOrigin
	}
	return k, nil
}

// createLedgerKey makes a new key named by the origin (--ledger-origin or the
// default from the base URL) and writes it to a new file with mode 0600.
// It never overwrites: an existing file is fs.ErrExist.
func createLedgerKey(cfg *config.Config) (*ledgerKey, error) {
	path := cfg.LedgerKeyPath()
	origin := cfg.LedgerOrigin
	if origin == "" {
		origin = cfg.DefaultLedgerOrigin()
	}
	if err := config.CheckLedgerOrigin(origin); err != nil {
		return nil, fmt.Errorf("log origin %v: set --ledger-origin (SCHAKEL_LEDGER_ORIGIN)", err)
	}
	skey, _, err := ledger.GenerateKey(origin)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
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
		return nil, fmt.Errorf("write log key %s: %w", path, err)
	}
	return &ledgerKey{path: path, skey: skey, name: origin, origin: origin, created: true}, nil
}

// signer returns the checkpoint signer of k.
func (k *ledgerKey) signer() (*ledger.Signer, error) {
	s, err := ledger.NewSigner(k.skey, k.origin)
	if err != nil {
		return nil, fmt.Errorf("log key file %s: %w", k.path, err)
	}
	return s, nil
}

// checkpointStore is what serve asks the store before it signs.
type checkpointStore interface {
	LatestCheckpoint(ctx context.Context) (size int64, note []byte, err error)
}

// openLedgerSigner loads the signing key for serve, creating it on the first
// start. It refuses to start when the database already holds checkpoints
// that this key did not sign for this origin: a lost key file replaced by a
// new one, a second instance with a key of its own, or a changed origin
// would each make every verifier's trust in the log fail.
func openLedgerSigner(ctx context.Context, cfg *config.Config, st checkpointStore, log *slog.Logger) (*ledger.Signer, error) {
	_, latest, err := st.LatestCheckpoint(ctx)
	switch {
	case schakel.ErrorCode(err) == schakel.ENOTFOUND:
		latest = nil
	case err != nil:
		return nil, err
	}
	k, err := readLedgerKey(cfg)
	if errors.Is(err, fs.ErrNotExist) {
		if latest != nil {
			return nil, fmt.Errorf("the public record has signed checkpoints, but its signing key %s does not exist: restore the key file (or point --ledger-key-file at it); a new key would break every verifier's trust in the log", cfg.LedgerKeyPath())
		}
		k, err = createLedgerKey(cfg)
		if errors.Is(err, fs.ErrExist) {
			// Another instance made it at the same moment.
			k, err = readLedgerKey(cfg)
		}
	}
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(k.path); err == nil && info.Mode().Perm()&0o077 != 0 {
		log.Warn("the log signing key file is readable by others; chmod 600 it", slog.String("file", k.path))
	}
	s, err := k.signer()
	if err != nil {
		return nil, err
	}
	if k.created {
		log.Info("log signing key created", slog.String("file", k.path), slog.String("verifier_key", s.VerifierKey()))
	}
	if k.origin != k.name {
		log.Warn("the log origin differs from its key's name: verifiers need --origin", slog.String("origin", k.origin), slog.String("key_name", k.name))
	}
	if latest != nil {
		if _, err := ledger.OpenCheckpoint(latest, s.VerifierKey(), s.Origin()); err != nil {
			return nil, fmt.Errorf("the latest checkpoint of the public record does not verify with the signing key %s and origin %q: %v; every instance must use the same key file and origin", k.path, s.Origin(), err)
		}
	}
	return s, nil
}

// runKeys is `schakel keys`: it prints the verifier key and origin of the
// log's signing key, or with --new makes the key (never overwriting one).
func runKeys(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var create bool
	cfg, _, err := loadConfig("keys", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&create, "new", false, "create the signing key; refuses when the key file exists")
	}, "db", "ledger-key-file", "ledger-origin", "base-url", "addr")
	if err != nil {
		return err
	}
	var k *ledgerKey
	if create {
		k, err = createLedgerKey(&cfg)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("keys: %s exists already; schakel keys --new never overwrites a signing key (a new key breaks every verifier's trust in the log)", cfg.LedgerKeyPath())
		}
	} else {
		k, err = readLedgerKey(&cfg)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("keys: no signing key at %s: schakel serve creates it on first start, or run schakel keys --new (see --ledger-key-file)", cfg.LedgerKeyPath())
		}
	}
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	s, err := k.signer()
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	if k.created {
		fmt.Fprintf(stdout, "Created the signing key of the public record in %s (mode 0600). Keep it secret and back it up; never put it in the database.\n\n", k.path)
	}
	fmt.Fprintf(stdout, "Verifier key: %s\n", s.VerifierKey())
	fmt.Fprintf(stdout, "Origin:       %s\n", s.Origin())
	fmt.Fprintf(stdout, "Key file:     %s\n", k.path)
	originFlag := ""
	if k.origin != k.name {
		originFlag = " --origin " + k.origin
	}
	fmt.Fprintf(stdout, "\nPublish the verifier key where verifiers can find it independently of this site. Check the log with:\n  schakel verify --url %s --key %s%s\n", cfg.PublicURL(), s.VerifierKey(), originFlag)
	return nil
}
