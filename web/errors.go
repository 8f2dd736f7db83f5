package web

import (
	"cmp"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/auth"
	"github.com/schakel-nl/schakel/respond"
	"github.com/schakel-nl/schakel/throttle"
)

// errorData is the Data of the error page.
type errorData struct {
	Status  int
	Message string // translated
	// Reason is what the service says changed (a conflict), translated,
	// or "".
	Reason string
	// Current is the page that shows how things are now (a conflict),
	// or "".
	Current string
	// Again is where the kept input can be sent again, or "".
	Again string
	// Kept is what was posted, shown back so it is not lost.
	Kept []keptField
	// StepUp logs in again at the level of assurance the action needs and
	// comes back, or "".
	StepUp string
}

// statusTitles are the Dutch titles of the error pages (respond.Title
// holds the same for problem documents).
var statusTitles = map[int]string{
	http.StatusBadRequest:            "Ongeldige invoer",
	http.StatusUnauthorized:          "Niet ingelogd",
	http.StatusForbidden:             "Geen toegang",
	http.StatusNotFound:              "Pagina niet gevonden",
	http.StatusConflict:              "Dit kan nu niet meer",
	http.StatusRequestEntityTooLarge: "Verzoek te groot",
	http.StatusTooManyRequests:       "Te veel verzoeken",
	http.StatusServiceUnavailable:    "Tijdelijk niet beschikbaar",
	http.StatusInternalServerError:   "Er ging iets mis",
}

// statusMessages explain each error page in plain words.
var statusMessages = map[int]string{
	http.StatusBadRequest:            "De gegevens in het verzoek kloppen niet.",
	http.StatusUnauthorized:          "Log in om deze pagina te zien.",
	http.StatusForbidden:             "U heeft geen toegang tot deze pagina of handeling. Denkt u dat dit niet klopt? Neem contact op met de beheerder van uw organisatie.",
	http.StatusNotFound:              "De pagina die u zoekt bestaat niet (meer). Controleer het adres, of ga naar het overzicht.",
	http.StatusConflict:              "Wat u wilde doen past niet meer bij hoe het nu is. Waarschijnlijk heeft iemand anders het intussen veranderd.",
	http.StatusRequestEntityTooLarge: "Wat u verstuurde is te groot. Maak het korter en probeer het opnieuw.",
	http.StatusTooManyRequests:       "U heeft in korte tijd te veel verzoeken gedaan. Wacht even en probeer het dan opnieuw.",
	http.StatusServiceUnavailable:    "schakel is tijdelijk niet beschikbaar. Probeer het later nog eens.",
	http.StatusInternalServerError:   "Er ging iets mis aan onze kant. Probeer het later nog eens.",
}

// NotFound serves the 404 page for every path no route matches.
func (h *Handler) NotFound(w http.ResponseWriter, r *http.Request) {
	h.errorPage(w, r, http.StatusNotFound)
}

// errorPage renders the page of an HTTP error status. It shows only the
// generic text of the status, never details of the cause.
func (h *Handler) errorPage(w http.ResponseWriter, r *http.Request, status int) {
	title, ok := statusTitles[status]
	if !ok {
		status = http.StatusInternalServerError
		title = statusTitles[status]
	}
	pg := h.newPage(r, title)
	pg.Data = errorData{Status: status, Message: pg.T(statusMessages[status])}
	h.render(w, r, status, "error", pg)
}

// fail answers err: a login redirect for EUNAUTHORIZED, otherwise the
// error page of its status (503 for EUNAVAILABLE, 429 with Retry-After for
// ETOOMANY, …). Errors of the server's side (5xx) are logged, with the
// route but without personal data.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch schakel.ErrorCode(err) {
	case schakel.EUNAUTHORIZED:
		h.keepDraft(w, r)
		http.Redirect(w, r, loginRedirect(r), http.StatusSeeOther)
		return
	case schakel.ECONFLICT:
		h.conflictPage(w, r, err)
		return
	case schakel.EFORBIDDEN:
		if need := schakel.NeededAssurance(err); need != schakel.AssuranceUnknown {
			h.stepUpPage(w, r, need)
			return
		}
	}
	status := respond.Status(err)
	if status >= 500 {
		h.logFailure(r, err)
	}
	setRetryAfter(w, err)
	if status == http.StatusTooManyRequests {
		h.waitPage(w, r, err)
		return
	}
	h.errorPage(w, r, status)
}

// stepUpPage is the 403 page of an action that needs a higher level of
// assurance than the login reached: it keeps what was posted (as a login
// does, auth.KeepDraft) and, with an identity broker, links to logging in
// again at that level, which comes back to the page of the form.
func (h *Handler) stepUpPage(w http.ResponseWriter, r *http.Request, need schakel.AssuranceLevel) {
	h.keepDraft(w, r)
	back := r.URL.RequestURI()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		back = cmp.Or(h.formPage(r), "/")
	}
	status := http.StatusForbidden
	pg := h.newPage(r, statusTitles[status])
	data := errorData{Status: status, Message: pg.T("Hiervoor moet u inloggen met betrouwbaarheidsniveau %s of hoger.", pg.T(need.String()))}
	if h.Auth.OIDC != nil {
		data.StepUp = auth.StepUpPath(back, need)
	}
	pg.Data = data
	h.render(w, r, status, "error", pg)
}

// waitPage is the 429 page saying how long to wait, in whole minutes
// rounded up, when the throttle said so.
func (h *Handler) waitPage(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusTooManyRequests
	pg := h.newPage(r, statusTitles[status])
	msg := pg.T(statusMessages[status])
	switch m := throttle.WaitMinutes(schakel.ErrorRetryAfter(err)); {
	case m == 1:
		msg += " " + pg.T("Probeer het over 1 minuut opnieuw.")
	case m > 1:
		msg += " " + pg.T("Probeer het over %d minuten opnieuw.", m)
	}
	pg.Data = errorData{Status: status, Message: msg}
	h.render(w, r, status, "error", pg)
}

// keepDraft keeps the input of a form posted without a valid session, so
// it comes back after logging in (auth.KeepDraft). Posts that must leave
// no trace (an anonymous brake, see auth.Auth.Quiet) are not kept.
func (h *Handler) keepDraft(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || (h.Auth.Quiet != nil && h.Auth.Quiet(r)) {
		return
	}
	target := h.formPage(r)
	if target == "" || r.ParseForm() != nil {
		return
	}
	if err := h.Auth.KeepDraft(w, r, target, r.PostForm); err != nil {
		// Logged without the fields: they are the person's own text.
		h.logFailure(r, err)
	}
}

// conflictPage answers a step the current state does not allow (409): it
// says what changed in the service's words, links to the page as it is
// now, and shows the posted input back so it can be copied or sent again.
func (h *Handler) conflictPage(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusConflict
	pg := h.newPage(r, statusTitles[status])
	d := errorData{Status: status, Message: pg.T(statusMessages[status])}
	if msg := schakel.ErrorMessage(err); pg.lang == langNL || english[msg] != "" {
		d.Reason = pg.T(msg)
	}
	if r.Method == http.MethodPost && r.ParseForm() == nil {
		d.Current = h.formPage(r)
		d.Kept = keptFields(r.PostForm)
		if len(d.Kept) > 0 {
			d.Again = r.URL.Path
		}
	}
	pg.Data = d
	h.render(w, r, status, "error", pg)
}

// serverError logs err and renders the 500 page.
func (h *Handler) serverError(w http.ResponseWriter, r *http.Request, err error) {
	h.logFailure(r, err)
	h.errorPage(w, r, http.StatusInternalServerError)
}

// logFailure logs the error of a page that failed on the server's side.
func (h *Handler) logFailure(r *http.Request, err error) {
	h.Log.ErrorContext(r.Context(), "page failed", slog.String("method", r.Method), slog.String("route", r.Pattern), slog.Any("err", err))
}

// errNoPage is the error of a page that does not exist (a malformed id,
// a capability that is off): Serve answers it with the 404 page, as
// NotFound does.
var errNoPage = schakel.Errorf(schakel.ENOTFOUND, "Pagina niet gevonden")

// parseForm parses the form of r. A body that cannot be read is EINVALID,
// which Serve answers with the 400 page.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return schakel.Errorf(schakel.ETOOLARGE, "Het formulier is te groot.")
		}
		return schakel.Errorf(schakel.EINVALID, "De gegevens in het verzoek kloppen niet.")
	}
	normalDates(r.Form)
	normalDates(r.PostForm)
	var v schakel.Validation
	for _, key := range slices.Sorted(maps.Keys(r.Form)) {
		for _, value := range r.Form[key] {
			if strings.ContainsRune(key+value, 0) {
				// PostgreSQL can neither store nor compare such text.
				v.Add(formField(key), "nul", "Tekst met een NUL-teken kan niet worden opgeslagen.")
				break
			}
			if !utf8.ValidString(key + value) {
				// Nor bytes that are not UTF-8.
				v.Add(formField(key), "utf8", "Tekst die geen geldige UTF-8 is kan niet worden verwerkt.")
				break
			}
		}
	}
	return v.Err()
}

// formField is the name a problem gives the form field key: the key
// itself, or "formulier" when the key is not clean text, so the bad bytes
// never reach a page or a log.
func formField(key string) string {
	if strings.ContainsRune(key, 0) || !utf8.ValidString(key) {
		return "formulier"
	}
	return key
}

// HandlerFunc is a page handler that returns its error instead of writing
// it: Serve answers every error the same way.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Serve adapts a page handler to net/http: an error it returns is answered
// by fail (a login redirect, or the error page of its status, logged when it
// is the server's fault). It is applied to every page route in one place
// (server/routes.go). Dates typed day first in the query ("31-03-2026") are
// put in ISO form first (normalDate), as parseForm does for a body.
func (h *Handler) Serve(fn HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query(); normalDates(q) {
			r.URL.RawQuery = q.Encode()
		}
		if err := fn(w, r); err != nil {
			h.fail(w, r, err)
		}
	}
}

// loginRedirect is where a request that needs a login goes: the login page,
// which brings a page opened by a link (GET) back after logging in, so a
// deep link is not lost. A post comes back through its kept draft.
func loginRedirect(r *http.Request) string {
	if r.Method != http.MethodGet || r.URL.Path == "/" {
		return "/inloggen"
	}
	return "/inloggen?terug=" + url.QueryEscape(auth.SafeReturnPath(r.URL.RequestURI()))
}
