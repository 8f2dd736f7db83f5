// Package api is schakel's JSON API under /api/v1, following the NL API
// Design Rules: Dutch plural resource names, camelCase fields, an OpenAPI 3
// document that describes exactly the real routes, and problem+json errors
// that name every invalid field.
package api

import (
	"github.com/schakel-nl/schakel/assessments"
	"log/slog"
	"net/http"
	"sync"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/brakes"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/cases"
	"github.com/schakel-nl/schakel/directory"
	"github.com/schakel-nl/schakel/figures"
	"github.com/schakel-nl/schakel/idempotency"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/proofs"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/signals"
)

// Version is the API version; every response carries it in the API-Version
// header and openapi.json has it as info.version.
const Version = "1.7.2"

// Handler serves the JSON API. Its methods are the endpoints, each a
// HandlerFunc that returns its error for Serve to answer; server/routes.go
// maps them to paths. It reads and writes through the services only.
type Handler struct {
	Requests *requests.Service
	// Terms keeps the organisations' own terms; nil serves the defaults
	// and refuses changes.
	Terms    *requests.TermSettings
	Calendar *calendar.Calendar
	Clock    schakel.Clock
	Log      *slog.Logger
	// Proofs reads the ledger for its readers; nil answers its endpoints
	// with 404.
	Proofs *proofs.Service
	// LedgerKey is the log's note verifier key, shown to verifiers.
	LedgerKey string
	// Brakes pulls and follows emergency brakes.
	Brakes *brakes.Service
	// Cases runs the maatwerkplaats and its register of precedent.
	Cases *cases.Service
	// Signals files signals and moves knelpunten and letters.
	Signals *signals.Service
	// Assessments registers proposals and moves their assessments.
	Assessments *assessments.Service
	// Figures is the parliament view, the yearly report and open data.
	Figures *figures.Service
	// Directory reads and extends the organisations, users and the
	// principle catalogue.
	Directory *directory.Service
	// Notices manages the organisations' webhooks and notification queue.
	Notices *notifications.Service
	// Idempotency keeps the first answers of creates made with an
	// Idempotency-Key (Idempotent); nil runs every create as it comes.
	Idempotency *idempotency.Service
	// Address returns the client's address, only to throttle public
	// endpoints; it is never stored or logged.
	Address func(*http.Request) string

	codeCache sync.Map // organisation id → code; see orgCodes
}

// HandlerFunc is an endpoint that returns its error instead of writing it:
// Serve answers every error the same way, as problem+json.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Serve adapts an endpoint to net/http: an error it returns is answered as
// application/problem+json with the status of its code, and logged when it
// is the server's fault. It is applied to every API route in one place
// (server/routes.go).
func (h *Handler) Serve(fn HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			respond.Error(w, r, h.Log, err)
		}
	}
}
