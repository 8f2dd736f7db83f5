// Package respond writes HTTP responses the same way everywhere: JSON bodies,
// and errors as application/problem+json (RFC 9457) in the shape of the NL
// API Design Rules. It is the one place that maps schakel error codes to
// HTTP status codes, shared by the API, the pages and the middleware.
package respond

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/schakel-nl/schakel"
)

// Status returns the HTTP status for err's schakel error code.
func Status(err error) int {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID:
		return http.StatusBadRequest
	case schakel.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case schakel.EFORBIDDEN:
		return http.StatusForbidden
	case schakel.ENOTFOUND:
		return http.StatusNotFound
	case schakel.ECONFLICT:
		return http.StatusConflict
	case schakel.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case schakel.ETOOMANY:
		return http.StatusTooManyRequests
	case schakel.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case schakel.EUNPROCESSABLE:
		return http.StatusUnprocessableEntity
	default:
		return http.StatusInternalServerError
	}
}

// Title returns the short Dutch title of an HTTP status for problem
// documents and error pages.
func Title(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Ongeldige invoer"
	case http.StatusUnauthorized:
		return "Niet ingelogd"
	case http.StatusForbidden:
		return "Geen toegang"
	case http.StatusNotFound:
		return "Niet gevonden"
	case http.StatusMethodNotAllowed:
		return "Methode niet toegestaan"
	case http.StatusConflict:
		return "Conflict met de huidige toestand"
	case http.StatusRequestEntityTooLarge:
		return "Verzoek te groot"
	case http.StatusUnsupportedMediaType:
		return "Niet-ondersteund mediatype"
	case http.StatusTooManyRequests:
		return "Te veel verzoeken"
	case http.StatusUnprocessableEntity:
		return "Niet te verwerken"
	case http.StatusServiceUnavailable:
		return "Tijdelijk niet beschikbaar"
	default:
		return "Interne fout"
	}
}

// InvalidParam is one invalid field in a problem document (NL API Design
// Rules, API-47 extension "invalidParams").
type InvalidParam struct {
	Name   string `json:"name"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type          string         `json:"type"`
	Title         string         `json:"title"`
	Status        int            `json:"status"`
	Detail        string         `json:"detail,omitempty"`
	Instance      string         `json:"instance,omitempty"`
	InvalidParams []InvalidParam `json:"invalidParams,omitempty"`
	// RequiredAssurance is, for a 403 because the login's level of
	// assurance is too low, the level needed ("substantieel", "hoog"): a
	// client can log in again at that level.
	RequiredAssurance string `json:"vereistBetrouwbaarheidsniveau,omitempty"`
}

// ProblemFor builds the problem document for err. Internal errors get a
// generic detail; their cause goes to the log, never to the client.
func ProblemFor(r *http.Request, err error) Problem {
	status := Status(err)
	p := Problem{
		Type:     "about:blank",
		Title:    Title(status),
		Status:   status,
		Detail:   schakel.ErrorMessage(err),
		Instance: r.URL.Path,
	}
	if need := schakel.NeededAssurance(err); need != schakel.AssuranceUnknown {
		p.RequiredAssurance = need.String()
	}
	for _, f := range schakel.ErrorFields(err) {
		p.InvalidParams = append(p.InvalidParams, InvalidParam{Name: f.Field, Code: f.Code, Reason: f.Reason()})
	}
	return p
}

// Error writes err as problem+json and logs it when it is internal.
func Error(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	p := ProblemFor(r, err)
	if d := schakel.ErrorRetryAfter(err); d > 0 {
		w.Header().Set("Retry-After", RetryAfterSeconds(d))
	}
	if p.Status >= 500 && log != nil {
		log.ErrorContext(r.Context(), "request failed", slog.String("method", r.Method), slog.String("route", r.Pattern), slog.Any("err", err))
	}
	WriteProblem(w, p)
}

// WriteProblem writes p with its status.
func WriteProblem(w http.ResponseWriter, p Problem) {
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Del("Content-Length")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

// StatusProblem writes a problem for a bare HTTP status with a detail.
func StatusProblem(w http.ResponseWriter, r *http.Request, status int, detail string) {
	WriteProblem(w, Problem{Type: "about:blank", Title: Title(status), Status: status, Detail: detail, Instance: r.URL.Path})
}

// JSON writes v as JSON with the status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// IsClientError reports whether err is the client's fault (a 4xx).
func IsClientError(err error) bool {
	s := Status(err)
	return s >= 400 && s < 500 && !errors.Is(err, http.ErrAbortHandler)
}

// RetryAfterSeconds is the value of a Retry-After header for d: whole
// seconds, rounded up, at least 1.
func RetryAfterSeconds(d time.Duration) string {
	s := int64((d + time.Second - 1) / time.Second)
	return strconv.FormatInt(max(s, 1), 10)
}
