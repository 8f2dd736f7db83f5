package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/schakel-nl/schakel"
)

// TestFailShowsTheErrorsStatus: Serve answers an error with the page of
// its own status — 413, 429 (with Retry-After) and 503 included, each with
// its own title and message in both languages — and logs only the errors
// of the server's side.
func TestFailShowsTheErrorsStatus(t *testing.T) {
	e := newEnv(t, false)
	for _, tc := range []struct {
		err        error
		status     int
		title      map[string]string // by language
		retryAfter string
		logged     bool
	}{
		{schakel.Errorf(schakel.EUNAVAILABLE, "De database is weg."), http.StatusServiceUnavailable,
			map[string]string{"nl": "Tijdelijk niet beschikbaar", "en": "Temporarily unavailable"}, "", true},
		{schakel.Errorf(schakel.ETOOLARGE, "Te groot."), http.StatusRequestEntityTooLarge,
			map[string]string{"nl": "Verzoek te groot", "en": "Request too large"}, "", false},
		{&schakel.Error{Code: schakel.ETOOMANY, Message: "Te vaak.", RetryAfter: 1500 * time.Millisecond}, http.StatusTooManyRequests,
			map[string]string{"nl": "Te veel verzoeken", "en": "Too many requests"}, "2", false},
		{schakel.Errorf(schakel.EINTERNAL, "Kapot."), http.StatusInternalServerError,
			map[string]string{"nl": "Er ging iets mis", "en": "Something went wrong"}, "", true},
		{errNoPage, http.StatusNotFound, map[string]string{"nl": "Pagina niet gevonden", "en": "Page not found"}, "", false},
	} {
		for _, lang := range []string{"nl", "en"} {
			t.Run(http.StatusText(tc.status)+"/"+lang, func(t *testing.T) {
				var logs bytes.Buffer
				h := *e.h
				h.Log = slog.New(slog.NewTextHandler(&logs, nil))
				req := httptest.NewRequest(http.MethodGet, "/iets", nil)
				if lang == "en" {
					req.AddCookie(&http.Cookie{Name: langCookie, Value: "en"})
				}
				rec := httptest.NewRecorder()
				h.Serve(func(http.ResponseWriter, *http.Request) error { return tc.err })(rec, req)
				if rec.Code != tc.status {
					t.Errorf("status %d, want %d", rec.Code, tc.status)
				}
				if got := rec.Header().Get("Retry-After"); got != tc.retryAfter {
					t.Errorf("Retry-After %q, want %q", got, tc.retryAfter)
				}
				doc, err := goquery.NewDocumentFromReader(rec.Body)
				if err != nil {
					t.Fatal(err)
				}
				if got := strings.TrimSpace(doc.Find("main h1").Text()); got != tc.title[lang] {
					t.Errorf("h1 %q, want %q", got, tc.title[lang])
				}
				if msg := strings.TrimSpace(doc.Find("main p.lead").Text()); msg == "" || msg == "Er ging iets mis aan onze kant. Probeer het later nog eens." && tc.status != 500 {
					t.Errorf("message %q", msg)
				}
				if tc.status == http.StatusTooManyRequests {
					wait := map[string]string{"nl": "Probeer het over 1 minuut opnieuw.", "en": "Try again in 1 minute."}[lang]
					if msg := doc.Find("main p.lead").Text(); !strings.Contains(msg, wait) {
						t.Errorf("429 says %q, not how long to wait (%q)", msg, wait)
					}
				}
				if e, ok := tc.err.(*schakel.Error); ok && tc.err != errNoPage && strings.Contains(doc.Find("main").Text(), e.Message) {
					t.Errorf("the page shows the error's own message %q", e.Message)
				}
				if got := strings.Contains(logs.String(), "page failed"); got != tc.logged {
					t.Errorf("logged %v, want %v: %s", got, tc.logged, logs.String())
				}
			})
		}
	}
}
