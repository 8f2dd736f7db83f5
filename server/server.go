// Package server wires schakel's HTTP side: it builds the API and page
// handlers, registers every route (routes.go) and wraps them in the
// middleware every response passes: panic recovery, metrics and access logs,
// security headers, problem+json for API errors, cross-origin protection,
// sessions and the current user.
package server

import (
	"context"
	"fmt"
	"github.com/schakel-nl/schakel/assessments"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/erasure"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/idempotency"
	"github.com/schakel-nl/schakel/inbox"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/proofs"
	"github.com/schakel-nl/schakel/reports"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/running"
	"github.com/schakel-nl/schakel/signals"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/throttle"
	"github.com/schakel-nl/schakel/web"
)

// Server is schakel's HTTP handler with its dependencies.
type Server struct {
	cfg        *config.Config
	store      *store.Store
	log        *slog.Logger
	sessions   *scs.SessionManager
	auth       *auth.Auth
	apiHandler *api.Handler
	webHandler *web.Handler
	registry   *prometheus.Registry
	metrics    *httpMetrics

	mux          *http.ServeMux
	handler      http.Handler
	apiPatterns  []string
	pagePatterns []string // every page route, for web.Handler.FormPageRoutes
	// ledgerRefusal says why the ledger job refuses to sign, or "".
	ledgerRefusal func() string
}

// Deps are what the HTTP side needs: the configuration, the services built
// by the composition root (cmd/schakel/app), and the store for what only
// HTTP plumbing reads — sessions, readiness, database metrics and the
// ledger's tiles.
type Deps struct {
	Config *config.Config
	Store  *store.Store
	Clock  schakel.Clock
	Log    *slog.Logger
	OIDC   *auth.OIDC // nil when no identity provider is configured
	// Accounts decides who a broker login is (the provisioning policy);
	// nil refuses every broker login.
	Accounts    schakel.AccountService
	Calendar    *calendar.Calendar
	Requests    *requests.Service
	Terms       *requests.TermSettings
	Brakes      *brakes.Service
	Cases       *cases.Service
	Signals     *signals.Service
	Assessments *assessments.Service
	Figures     *figures.Service
	// Directory reads and extends organisations, users and the catalogue.
	Directory *directory.Service
	// Notices manages the organisations' webhooks and notification queue.
	Notices *notifications.Service
	// Proofs reads the ledger for its readers: checkpoints and proofs.
	Proofs *proofs.Service
	// Erasure erases the texts of ended records for the operators' page.
	Erasure *erasure.Service
	// Reports are the yearly Staat van de Uitvoering and its record.
	Reports *reports.Service
	// Running shows the long jobs of this process on the operators' page;
	// nil hides it.
	Running *running.Service
	// Inbox is the Postvak: everyone's open work, its counts and the digest setting.
	Inbox *inbox.Service
	// LedgerKey is the note verifier key of the ledger's signing key, which
	// /api/v1/logboek and the page /logboek show to verifiers; "" shows
	// the checkpoints but no key.
	LedgerKey string
	// LedgerRefusal, when set, says why the ledger job refuses to sign
	// checkpoints (a database rolled back behind the checkpoint published)
	// and how to recover; /readyz is not ready while it says something.
	LedgerRefusal func() string
	// Idempotency keeps the first answers of API creates made with an
	// Idempotency-Key; nil runs every create as it comes.
	Idempotency *idempotency.Service
}

// New builds the HTTP handler over the services in d.
func New(d Deps) (*Server, error) {
	cfg, st, log, clock := d.Config, d.Store, d.Log, d.Clock
	s := &Server{cfg: cfg, store: st, log: log, mux: http.NewServeMux()}
	s.ledgerRefusal = d.LedgerRefusal
	address := func(r *http.Request) string { return throttle.AddressOf(r, cfg.TrustProxy) }

	s.sessions = scs.New()
	s.sessions.Store = st.Sessions()
	s.sessions.Codec = auth.Codec{}
	s.sessions.Lifetime = cfg.SessionLifetime
	s.sessions.Cookie.Name = "schakel_sessie"
	s.sessions.Cookie.HttpOnly = true
	s.sessions.Cookie.SameSite = http.SameSiteLaxMode
	s.sessions.Cookie.Secure = strings.HasPrefix(cfg.PublicURL(), "https://")
	s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		// A session that cannot be read or written means the database is
		// out of reach: 503 with Retry-After, as problem+json for the API
		// and the error page otherwise (s.auth.Fail), like any other
		// storage fault.
		log.ErrorContext(r.Context(), "session", slog.Any("err", err))
		if schakel.ErrorCode(err) != schakel.EUNAVAILABLE {
			err = fmt.Errorf("%w: %w", &schakel.Error{Code: schakel.EUNAVAILABLE, RetryAfter: sessionRetryAfter, Message: auth.MsgSessionUnreadable}, err)
		}
		s.auth.Fail(w, r, err)
	}

	s.auth = &auth.Auth{Sessions: s.sessions, Users: st, Log: log, OIDC: d.OIDC, Demo: cfg.Demo, IdleTimeout: cfg.SessionIdle, Clock: clock, Quiet: anonymousEntry, Drafts: st}
	if err := s.wireBroker(d); err != nil {
		return nil, err
	}
	s.apiHandler = &api.Handler{Requests: d.Requests, Terms: d.Terms, Calendar: d.Calendar, Clock: clock, Log: log, Proofs: d.Proofs, LedgerKey: d.LedgerKey,
		Brakes: d.Brakes, Address: address, Cases: d.Cases, Signals: d.Signals, Assessments: d.Assessments, Figures: d.Figures, Directory: d.Directory, Notices: d.Notices, Idempotency: d.Idempotency}
	wh, err := web.New(web.Handler{Requests: d.Requests, Calendar: d.Calendar, Auth: s.auth, Clock: clock, Log: log, Demo: cfg.Demo,
		Proofs: d.Proofs, LedgerKey: d.LedgerKey, BaseURL: cfg.BaseURL, Brakes: d.Brakes, Address: address, Cases: d.Cases, Signals: d.Signals, Assessments: d.Assessments, Figures: d.Figures, Directory: d.Directory, Notices: d.Notices, Erasure: d.Erasure, Running: d.Running,
		Reports: d.Reports, Terms: d.Terms, Site: siteOf(cfg)})
	if err != nil {
		return nil, err
	}
	wh.Work = d.Inbox
	s.auth.Problem = wh.LoginProblem
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
	// The provider posts logout tokens from its server; the signed token
	// is what authenticates that request, not an origin.
	cop.AddInsecureBypassPattern("POST /auth/oidc/backchannel-logout")

	var h http.Handler = s.mux
	h = s.recordRoute(h)
	h = s.auth.LoadUser(h)
	h = s.sessions.LoadAndSave(h)
	h = cop.Handler(h)
	h = limitBody(h)
	errorPage := func(w http.ResponseWriter, r *http.Request, err error) {
		s.webHandler.Serve(func(http.ResponseWriter, *http.Request) error { return err })(w, r)
	}
	s.auth.Fail = func(w http.ResponseWriter, r *http.Request, err error) {
		if d := schakel.ErrorRetryAfter(err); d > 0 {
			w.Header().Set("Retry-After", respond.RetryAfterSeconds(d))
		}
		if isAPI(r) {
			respond.Error(w, r, nil, err) // logged where it was found
			return
		}
		errorPage(w, r, err)
	}
	h = refuseBadBytes(h, errorPage)
	h = apiProblems(h)
	// Before the session is read: a refused request costs the database nothing.
	h = newAdmission(cfg.MaxInFlight, cfg.MaxWaiting, cfg.MaxWait).admit(h, s.auth.Fail)
	h = securityHeaders(h, s.formActions, strings.HasPrefix(cfg.PublicURL(), "https://"))
	// Panics are recovered inside observe, so they are counted and logged as 500s.
	h = s.recoverPanics(h)
	h = s.observe(h)
	s.handler = h
	return s, nil
}

// sessionRetryAfter is how long a client is asked to wait when its
// session cannot be read or written.
const sessionRetryAfter = 30 * time.Second

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Auth returns the login machinery, for tests that log a user in.
func (s *Server) Auth() *auth.Auth { return s.auth }

// anonymousEntry reports the requests that may pull or follow a brake
// anonymously, and the receipt pages shown right after: they must not
// touch the session, whose last-seen time would
// otherwise tie it to the moment of the pull.
func anonymousEntry(r *http.Request) bool {
	if r.Method == http.MethodGet {
		// The receipt pages are opened right after an anonymous pull.
		return strings.HasPrefix(r.URL.Path, "/noodrem/professional/ontvangst") || strings.HasPrefix(r.URL.Path, "/noodrem/burger/ontvangst")
	}
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
	if msg := s.store.WriteHealth(ctx); msg != "" {
		// Writes fail for a storage reason (a full disk, a read-only or
		// lost database): the store probes on its clock until one works.
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("not ready: " + msg + "\n"))
		return
	}
	if msg := s.brokerMismatch(ctx); msg != "" {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("not ready: " + msg + "\n"))
		return
	}
	if s.ledgerRefusal != nil {
		if msg := s.ledgerRefusal(); msg != "" {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("not ready: " + msg + "\n"))
			return
		}
	}
	w.Write([]byte("ready\n"))
}

// siteOf is who runs this schakel and what it keeps, for the contact page
// and the statements.
func siteOf(cfg *config.Config) web.Site {
	return web.Site{Operator: cfg.OperatorName, ContactEmail: cfg.ContactEmail, PrivacyEmail: cfg.PrivacyEmail,
		RetentionRequestDays: cfg.RetentionRequestDays, RetentionBrakeDays: cfg.RetentionBrakeDays, RetentionCaseDays: cfg.RetentionCaseDays}
}
