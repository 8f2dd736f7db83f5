package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/store"
)

// runServe serves until ctx ends. ready, when not nil, is called with the
// address the server listens on (tests listen on port 0). The jobs are
// stopped and waited for before the store is closed.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, ready func(addr string)) error {
	cfg, _, err := loadConfig("serve", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	if cfg.PrintRequested() {
		cfg.Print(stdout)
		return nil
	}
	log := newLogger(&cfg, stderr)
	for _, n := range cfg.FormerNames() {
		log.Warn("a setting is given under its former name; use the current one", slog.String("setting", n))
	}

	if err := requireDatabase(&cfg); err != nil {
		return err
	}
	defer limitMemory(&cfg, getenv, log)()
	st, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := prepareStore(ctx, &cfg, st, log); err != nil {
		return err
	}
	signer, err := openLedgerSigner(ctx, &cfg, st, log)
	if err != nil {
		return err
	}
	broker, err := newOIDC(ctx, &cfg, log)
	if err != nil {
		return err
	}
	a, err := app.New(&cfg, st, schakel.SystemClock{}, log, broker, app.WithLedgerSigner(signer), app.WithCheckpointFile(cfg.LedgerCheckpointPath()))
	if err != nil {
		return err
	}
	if cfg.Demo {
		if err := buildDemo(ctx, st, a, log); err != nil {
			return err
		}
	}

	stopJobs, err := a.StartJobs(context.WithoutCancel(ctx))
	if err != nil {
		return err
	}
	// Deferred after st.Close, so it runs before it: no job outlives the store.
	defer stopJobs()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	hs := &http.Server{
		Handler:           a,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("db", st.Dialect()), slog.Bool("demo", cfg.Demo), slog.String("version", Version()),
		slog.String("ledger_origin", signer.Origin()), slog.String("ledger_verifier_key", signer.VerifierKey()))
	if ready != nil {
		ready(ln.Addr().String())
	}

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", slog.Duration("timeout", cfg.ShutdownTimeout))
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		// Requests still running past the timeout are cut off, so none is
		// left using the store when it closes.
		hs.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	stopJobs()
	log.Info("stopped")
	return nil
}

// prepareStore migrates when asked (the demo always does: it is for a
// newcomer's first minute), refuses an out-of-date schema, seeds the
// principle catalogue and, in demo mode, the demo's organisations and users.
func prepareStore(ctx context.Context, cfg *config.Config, st *store.Store, log *slog.Logger) error {
	if cfg.Migrate || cfg.Demo {
		v, err := st.Migrate(ctx)
		if err != nil {
			return err
		}
		log.Info("schema migrated", slog.Int64("version", v))
	}
	if err := st.CheckSchema(ctx); err != nil {
		return errors.New(schakel.ErrorMessage(err))
	}
	if err := st.ProbeWrite(ctx); schakel.ErrorCode(err) == schakel.EUNAVAILABLE {
		// A database that cannot take writes (read-only, full, lost) is
		// served for reading and /readyz says why until a probe write
		// works (decision 0038); seeding waits for the next start.
		log.Warn("database takes no writes; serving, not ready", slog.String("reason", st.WriteHealth(ctx)))
		return nil
	} else if err != nil {
		return err
	}
	if n, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		return err
	} else if n > 0 {
		log.Info("principle catalogue seeded", slog.Int("added", n))
	}
	if cfg.Demo {
		built, err := demo.Build(ctx, st)
		if err != nil {
			return err
		}
		log.Info("demo mode", slog.Bool("world_built", built))
	}
	return nil
}

// newOIDC returns the identity broker's client, or nil when none is
// configured. It discovers the provider at once, so that a setting that
// does not match it (an issuer URL with or without its trailing slash, a
// client key the provider does not accept) is named in the log at start;
// serving goes on, since the provider may only be down for now, and
// /readyz keeps naming a mismatch.
func newOIDC(ctx context.Context, cfg *config.Config, log *slog.Logger) (*auth.OIDC, error) {
	if cfg.OIDCIssuer == "" {
		if !cfg.Demo {
			log.Warn("no login configured: only public pages and the public API are usable (set --oidc-issuer and --oidc-client-id)")
		}
		return nil, nil
	}
	o, err := app.NewOIDC(cfg, schakel.SystemClock{})
	if err != nil {
		return nil, err
	}
	switch err := o.Discover(ctx); {
	case auth.IsMismatch(err):
		log.Error("identity broker configured differently from schakel: nobody can log in until this is fixed", slog.Any("err", err))
	case err != nil:
		log.Warn("identity broker not reachable at start; logins retry discovery", slog.Any("err", err))
	default:
		log.Info("identity broker discovered", slog.String("issuer", cfg.OIDCIssuer))
	}
	return o, nil
}

// buildDemo adds the demo's requests, brakes, cases, signals, proposals and a year of activity through the services.
func buildDemo(ctx context.Context, st *store.Store, a *app.App, log *slog.Logger) error {
	built, err := demo.BuildRequests(ctx, st, a.Requests().Engine, time.Now())
	if err != nil {
		return err
	}
	log.Info("demo requests", slog.Bool("built", built))
	codes, built, err := demo.BuildBrakes(ctx, st, a.Brakes(), time.Now())
	if err != nil {
		return err
	}
	log.Info("demo brakes", slog.Bool("built", built))
	// A receipt code is a secret that is never logged (a receipt.Code logs
	// its lookup half only). This one is logged in full on purpose: it
	// opens the citizen's brake of the demo, which exists only with --demo
	// on invented data, so that a visitor can try /noodrem/volgen.
	if code := codes[demo.CitizenBrake]; !code.IsZero() {
		log.Info("demo receipt code", slog.String("code", code.String()), slog.String("path", "/noodrem/volgen"))
	}
	built, err = demo.BuildCases(ctx, st, a.Cases(), time.Now())
	if err != nil {
		return err
	}
	log.Info("demo cases", slog.Bool("built", built))
	built, err = demo.BuildSignals(ctx, st, a.Signals(), time.Now())
	if err != nil {
		return err
	}
	log.Info("demo signals", slog.Bool("built", built))
	built, err = demo.BuildProposals(ctx, st, a.Assessments(), time.Now())
	if err != nil {
		return err
	}
	log.Info("demo proposals", slog.Bool("built", built))
	built, err = demo.BuildYear(ctx, st, demo.YearServices{Requests: a.Requests(), Brakes: a.Brakes(), Signals: a.Signals(), Assessments: a.Assessments()}, time.Now())
	if err != nil {
		return err
	}
	log.Info("demo year of activity", slog.Bool("built", built))
	return nil
}

// limitMemory sets the soft memory limit of cfg (--memory-limit) unless
// GOMEMLIMIT is set, which the runtime has applied already; it returns the
// function that restores the limit before it (tests serve in-process).
// Without a limit the heap may grow to twice what is live before a
// collection, and the 19 MiB each citizen's brake drops (argon2id) add up.
func limitMemory(cfg *config.Config, getenv func(string) string, log *slog.Logger) (restore func()) {
	if getenv("GOMEMLIMIT") != "" || cfg.MemoryLimit == 0 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(int64(cfg.MemoryLimit) << 20)
	log.Debug("memory limit set", slog.Int("mib", cfg.MemoryLimit))
	return func() { debug.SetMemoryLimit(prev) }
}
