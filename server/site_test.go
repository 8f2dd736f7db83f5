package server_test

import (
	"bytes"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/schakel-nl/schakel/cmd/schakel/app"
	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

// sitePage gets path from a schakel built with cfg, in lang, and parses it.
func sitePage(t *testing.T, cfg config.Config, path, lang string) *goquery.Document {
	t.Helper()
	clock := schakeltest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
	st := storetest.OpenSQLite(t, clock)
	srv, err := app.New(&cfg, st, clock, slog.New(slog.NewJSONHandler(&bytes.Buffer{}, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Cookie", "taal="+lang)
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	if w.Code != 200 {
		t.Fatalf("GET %s: %d", path, w.Code)
	}
	doc, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Find("html").AttrOr("lang", ""); got != lang {
		t.Fatalf("GET %s in %s: html lang %q", path, lang, got)
	}
	return doc
}

// TestStartPageRoutesByNeed: a visitor who is not logged in finds an
// entrance for each kind of visitor, each leading to pages that need no
// login except where work is done.
func TestStartPageRoutesByNeed(t *testing.T) {
	doc := sitePage(t, config.Default(), "/", "nl")
	want := map[string][]string{
		"voor-inwoners":      {"/noodrem/burger", "/noodrem/volgen"},
		"voor-professionals": {"/inloggen"},
		"voor-organisaties":  {"/inloggen", "/organisaties"},
		"voor-parlement":     {"/parlement", "/parlement/staat-van-de-uitvoering", "/kamercommissies"},
		"voor-pers":          {"/noodremmen", "/casusprudentie", "/logboek", "/open-data"},
	}
	if n := doc.Find("main .start-route").Length(); n != len(want) {
		t.Errorf("%d entrances, want %d", n, len(want))
	}
	for id, links := range want {
		route := doc.Find("main .start-route#" + id)
		if route.Find("h3").Text() == "" || route.Find("p").Text() == "" {
			t.Errorf("%s: no heading or explanation", id)
		}
		for _, href := range links {
			if route.Find(`a[href="`+href+`"]`).Length() != 1 {
				t.Errorf("%s: no link to %s", id, href)
			}
		}
	}
	en := sitePage(t, config.Default(), "/", "en")
	if got := en.Find("#voor-inwoners h3").Text(); got != "I am a resident" {
		t.Errorf("English entrance heading %q", got)
	}
}

// TestStatementsSayWhatIsConfigured: the contact page and the statements
// name the operator and its addresses, the privacy statement gives the
// retention periods configured, and every page links to all three.
func TestStatementsSayWhatIsConfigured(t *testing.T) {
	cfg := config.Default()
	cfg.OperatorName = "Gemeente Voorbeeld"
	cfg.ContactEmail = "schakel@voorbeeld.nl"
	cfg.PrivacyEmail = "fg@voorbeeld.nl"
	cfg.RetentionBrakeDays = 400
	cfg.RetentionRequestDays = 0

	contact := sitePage(t, cfg, "/contact", "nl")
	if !strings.Contains(contact.Find("main").Text(), "Gemeente Voorbeeld") ||
		contact.Find(`main a[href="mailto:schakel@voorbeeld.nl"]`).Length() != 1 ||
		contact.Find(`main a[href="mailto:fg@voorbeeld.nl"]`).Length() != 1 {
		t.Errorf("contact page lacks the operator or its addresses: %q", contact.Find("main").Text())
	}

	privacy := sitePage(t, cfg, "/privacy", "nl")
	text := privacy.Find("main").Text()
	for _, want := range []string{"400 dagen nadat het is afgesloten", "geen vaste termijn ingesteld", "1825 dagen", "Autoriteit Persoonsgegevens"} {
		if !strings.Contains(text, want) {
			t.Errorf("privacy statement lacks %q", want)
		}
	}
	if rows := privacy.Find("main table.privacy-kinds tbody tr").Length(); rows != 5 {
		t.Errorf("privacy statement: %d kinds of brake, want 5 (citizen, named, protected, anonymous, organisation)", rows)
	}

	access := sitePage(t, cfg, "/toegankelijkheid", "en")
	if got := access.Find("h1").Text(); got != "Accessibility statement" {
		t.Errorf("English h1 %q", got)
	}
	if access.Find(`main a[href="mailto:schakel@voorbeeld.nl"]`).Length() != 1 ||
		access.Find(`main a[href="https://www.nationaleombudsman.nl"]`).Length() != 1 {
		t.Error("accessibility statement lacks where to report and where to complain")
	}

	for _, path := range []string{"/", "/contact", "/privacy", "/toegankelijkheid", "/beginselen"} {
		doc := sitePage(t, cfg, path, "nl")
		for _, href := range []string{"/contact", "/privacy", "/toegankelijkheid"} {
			if doc.Find(`footer a[href="`+href+`"]`).Length() != 1 {
				t.Errorf("%s: footer has no link to %s", path, href)
			}
		}
	}
}

// TestStatementsWithoutOperator: an operator that has not configured
// itself is told so on the pages instead of an empty sentence.
func TestStatementsWithoutOperator(t *testing.T) {
	doc := sitePage(t, config.Default(), "/contact", "nl")
	if !strings.Contains(doc.Find("main").Text(), "nog niet ingevuld") || doc.Find(`a[href^="mailto:"]`).Length() != 0 {
		t.Errorf("contact page without configuration: %q", doc.Find("main").Text())
	}
}
