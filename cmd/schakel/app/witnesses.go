package app

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/store"
)

// newCosigning returns what asks the witnesses of --ledger-witnesses to
// cosign the log's checkpoints, or nil when none are configured
// (docs/decisions/0036-witnesses.md).
func newCosigning(cfg *config.Config, st *store.Store, clock schakel.Clock, log *slog.Logger) (*jobs.Cosigning, error) {
	peers, errs := cfg.Witnesses()
	if len(errs) > 0 {
		return nil, fmt.Errorf("--ledger-witnesses: %v", errs[0])
	}
	if len(peers) == 0 {
		return nil, nil
	}
	c := &jobs.Cosigning{Store: st, Clock: clock, Log: log, HTTP: &http.Client{Timeout: jobs.DefaultWitnessTimeout}}
	for _, p := range peers {
		w, err := jobs.NewWitness(p.URL, p.VerifierKey)
		if err != nil {
			return nil, err
		}
		c.Witnesses = append(c.Witnesses, w)
	}
	return c, nil
}

// registerWitnessMetrics shows the witnesses' state on /metrics: a
// witness that fails is visible there and in the log, never in /readyz,
// for it does not stop anything.
func (a *App) registerWitnessMetrics() error {
	if a.ledgerJob == nil || a.ledgerJob.Cosigning == nil {
		return nil
	}
	for _, c := range a.ledgerJob.Cosigning.Collectors() {
		if err := a.server.Register(c); err != nil {
			return fmt.Errorf("witness metrics: %w", err)
		}
	}
	return nil
}
