package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestMasking(t *testing.T) {
	for in, want := range map[string]string{
		"fatima@uwv.nl": "f***@uwv.nl", "é@x.nl": "é***@x.nl", "geen-adres": "***", "@uwv.nl": "***",
	} {
		if got := maskEmail(in); got != want {
			t.Errorf("maskEmail(%q) = %q, want %q", in, got, want)
		}
	}
	if got := maskErrorText("550 5.1.1 <jeroen.bakker@uwv.nl>: unknown; cc a@b.nl"); got != "550 5.1.1 <j***@uwv.nl>: unknown; cc a***@b.nl" {
		t.Errorf("maskErrorText = %q", got)
	}
	if got := maskErrorText(strings.Repeat("x", 400)); len([]rune(got)) != 301 {
		t.Errorf("long error kept %d characters", len([]rune(got)))
	}
	n := &schakel.Notification{Channel: schakel.ChannelWebhook, Target: "https://hooks.uwv.example/schakel?token=geheim"}
	if got := maskTarget(n); got != "https://hooks.uwv.example/…" {
		t.Errorf("maskTarget(webhook) = %q", got)
	}
}

func TestNotificationsPage(t *testing.T) {
	e := newBrakeEnv(t)
	ctx := context.Background()
	storetest.MustMailUser(t, e.st, "jeroen-mail", "jeroen.bakker@uwv.nl", schakel.Membership{OrganisationID: e.uwv.ID, Role: schakel.RoleCoordinator})
	if err := e.st.CreateWebhook(ctx, &schakel.Webhook{OrganisationID: e.uwv.ID, URL: "https://hooks.uwv.example/schakel?token=geheim", Secret: "geheim-genoeg-voor-hmac"}); err != nil {
		t.Fatal(err)
	}
	e.pullCitizen(nil)
	now := e.clock.Now()
	if _, err := e.st.QueueNotifications(ctx, now, 100); err != nil {
		t.Fatal(err)
	}
	ns, err := e.st.ClaimNotifications(ctx, now, time.Minute, 10)
	if err != nil || len(ns) != 2 {
		t.Fatalf("claimed %d notifications (%v), want an e-mail and a webhook", len(ns), err)
	}
	var mail, hook *schakel.Notification
	for _, n := range ns {
		if n.Channel == schakel.ChannelEmail {
			mail = n
		} else {
			hook = n
		}
	}
	if mail == nil || hook == nil {
		t.Fatalf("claimed %+v", ns)
	}
	if err := e.st.NotificationFailed(ctx, mail.ID, now, "550 mailbox <jeroen.bakker@uwv.nl> unknown", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := e.st.NotificationDelivered(ctx, hook.ID, now); err != nil {
		t.Fatal(err)
	}

	admin := e.as("uwv-beheerder")
	r := e.get(admin, "/beheer/meldingen")
	wantStatus(t, r, http.StatusOK)
	checkPage(t, r, "nl")
	wantText(t, r, `p[role="status"]`, "Aantal berichten: 2")
	if strings.Contains(r.Body, "jeroen.bakker@uwv.nl") || strings.Contains(r.Body, "token=geheim") {
		t.Error("the page shows an address in full")
	}
	mailRow := `tr.notification-row[data-id="` + itoa(mail.ID) + `"]`
	hookRow := `tr.notification-row[data-id="` + itoa(hook.ID) + `"]`
	wantText(t, r, mailRow+" .channel", "e-mail")
	wantText(t, r, mailRow+" .organisation", "UWV")
	wantText(t, r, mailRow+" .target", "j***@uwv.nl")
	wantText(t, r, mailRow+" .state", "opgegeven")
	wantText(t, r, mailRow+" .attempts", "1")
	wantText(t, r, mailRow+" .last-error", "550 mailbox <j***@uwv.nl> unknown")
	wantSelector(t, r, mailRow+` form[method="post"][action="/beheer/meldingen/`+itoa(mail.ID)+`/opnieuw"] button[type="submit"]`)
	wantText(t, r, hookRow+" .channel", "webhook")
	wantText(t, r, hookRow+" .target", "https://hooks.uwv.example/…")
	wantText(t, r, hookRow+" .state", "afgeleverd")
	wantNoSelector(t, r, hookRow+" form")

	// Filters by state.
	r = e.get(admin, "/beheer/meldingen?status=opgegeven")
	wantText(t, r, `p[role="status"]`, "Aantal berichten: 1")
	wantSelector(t, r, mailRow)
	wantSelector(t, r, `select#status option[value="opgegeven"][selected]`)
	r = e.get(admin, "/beheer/meldingen?status=wachtend")
	wantText(t, r, `p[role="status"]`, "Aantal berichten: 0")
	wantSelector(t, r, ".empty-state")
	// "Alle toestanden" is no filter; another state is named at its field,
	// as the API names it.
	r = e.get(admin, "/beheer/meldingen?status=")
	wantText(t, r, `p[role="status"]`, "Aantal berichten: 2")
	r = e.get(admin, "/beheer/meldingen?status=onzin")
	wantStatus(t, r, http.StatusBadRequest)
	checkPage(t, r, "nl")
	wantText(t, r, `.error-summary a[href="#status"]`, "Toestand: Kies een van: wachtend, afgeleverd, opgegeven.")
	wantNoSelector(t, r, "tr.notification-row")

	// Retry the given-up one: due again now.
	r = e.post(admin, "/beheer/meldingen/"+itoa(mail.ID)+"/opnieuw", nil)
	wantLocation(t, r, "/beheer/meldingen?gedaan=opnieuw")
	r = e.get(admin, "/beheer/meldingen?gedaan=opnieuw")
	checkPage(t, r, "nl")
	wantText(t, r, ".brake-done", "Het bericht wordt opnieuw verstuurd.")
	wantText(t, r, mailRow+" .state", "wachtend")
	wantContains(t, r, mailRow+" .next-attempt", "2 maart 2026")
	wantNoSelector(t, r, mailRow+" form")
	// Retrying what is not given up is refused; unknown ones do not exist.
	r = e.post(admin, "/beheer/meldingen/"+itoa(mail.ID)+"/opnieuw", nil)
	wantStatus(t, r, http.StatusConflict)
	checkPage(t, r, "nl")
	wantText(t, r, ".brake-notice", "Dit bericht is niet opgegeven; alleen een opgegeven bericht kan opnieuw worden verstuurd.")
	wantStatus(t, e.post(admin, "/beheer/meldingen/99999/opnieuw", nil), http.StatusNotFound)
	wantStatus(t, e.post(admin, "/beheer/meldingen/abc/opnieuw", nil), http.StatusNotFound)

	en := e.as("uwv-beheerder")
	e.setLang(en, "en")
	r = e.get(en, "/beheer/meldingen")
	checkPage(t, r, "en")
	wantText(t, r, mailRow+" .state", "pending")

	// Only administrators: others get 403, visitors log in.
	for _, subject := range []string{"uwv-professional", "uwv-coordinator", "szw-minister"} {
		c := e.as(subject)
		r := e.get(c, "/beheer/meldingen")
		wantStatus(t, r, http.StatusForbidden)
		checkPage(t, r, "nl")
		if strings.Contains(r.Body, "u***@") || strings.Contains(r.Body, "j***@") {
			t.Errorf("%s sees notifications", subject)
		}
		wantStatus(t, e.post(c, "/beheer/meldingen/"+itoa(hook.ID)+"/opnieuw", nil), http.StatusForbidden)
	}
	wantLocation(t, e.get(e.client(), "/beheer/meldingen"), "/inloggen")
	wantLocation(t, e.post(e.client(), "/beheer/meldingen/"+itoa(mail.ID)+"/opnieuw", nil), "/inloggen")
}
