// Package server wires schakel's HTTP side: it builds the API and page
// handlers, registers every route (routes.go) and wraps them in the
// middleware every response passes: panic recovery, metrics and access logs,
// security headers, problem+json for API errors, cross-origin protection,
// sessions and the current user.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/notify"
	"github.com/schakel-nl/schakel/receipt"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/throttle"
	"github.com/schakel-nl/schakel/web"
)

// Server is schakel's HTTP handler with its dependencies.
type Server struct {
	cfg        *config.Config
	store      *store.Store
	clock      schakel.Clock
	log        *slog.Logger
	sessions   *scs.SessionManager
	auth       *auth.Auth
	apiHandler *api.Handler
	webHandler *web.Handler
	calendar   *calendar.Calendar
	engine     *comply.Engine
	requests   *requests.Service
	brakes     *brakes.Service
	cases      *cases.Service
	terms      *requests.TermSettings
	registry   *prometheus.Registry
	metrics    *httpMetrics
	ledgerKey  string // the public record's verifier key, or ""

	mux         *http.ServeMux
	handler     http.Handler
	apiPatterns []string
}

// Option configures a Server beyond its required dependencies.
type Option func(*Server)

// WithLedgerKey gives the note verifier key of the public record's signing key,
// which /api/v1/logboek and the page /logboek show to verifiers. Without it
// they show the checkpoints but no key.
func WithLedgerKey(verifierKey string) Option {
	return func(s *Server) { s.ledgerKey = verifierKey }
}

// New builds the server. oidc may be nil when no identity provider is
// configured.
func New(cfg *config.Config, st *store.Store, clock schakel.Clock, log *slog.Logger, oidc *auth.OIDC, opts ...Option) (*Server, error) {
	s := &Server{cfg: cfg, store: st, clock: clock, log: log, mux: http.NewServeMux()}
	for _, o := range opts {
		o(s)
	}
	equated, err := cfg.Equated()
	if err != nil {
		return nil, err
	}
	s.calendar = calendar.New(equated...)
	// The engine reads the organisations' own terms from a snapshot in
	// memory, loaded now, reloaded after every change through this server
	// and every RunTermReloader interval for changes through other
	// instances on the same database.
	table := &comply.TermTable{}
	s.terms = &requests.TermSettings{Store: st, Table: table, Log: log}
	lctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.terms.Reload(lctx); err != nil {
		return nil, fmt.Errorf("server: load terms: %w", err)
	}
	s.engine = &comply.Engine{Calendar: s.calendar, Terms: table.Lookup}
	s.requests = requests.New(st, s.engine, clock)
	if s.brakes, err = newBrakes(cfg, st, s.requests, clock); err != nil {
		return nil, err
	}
	address := func(r *http.Request) string { return throttle.AddressOf(r, cfg.TrustProxy) }
	s.cases = cases.New(st, clock)

	s.sessions = scs.New()
	s.sessions.Store = st.Sessions()
	s.sessions.Codec = auth.Codec{}
	s.sessions.Lifetime = cfg.SessionLifetime
	s.sessions.Cookie.Name = "schakel_sessie"
	s.sessions.Cookie.HttpOnly = true
	s.sessions.Cookie.SameSite = http.SameSiteLaxMode
	s.sessions.Cookie.Secure = strings.HasPrefix(cfg.PublicURL(), "https://")
	s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		log.ErrorContext(r.Context(), "session", slog.Any("err", err))
		http.Error(w, "Sessie niet beschikbaar", http.StatusServiceUnavailable)
	}

	s.auth = &auth.Auth{Sessions: s.sessions, Users: st, Log: log, OIDC: oidc, Demo: cfg.Demo, IdleTimeout: cfg.SessionIdle, Clock: clock, Quiet: anonymousEntry}
	s.apiHandler = &api.Handler{Organisations: st, Users: st, Principles: st, Requests: s.requests, Terms: s.terms, Calendar: s.calendar, Clock: clock, Log: log, Ledger: st, LedgerKey: s.ledgerKey,
		Brakes: s.brakes, Notifications: st, Address: address, Cases: s.cases}
	wh, err := web.New(web.Handler{Organisations: st, Users: st, Principles: st, Requests: s.requests, Calendar: s.calendar, Auth: s.auth, Clock: clock, Log: log, Demo: cfg.Demo,
		Ledger: st, LedgerKey: s.ledgerKey, BaseURL: cfg.BaseURL, Brakes: s.brakes, Notifications: st, Address: address, Cases: s.cases})
	if err != nil {
		return nil, err
	}
	s.webHandler = wh

	s.registry = prometheus.NewRegistry()
	s.metrics = newHTTPMetrics(s.registry, st)
	s.routes()

	cop := http.NewCrossOriginProtection()
	if u, err := url.Parse(cfg.PublicURL()); err == nil {
		// Behind a proxy the browser's Origin is the public URL.
		cop.AddTrustedOrigin(u.Scheme + "://" + u.Host)
	}
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))

	var h http.Handler = s.mux
	h = s.recordRoute(h)
	h = s.auth.LoadUser(h)
	h = s.sessions.LoadAndSave(h)
	h = cop.Handler(h)
	h = limitBody(h)
	h = apiProblems(h)
	h = securityHeaders(h)
	// Panics are recovered inside observe, so they are counted and logged as 500s.
	h = s.recoverPanics(h)
	h = s.observe(h)
	s.handler = h
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Auth returns the login machinery, for tests that log a user in.
func (s *Server) Auth() *auth.Auth { return s.auth }

// Sweeper returns the escalation sweep over this server's store, engine and clock.
func (s *Server) Sweeper() *jobs.Sweeper {
	return &jobs.Sweeper{Store: s.store, Engine: s.engine, Clock: s.clock, Log: s.log}
}

// anonymousEntry reports the requests that may pull or follow a brake
// anonymously: they must not touch the session, whose last-seen time would
// otherwise tie it to the moment of the pull.
func anonymousEntry(r *http.Request) bool {
	if r.Method != http.MethodPost {
		return false
	}
	switch p := r.URL.Path; {
	case p == "/api/v1/noodremmen", p == "/noodrem/professional", p == "/noodrem/burger",
		strings.HasPrefix(p, "/noodrem/volgen"), strings.HasPrefix(p, "/api/v1/ontvangstcodes/"):
		return true
	}
	return false
}

// Notifier returns the job that queues and delivers notifications to the
// addressees of requests: e-mail through the configured SMTP server (none
// configured: e-mail notifications are given up at once, visibly to
// operators) and signed webhooks.
func (s *Server) Notifier() (*jobs.Notifier, error) {
	n := &jobs.Notifier{Store: s.store, Webhooks: &notify.WebhookClient{}, Clock: s.clock, BaseURL: s.cfg.PublicURL(), Log: s.log}
	if s.cfg.SMTPHost != "" {
		m, err := notify.NewSMTPMailer(notify.SMTPConfig{Host: s.cfg.SMTPHost, Port: s.cfg.SMTPPort, Username: s.cfg.SMTPUsername,
			Password: s.cfg.SMTPPassword, From: s.cfg.SMTPFrom, TLS: s.cfg.SMTPTLS})
		if err != nil {
			return nil, fmt.Errorf("server: e-mail: %w", err)
		}
		n.Mailer = m
	}
	return n, nil
}

// Cases returns the maatwerkplaats, for the demo and tests.
func (s *Server) Cases() *cases.Service { return s.cases }

// Brakes returns the emergency brake service, for the demo and tests.
func (s *Server) Brakes() *brakes.Service { return s.brakes }

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
	return bs, nil
}

// Requests returns the request service, for the demo and tests.
func (s *Server) Requests() *requests.Service { return s.requests }

// ReloadTerms reloads the organisations' own terms from the store into the
// snapshot the engine reads.
func (s *Server) ReloadTerms(ctx context.Context) error { return s.terms.Reload(ctx) }

// RunTermReloader reloads the organisations' own terms every interval until
// ctx ends, so that a change made through another instance on the same
// database applies here within one interval. A change made through this
// instance applies at once.
func (s *Server) RunTermReloader(ctx context.Context, interval time.Duration) {
	s.terms.RunReloader(ctx, interval)
}

// CleanSessions removes expired sessions every interval until ctx ends.
func (s *Server) CleanSessions(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.store.Sessions().DeleteExpired(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("clean sessions", slog.Any("err", err))
			}
		}
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	err := s.store.Ping(ctx)
	if err == nil {
		err = s.store.CheckSchema(ctx)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("not ready: " + schakel.ErrorMessage(err) + "\n"))
		return
	}
	w.Write([]byte("ready\n"))
}
