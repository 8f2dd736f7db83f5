// Package app is schakel's one composition root: from the configuration
// and an open store it builds the calendar, the comply-or-explain engine,
// the services, the background jobs and the HTTP handler, and it runs the
// jobs under one group that it waits for, so that the store is closed only
// after the last job has stopped. `schakel serve` uses it; so do the tests
// that need the whole program in-process (server, e2e).
package app

import (
	"context"
	"fmt"
	"github.com/schakel-nl/schakel/assessments"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/idempotency"
	"github.com/schakel-nl/schakel/inbox"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/ledger"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/notify"
	"github.com/schakel-nl/schakel/progress"
	"github.com/schakel-nl/schakel/proofs"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/reports"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/running"
	"github.com/schakel-nl/schakel/server"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/throttle"
)

// App is schakel built: its services, its handler and its jobs.
type App struct {
	cfg         *config.Config
	store       *store.Store
	clock       schakel.Clock
	log         *slog.Logger
	engine      *comply.Engine
	terms       *requests.TermSettings
	requests    *requests.Service
	brakes      *brakes.Service
	cases       *cases.Service
	signals     *signals.Service
	assessments *assessments.Service
	figures     *figures.Service
	erasure     *erasure.Service
	reports     *reports.Service
	inbox       *inbox.Service
	// idempotency keeps the first answers of API creates (decision 0038).
	idempotency *idempotency.Service
	server      *server.Server
	signer      *ledger.Signer
	key         string // the ledger's verifier key, shown to verifiers
	running     atomic.Int32

	// published keeps the newest checkpoint published, outside the database.
	published *ledger.CheckpointFile
	ledgerJob *jobs.LedgerJob // with a signer
	// board holds the long jobs running in this process, for the
	// operators' page /beheer/taken.
	board *progress.Board
}

// Option configures an App beyond its required dependencies.
type Option func(*App)

// WithLedgerSigner runs the ledger job with signer, which appends events
// to the ledger and signs its checkpoints, and shows its verifier key on
// /logboek. Without it there is no ledger job and no key is shown.
func WithLedgerSigner(signer *ledger.Signer) Option {
	return func(a *App) { a.signer, a.key = signer, signer.VerifierKey() }
}

// WithCheckpointFile keeps the newest checkpoint the ledger job published
// in the file at path, outside the database, and has the job refuse to sign
// a log that does not extend it (/readyz then says why and how to recover).
// Only with WithLedgerSigner.
func WithCheckpointFile(path string) Option {
	return func(a *App) { a.published = &ledger.CheckpointFile{Path: path} }
}

// WithLedgerKey shows the ledger's note verifier key on /logboek and
// /api/v1/logboek without running the ledger job: for tests that append to
// the ledger themselves.
func WithLedgerKey(verifierKey string) Option {
	return func(a *App) { a.key = verifierKey }
}

// New builds schakel over st. oidc may be nil when no identity provider is
// configured.
func New(cfg *config.Config, st *store.Store, clock schakel.Clock, log *slog.Logger, oidc *auth.OIDC, opts ...Option) (*App, error) {
	a := &App{cfg: cfg, store: st, clock: clock, log: log, board: progress.NewBoard(clock)}
	for _, o := range opts {
		o(a)
	}
	equated, err := cfg.Equated()
	if err != nil {
		return nil, err
	}
	cal := calendar.New(equated...)
	// The engine reads the organisations' own terms from a snapshot in
	// memory, loaded now, reloaded after every change through this instance
	// and every RunTermReloader interval for changes through other
	// instances on the same database.
	table := &comply.TermTable{}
	a.terms = &requests.TermSettings{Store: st, Table: table, Log: log}
	lctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.terms.Reload(lctx); err != nil {
		return nil, fmt.Errorf("app: load terms: %w", err)
	}
	a.engine = &comply.Engine{Calendar: cal, Terms: table.Lookup}
	a.requests = requests.New(st, a.engine, clock)
	if a.brakes, err = newBrakes(cfg, st, a.requests, clock); err != nil {
		return nil, err
	}
	a.cases = cases.New(st, clock)
	a.signals = signals.New(st, a.requests, clock)
	a.signals.PublicBase = cfg.PublicURL()
	a.assessments = assessments.New(st, a.requests, clock)
	a.figures = figures.New(st).WithClock(clock)
	a.erasure = NewErasure(cfg, st, clock, log)
	a.reports = NewReports(cfg, st, clock)
	a.inbox = inbox.New(a.requests, a.cases, a.signals, st, clock)
	mailer, err := a.mailer()
	if err != nil {
		return nil, err
	}
	notices := notifications.New(st, clock).WithSenders(&notify.WebhookClient{AllowPrivate: cfg.WebhookAllowPrivate, AllowRanges: cfg.WebhookRanges()}, mailer)
	accts, err := NewAccounts(lctx, cfg, st, log)
	if err != nil {
		return nil, err
	}
	var refusal func() string
	if a.signer != nil {
		a.ledgerJob = &jobs.LedgerJob{Store: st, Signer: a.signer, Clock: clock, Log: log, Published: a.published, Board: a.board}
		refusal = a.ledgerJob.Refusal
		if a.ledgerJob.Cosigning, err = newCosigning(cfg, st, clock, log); err != nil {
			return nil, err
		}
	}
	a.idempotency = idempotency.New(st, clock)
	a.server, err = server.New(server.Deps{Config: cfg, Store: st, Clock: clock, Log: log, OIDC: oidc, Accounts: accts, Calendar: cal,
		Requests: a.requests, Terms: a.terms, Brakes: a.brakes, Cases: a.cases, Signals: a.signals, Assessments: a.assessments, Figures: a.figures, LedgerKey: a.key,
		Directory: directory.New(st), Notices: notices, Proofs: proofs.New(st), Erasure: a.erasure,
		Reports: a.reports, Inbox: a.inbox, LedgerRefusal: refusal, Idempotency: a.idempotency, Running: running.New(a.board)})
	if err != nil {
		return nil, err
	}
	if err := a.registerWitnessMetrics(); err != nil {
		return nil, err
	}
	return a, nil
}

// newBrakes builds the brake service with the rate limits of the public
// entrance: receipt lookups 5 per address per minute (a burst of 5) and 20
// per second in all; citizens' brakes 10 per address per hour (a burst of
// 5) and 20 per second in all, which also bounds the argon2id work.
func newBrakes(cfg *config.Config, st *store.Store, rs *requests.Service, clock schakel.Clock) (*brakes.Service, error) {
	lookups, err := throttle.New(throttle.Config{PerAddress: rate.Every(12 * time.Second), PerAddressBurst: 5, Global: 20, GlobalBurst: 40})
	if err != nil {
		return nil, err
	}
	submissions, err := throttle.New(throttle.Config{PerAddress: rate.Every(6 * time.Minute), PerAddressBurst: 5, Global: 20, GlobalBurst: 40})
	if err != nil {
		return nil, err
	}
	bs := brakes.New(st, rs, clock, receipt.NewHasher(receipt.DefaultParams, 0))
	bs.Budget, bs.Lookups, bs.Submissions = cfg.ReferralBudget, lookups, submissions
	if cfg.SMTPHost != "" { // citizens may then give an address for a receipt copy (issue 15)
		if bs.Mail, err = notify.NewSMTPMailer(notify.SMTPConfig{Host: cfg.SMTPHost, Port: cfg.SMTPPort, Username: cfg.SMTPUsername,
			Password: cfg.SMTPPassword, From: cfg.SMTPFrom, TLS: cfg.SMTPTLS}); err != nil {
			return nil, fmt.Errorf("app: e-mail: %w", err)
		}
	}
	return bs, nil
}

// NewErasure builds the erasure service with the retention periods of cfg;
// `schakel erase` uses it too.
func NewErasure(cfg *config.Config, st *store.Store, clock schakel.Clock, log *slog.Logger) *erasure.Service {
	return erasure.New(st, clock, log).WithPeriods(erasure.Periods{Requests: cfg.RetentionRequestDays, Brakes: cfg.RetentionBrakeDays, Cases: cfg.RetentionCaseDays})
}

// NewReports builds the service of the yearly report, its links to the
// site at cfg's public address; `schakel report` uses it too, so the
// command and the site render the same bytes.
func NewReports(cfg *config.Config, st *store.Store, clock schakel.Clock) *reports.Service {
	return reports.New(figures.New(st), cases.New(st, clock), st, cfg.PublicURL()).WithClock(clock)
}

// Board returns the board of the long jobs running in this process: the
// jobs report to it, and so may long work started inside serve; the
// operators' page shows it.
func (a *App) Board() *progress.Board { return a.board }

// Reports returns the service of the yearly report.
func (a *App) Reports() *reports.Service { return a.reports }

// ServeHTTP implements http.Handler.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.server.ServeHTTP(w, r) }

// Handler returns the HTTP handler.
func (a *App) Handler() *server.Server { return a.server }

// Auth returns the login machinery, for tests that log a user in.
func (a *App) Auth() *auth.Auth { return a.server.Auth() }

// APIPatterns returns the patterns of every API route.
func (a *App) APIPatterns() []string { return a.server.APIPatterns() }

// PagePatterns returns the patterns of every page route.
func (a *App) PagePatterns() []string { return a.server.PagePatterns() }

// Requests returns the request service, for the demo and tests.
func (a *App) Requests() *requests.Service { return a.requests }

// Brakes returns the emergency brake service, for the demo and tests.
func (a *App) Brakes() *brakes.Service { return a.brakes }

// Cases returns the maatwerkplaats, for the demo and tests.
func (a *App) Cases() *cases.Service { return a.cases }

// Signals returns the signal service, for the demo and tests.
func (a *App) Signals() *signals.Service { return a.signals }

// Assessments returns the uitvoeringstoets service, for the demo and tests.
func (a *App) Assessments() *assessments.Service { return a.assessments }

// Figures returns the parliament view's service, for `schakel report` and
// tests.
func (a *App) Figures() *figures.Service { return a.figures }

// Erasure returns the erasure service, for the operator's page and tests.
func (a *App) Erasure() *erasure.Service { return a.erasure }

// Retention returns the retention job over this app's erasure service and
// clock.
func (a *App) Retention() *jobs.Retention {
	return &jobs.Retention{Eraser: a.erasure, Clock: a.clock, Log: a.log, Board: a.board}
}

// ReloadTerms reloads the organisations' own terms from the store into the
// snapshot the engine reads.
func (a *App) ReloadTerms(ctx context.Context) error { return a.terms.Reload(ctx) }

// RunTermReloader reloads the organisations' own terms every interval until
// ctx ends, so that a change made through another instance on the same
// database applies here within one interval. A change made through this
// instance applies at once.
func (a *App) RunTermReloader(ctx context.Context, interval time.Duration) {
	a.terms.RunReloader(ctx, interval)
}

// Sweeper returns the escalation sweep over this app's store, engine and
// clock.
func (a *App) Sweeper() *jobs.Sweeper {
	return &jobs.Sweeper{Store: a.store, Engine: a.engine, Clock: a.clock, Log: a.log}
}

// Notifier returns the job that queues and delivers notifications to the
// addressees of requests: e-mail through the configured SMTP server (none
// configured: e-mail notifications are given up at once, visibly to
// operators) and signed webhooks.
func (a *App) Notifier() (*jobs.Notifier, error) {
	cfg := a.cfg
	n := &jobs.Notifier{Store: a.store, Webhooks: &notify.WebhookClient{AllowPrivate: cfg.WebhookAllowPrivate, AllowRanges: cfg.WebhookRanges()}, Clock: a.clock, BaseURL: cfg.PublicURL(), Log: a.log}
	m, err := a.mailer()
	if err != nil {
		return nil, err
	}
	n.Mailer = m
	return n, nil
}

// mailer returns the configured SMTP mailer, or a nil interface when no
// SMTP server is configured.
func (a *App) mailer() (notify.Mailer, error) {
	cfg := a.cfg
	if cfg.SMTPHost == "" {
		return nil, nil
	}
	m, err := notify.NewSMTPMailer(notify.SMTPConfig{Host: cfg.SMTPHost, Port: cfg.SMTPPort, Username: cfg.SMTPUsername,
		Password: cfg.SMTPPassword, From: cfg.SMTPFrom, TLS: cfg.SMTPTLS})
	if err != nil {
		return nil, fmt.Errorf("app: e-mail: %w", err)
	}
	return m, nil
}

// Inbox returns the Postvak service, for tests.
func (a *App) Inbox() *inbox.Service { return a.inbox }

// Digest returns the job that mails the daily digest of open work to the
// users who asked for it; without an SMTP server it sends nothing.
func (a *App) Digest() (*jobs.Digest, error) {
	m, err := a.mailer()
	if err != nil {
		return nil, err
	}
	return &jobs.Digest{Store: a.store, Work: a.inbox, Mailer: m, Clock: a.clock, BaseURL: a.cfg.PublicURL(), Log: a.log}, nil
}

// JobsRunning returns how many background jobs are running now.
func (a *App) JobsRunning() int { return int(a.running.Load()) }

// cleanSessions removes expired sessions every interval until ctx ends.
func (a *App) cleanSessions(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := a.store.Sessions().DeleteExpired(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("clean sessions", slog.Any("err", err))
			}
			// Idempotency keys live a day on the injected clock.
			if _, err := a.idempotency.Expire(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("clean idempotency keys", slog.Any("err", err))
			}
		}
	}
}

// StartJobs starts the background jobs — session cleaning, the escalation
// sweep, the term reloader, the ledger job (with a signer), the notifier
// and the retention job (when any retention period is set) — and returns a function that stops them and waits until every
// one has returned. Call it before the store is closed.
func (a *App) StartJobs(ctx context.Context) (stop func(), err error) {
	notifier, err := a.Notifier()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	run := func(job func(context.Context)) {
		a.running.Add(1)
		wg.Go(func() {
			defer a.running.Add(-1)
			job(ctx)
		})
	}
	run(func(ctx context.Context) { a.cleanSessions(ctx, 10*time.Minute) })
	run(func(ctx context.Context) { a.Sweeper().Run(ctx, a.cfg.SweepInterval) })
	run(func(ctx context.Context) { a.RunTermReloader(ctx, 30*time.Second) })
	if a.ledgerJob != nil {
		run(func(ctx context.Context) { a.ledgerJob.Run(ctx, jobs.DefaultLedgerInterval) })
	}
	run(func(ctx context.Context) { notifier.Run(ctx, a.cfg.NotifyInterval) })
	bc := &jobs.BrakeContacts{Brakes: a.brakes, BaseURL: a.cfg.PublicURL(), Log: a.log}
	run(func(ctx context.Context) { bc.Run(ctx, jobs.DefaultBrakeContactInterval) })
	if digest, err := a.Digest(); err == nil && digest.Mailer != nil {
		run(func(ctx context.Context) { digest.Run(ctx, jobs.DefaultDigestInterval) })
	}
	if p := a.erasure.Periods(); p != (erasure.Periods{}) {
		run(func(ctx context.Context) { a.Retention().Run(ctx, a.cfg.RetentionInterval) })
	}
	return func() {
		cancel()
		wg.Wait()
	}, nil
}
