package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/notify"
)

// hookSink is an organisation's webhook endpoint that keeps what it got.
type hookSink struct {
	mu     sync.Mutex
	bodies []string
	sigs   []string
}

func (h *hookSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.bodies = append(h.bodies, string(b))
	h.sigs = append(h.sigs, r.Header.Get(notify.SignatureHeader))
}

func TestNotificationChannels(t *testing.T) {
	e := newBrakeEnv(t)
	// The test sends go through a client that may reach the test's server.
	e.h.Notices = notifications.New(e.st, e.clock).WithSenders(&notify.WebhookClient{AllowPrivate: true}, nil)
	sink := &hookSink{}
	hook := httptest.NewServer(sink)
	t.Cleanup(hook.Close)

	admin := e.as("uwv-beheerder")
	r := e.get(admin, "/beheer/meldingen")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.main-nav a[href="/beheer"][aria-current="true"]`)
	wantSelector(t, r, "section#kanalen-uwv h3")
	// Without a channel there is nothing to test.
	wantNoSelector(t, r, "#kanalen-uwv .test-form")
	wantNoSelector(t, e.get(e.as("uwv-coordinator"), "/"), `.main-nav a[href="/beheer"]`)

	// An address: a wrong one is named on its field, a good one is listed.
	r = e.post(admin, "/beheer/meldingen/uwv/adressen", url.Values{"email": {"geen adres"}})
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantSelector(t, r, `.error-summary a[href="#org-uwv-adres-email"]`)
	wantSelector(t, r, `#org-uwv-adres-email[aria-invalid="true"]`)
	wantLocation(t, e.post(admin, "/beheer/meldingen/uwv/adressen", url.Values{"email": {"postvak-wia@uwv.example"}}), "/beheer/meldingen?gedaan=adres#kanalen-uwv")
	r = e.post(admin, "/beheer/meldingen/uwv/adressen", url.Values{"email": {"postvak-wia@uwv.example"}})
	wantStatus(t, r, http.StatusBadRequest)
	wantContains(t, r, ".error-summary", "Dit adres krijgt de berichten al.")

	// A webhook: made once per form token, its secret shown on the page
	// the browser is sent to (never in a URL), its own token never.
	form := e.get(admin, "/beheer/meldingen")
	token, _ := form.Doc(t).Find(`form[action="/beheer/meldingen/uwv/webhooks"] input[name="formulierToken"]`).Attr("value")
	if token == "" {
		t.Fatal("the webhook form has no one-time token")
	}
	made := url.Values{"url": {hook.URL + "/schakel?token=geheim"}, tokenField: {token}}
	wantLocation(t, e.post(admin, "/beheer/meldingen/uwv/webhooks", made), newWebhookPath)
	r = e.get(admin, newWebhookPath)
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	secret := r.Text(t, ".webhook-secret")
	// A reload, or the form sent again, makes no second webhook.
	wantLocation(t, e.post(admin, "/beheer/meldingen/uwv/webhooks", made), newWebhookPath)
	if again := e.get(admin, newWebhookPath).Text(t, ".webhook-secret"); again != secret {
		t.Errorf("the page after a second post shows %q, want the first webhook's secret", again)
	}
	if n := e.get(admin, "/beheer/meldingen").Count(t, "#kanalen-uwv .webhooks li.channel--active"); n != 1 {
		t.Errorf("%d active webhooks after sending the form twice, want 1", n)
	}
	// Another browser of the same administrator sees no secret.
	wantLocation(t, e.get(e.as("uwv-beheerder"), newWebhookPath), "/beheer/meldingen")
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(secret) {
		t.Fatalf("secret %q", secret)
	}
	if strings.Contains(r.Body, "token=geheim") {
		t.Error("the page shows the webhook's token")
	}
	r = e.get(admin, "/beheer/meldingen")
	if strings.Contains(r.Body, secret) {
		t.Error("the secret is shown on the notifications page")
	}
	hookID, _ := r.Doc(t).Find("#kanalen-uwv .webhooks li.channel--active").Attr("data-id")
	addrID, _ := r.Doc(t).Find("#kanalen-uwv .addresses li.channel--active").Attr("data-id")
	if hookID == "" || addrID == "" {
		t.Fatalf("webhook %q, address %q not listed", hookID, addrID)
	}
	wantSelector(t, r, `#org-uwv-proef-kanaal option[value="webhook:`+hookID+`"]`)

	// A test send to the webhook arrives signed and shows in the history.
	r = e.post(admin, "/beheer/meldingen/uwv/proef", url.Values{"kanaal": {"webhook:" + hookID}})
	wantStatus(t, r, http.StatusSeeOther)
	loc := r.Header.Get("Location")
	r = e.get(admin, loc[:strings.Index(loc, "#")])
	checkPage(t, r, "nl")
	wantSelector(t, r, "#proefresultaat.test-result--delivered")
	wantSelector(t, r, "tr.test-row--delivered")
	wantContains(t, r, "tr.test-row--delivered .target", "127.0.0.1")
	sink.mu.Lock()
	if len(sink.bodies) != 1 || !notify.VerifySignature(secret, []byte(sink.bodies[0]), sink.sigs[0]) || !strings.Contains(sink.bodies[0], `"gebeurtenis":"test"`) {
		t.Errorf("the hook got %q signed %q", sink.bodies, sink.sigs)
	}
	sink.mu.Unlock()

	// With internal addresses refused (the default), a test to the same
	// webhook fails with a class in words, not the dial error naming the
	// address and port, and the hook gets nothing.
	e.h.Notices = notifications.New(e.st, e.clock).WithSenders(&notify.WebhookClient{}, nil)
	r = e.post(admin, "/beheer/meldingen/uwv/proef", url.Values{"kanaal": {"webhook:" + hookID}})
	loc = r.Header.Get("Location")
	r = e.get(admin, loc[:strings.Index(loc, "#")])
	wantContains(t, r, "#proefresultaat.test-result--failed", "adres niet toegestaan")
	if txt := r.Text(t, "#proefresultaat"); strings.Contains(txt, "dial") || strings.Contains(txt, "connect") {
		t.Errorf("the result shows the dial error: %q", txt)
	}
	sink.mu.Lock()
	if len(sink.bodies) != 1 {
		t.Errorf("the hook got %d posts, want still 1", len(sink.bodies))
	}
	sink.mu.Unlock()

	// To the address without an SMTP server: it failed, and says why.
	r = e.post(admin, "/beheer/meldingen/uwv/proef", url.Values{"kanaal": {"email:" + addrID}})
	loc = r.Header.Get("Location")
	r = e.get(admin, loc[:strings.Index(loc, "#")])
	wantContains(t, r, "#proefresultaat.test-result--failed", "geen e-mailserver ingesteld")
	wantContains(t, r, "tr.test-row--failed .target", "p***@uwv.example")
	// No choice: named.
	r = e.post(admin, "/beheer/meldingen/uwv/proef", url.Values{"kanaal": {""}})
	wantStatus(t, r, http.StatusBadRequest)
	wantSelector(t, r, `.error-summary a[href="#org-uwv-proef-kanaal"]`)

	// Retired, a webhook gets no tests; retiring twice is a conflict.
	wantLocation(t, e.post(admin, "/beheer/meldingen/uwv/webhooks/"+hookID+"/intrekking", nil), "/beheer/meldingen?gedaan=ingetrokken#kanalen-uwv")
	wantStatus(t, e.post(admin, "/beheer/meldingen/uwv/webhooks/"+hookID+"/intrekking", nil), http.StatusConflict)
	wantStatus(t, e.post(admin, "/beheer/meldingen/uwv/proef", url.Values{"kanaal": {"webhook:" + hookID}}), http.StatusConflict)
	wantLocation(t, e.post(admin, "/beheer/meldingen/uwv/adressen/"+addrID+"/intrekking", nil), "/beheer/meldingen?gedaan=ingetrokken#kanalen-uwv")
	r = e.get(admin, "/beheer/meldingen")
	wantSelector(t, r, `#kanalen-uwv .webhooks li.channel--retired[data-id="`+hookID+`"]`)
	wantNoSelector(t, r, "#kanalen-uwv .test-form")

	// Others: another organisation's admin, a coordinator, nobody.
	wantStatus(t, e.post(e.as("bzk-beheerder"), "/beheer/meldingen/uwv/adressen", url.Values{"email": {"x@uwv.example"}}), http.StatusForbidden)
	wantStatus(t, e.post(e.as("uwv-coordinator"), "/beheer/meldingen/uwv/adressen", url.Values{"email": {"x@uwv.example"}}), http.StatusForbidden)
	wantStatus(t, e.post(admin, "/beheer/meldingen/svb/adressen", url.Values{"email": {"x@svb.example"}}), http.StatusForbidden)

	// In English.
	e.setLang(admin, "en")
	r = e.get(admin, "/beheer/meldingen")
	checkPage(t, r, "en")
	wantText(t, r, "main h2:first-of-type", "Channels")
}
