package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/demo"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/store"
)

// newWorld opens the database at db (empty), builds the demo world in it as
// `schakel serve --demo` does, and returns the real HTTP handler of the
// composition root with its jobs running, and a function that stops them
// and closes the store. The fuzzer serves through it in-process: the same
// routes, middleware and services as over TCP, many times faster.
func newWorld(ctx context.Context, db string) (http.Handler, func(), error) {
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (http.Handler, func(), error) {
		st.Close()
		return nil, nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		return fail(err)
	}
	if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
		return fail(err)
	}
	if built, err := demo.Build(ctx, st); err != nil {
		return fail(err)
	} else if !built {
		return fail(fmt.Errorf("the database is not empty"))
	}
	const origin = "schakel.trial/log"
	skey, _, err := ledger.GenerateKey(origin)
	if err != nil {
		return fail(err)
	}
	signer, err := ledger.NewSigner(skey, origin)
	if err != nil {
		return fail(err)
	}
	cfg := config.Default()
	cfg.Demo = true
	cfg.DB = db
	a, err := app.New(&cfg, st, schakel.SystemClock{}, discardLogger(), nil, app.WithLedgerSigner(signer))
	if err != nil {
		return fail(err)
	}
	now := time.Now()
	if _, err := demo.BuildRequests(ctx, st, a.Requests().Engine, now); err != nil {
		return fail(err)
	}
	if _, _, err := demo.BuildBrakes(ctx, st, a.Brakes(), now); err != nil {
		return fail(err)
	}
	if _, err := demo.BuildCases(ctx, st, a.Cases(), now); err != nil {
		return fail(err)
	}
	if _, err := demo.BuildSignals(ctx, st, a.Signals(), now); err != nil {
		return fail(err)
	}
	if _, err := demo.BuildProposals(ctx, st, a.Assessments(), now); err != nil {
		return fail(err)
	}
	if _, err := demo.BuildYear(ctx, st, demo.YearServices{Requests: a.Requests(), Brakes: a.Brakes(), Signals: a.Signals(), Assessments: a.Assessments()}, now); err != nil {
		return fail(err)
	}
	stopJobs, err := a.StartJobs(context.WithoutCancel(ctx))
	if err != nil {
		return fail(err)
	}
	return a, func() { stopJobs(); st.Close() }, nil
}
