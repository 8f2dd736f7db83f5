package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/demo"
	schakeljobs "github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/server"
)

// runServe serves until ctx ends. ready, when not nil, is called with the
// address the server listens on (tests listen on port 0).
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

	st, err := openStore(ctx, &cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	// The demo is for a newcomer's first minute: it migrates by itself.
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

	var oidc *auth.OIDC
	if cfg.OIDCIssuer != "" {
		oidc = auth.NewOIDC(cfg.OIDCIssuer, cfg.OIDCClientID, cfg.OIDCClientSecret, cfg.PublicURL()+"/auth/oidc/callback", nil)
	} else if !cfg.Demo {
		log.Warn("no login configured: only public pages and the public API are usable (set --oidc-issuer and --oidc-client-id)")
	}
	signer, err := openLedgerSigner(ctx, &cfg, st, log)
	if err != nil {
		return err
	}
	srv, err := server.New(&cfg, st, schakel.SystemClock{}, log, oidc, server.WithLedgerKey(signer.VerifierKey()))
	if err != nil {
		return err
	}
	if cfg.Demo {
		built, err := demo.BuildRequests(ctx, st, srv.Requests().Engine, time.Now())
		if err != nil {
			return err
		}
		log.Info("demo requests", slog.Bool("built", built))
		codes, built, err := demo.BuildBrakes(ctx, st, srv.Brakes(), time.Now())
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
		built, err = demo.BuildCases(ctx, st, srv.Cases(), time.Now())
		if err != nil {
			return err
		}
		log.Info("demo cases", slog.Bool("built", built))
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	jobs, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer stopJobs()
	go srv.CleanSessions(jobs, 10*time.Minute)
	go srv.Sweeper().Run(jobs, cfg.SweepInterval)
	go srv.RunTermReloader(jobs, 30*time.Second)
	logJob := &schakeljobs.LedgerJob{Store: st, Signer: signer, Clock: schakel.SystemClock{}, Log: log}
	go logJob.Run(jobs, 2*time.Second)
	notifier, err := srv.Notifier()
	if err != nil {
		return err
	}
	go notifier.Run(jobs, cfg.NotifyInterval)

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("db", st.Dialect()), slog.Bool("demo", cfg.Demo), slog.String("version", Version()),
		slog.String("log_origin", signer.Origin()), slog.String("log_verifier_key", signer.VerifierKey()))
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
	stopJobs()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}
