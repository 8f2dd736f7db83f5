package notifications_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestWebhooksAndQueue(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive)
			admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			svbAdmin := storetest.MustUser(t, st, "svb-beheer", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleAdmin})
			prof := storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleProfessional})
			svc := notifications.New(st, clock)

			// Only the organisation's own administrators manage its webhooks.
			if _, _, err := svc.CreateWebhook(ctx, svbAdmin, "uwv", notifications.WebhookInput{URL: "https://uwv.example/schakel"}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("another organisation's admin: %v", err)
			}
			if _, _, err := svc.CreateWebhook(ctx, nil, "uwv", notifications.WebhookInput{URL: "https://uwv.example/schakel"}); schakel.ErrorCode(err) != schakel.EUNAUTHORIZED {
				t.Fatalf("nobody: %v", err)
			}
			if _, _, err := svc.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: "ftp://uwv.example"}); schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("a bad URL: %v", err)
			}
			_, wh, err := svc.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: "https://uwv.example/schakel"})
			if err != nil {
				t.Fatal(err)
			}
			if len(wh.Secret) != 64 {
				t.Fatalf("secret %q: want 256 bits in hex", wh.Secret)
			}
			if _, ws, err := svc.Webhooks(ctx, admin, "uwv"); err != nil || len(ws) != 1 {
				t.Fatalf("webhooks %d, %v", len(ws), err)
			}
			if err := svc.RetireWebhook(ctx, svbAdmin, "svb", wh.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("retiring another organisation's webhook: %v", err)
			}

			// A request to uwv queues a notification to its webhook.
			rs := requests.New(st, &comply.Engine{Calendar: calendar.New()}, clock)
			if _, err := rs.Create(ctx, prof, requests.CreateInput{Type: schakel.TypeGeneral, Subject: "Uitleg gevraagd", AddresseeCode: "uwv",
				Grounds: []schakel.Ground{{Principle: "motivering", Text: "Het besluit zegt niet waarom."}}}); err != nil {
				t.Fatal(err)
			}
			if _, err := st.QueueNotifications(ctx, clock.Now(), 100); err != nil {
				t.Fatal(err)
			}
			ns, total, err := svc.Queue(ctx, admin, schakel.NotificationFilter{Limit: 10})
			if err != nil || total == 0 {
				t.Fatalf("queue %d, %v", total, err)
			}
			if others, n, err := svc.Queue(ctx, svbAdmin, schakel.NotificationFilter{Limit: 10}); err != nil || n != 0 || len(others) != 0 {
				t.Fatalf("svb's admin sees uwv's queue: %d, %v", n, err)
			}
			if _, _, err := svc.Queue(ctx, prof, schakel.NotificationFilter{}); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("a professional: %v", err)
			}
			n := ns[0]
			if err := svc.Retry(ctx, admin, n.ID); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("retry of a pending notification: %v", err)
			}
			if err := st.NotificationFailed(ctx, n.ID, clock.Now(), "502", time.Time{}); err != nil {
				t.Fatal(err)
			}
			if err := svc.Retry(ctx, svbAdmin, n.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("retry by another organisation's admin: %v", err)
			}
			if err := svc.Retry(ctx, admin, n.ID); err != nil {
				t.Fatal(err)
			}
			again, _, err := svc.Queue(ctx, admin, schakel.NotificationFilter{ID: n.ID, Limit: 1})
			if err != nil || len(again) != 1 || again[0].State() != schakel.NotificationPending {
				t.Fatalf("after retry: %+v, %v", again, err)
			}
			if err := svc.RetireWebhook(ctx, admin, "uwv", wh.ID); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestQueueFilter(t *testing.T) {
	for _, tt := range []struct {
		query string
		state schakel.NotificationState
		req   int64
		bad   []string
	}{
		{"", "", 0, nil},
		{"status=opgegeven&verzoek=12", schakel.NotificationGivenUp, 12, nil},
		{"status=kwijt&verzoek=nul", "", 0, []string{"status", "verzoek"}},
		{"verzoek=0", "", 0, []string{"verzoek"}},
	} {
		q, _ := url.ParseQuery(tt.query)
		f, err := notifications.QueueFilter(q)
		var got []string
		for _, fe := range schakel.ErrorFields(err) {
			got = append(got, fe.Field)
		}
		if f.State != tt.state || (tt.bad == nil && f.RequestID != tt.req) || strings.Join(got, ",") != strings.Join(tt.bad, ",") {
			t.Errorf("%q: state %q request %d invalid %v, want %q %d %v", tt.query, f.State, f.RequestID, got, tt.state, tt.req, tt.bad)
		}
	}
}
