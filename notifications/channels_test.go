package notifications_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/notifications"
	"github.com/schakel-nl/schakel/notify"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestCheckEmail(t *testing.T) {
	for _, tc := range []struct {
		in, want, code string
	}{
		{"team@uwv.nl", "team@uwv.nl", ""},
		{"  team@uwv.nl ", "team@uwv.nl", ""},
		{"", "", "required"},
		{"geen adres", "geen adres", "format"},
		{"Team <team@uwv.nl>", "Team <team@uwv.nl>", "format"},
		{"team@localhost", "team@localhost", "format"},
		{"a@b.nl, c@d.nl", "a@b.nl, c@d.nl", "format"},
	} {
		var v schakel.Validation
		got := notifications.CheckEmail(&v, "email", tc.in)
		code := ""
		if fs := v.Fields(); len(fs) > 0 {
			code = fs[0].Code
		}
		if got != tc.want || code != tc.code {
			t.Errorf("CheckEmail(%q) = %q, %q; want %q, %q", tc.in, got, code, tc.want, tc.code)
		}
	}
}

// recordingMailer stands in for the SMTP server: it keeps the recipients.
type recordingMailer struct{ to []string }

func (m *recordingMailer) Send(_ context.Context, to, _, _ string) error {
	m.to = append(m.to, to)
	return nil
}

func TestChannels(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			svb := storetest.MustOrganisation(t, st, "svb", schakel.OrgExecutive)
			admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			svbAdmin := storetest.MustUser(t, st, "svb-beheer", schakel.Membership{OrganisationID: svb.ID, Role: schakel.RoleAdmin})
			mailer := &recordingMailer{}
			got := 0
			hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got++ }))
			t.Cleanup(hook.Close)
			svc := notifications.New(st, clock).WithSenders(&notify.WebhookClient{AllowPrivate: true}, mailer)

			if orgs, err := svc.Administered(ctx, admin); err != nil || len(orgs) != 1 || orgs[0].ID != uwv.ID {
				t.Fatalf("administered %v, %v", orgs, err)
			}
			if _, err := svc.AddAddress(ctx, svbAdmin, "uwv", "x@uwv.nl", nil); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
				t.Fatalf("another organisation's admin: %v", err)
			}
			if _, err := svc.AddAddress(ctx, admin, "uwv", "fout", []schakel.FieldError{{Field: "iets", Code: "x", Format: "x"}}); !slices.Equal(fieldNames(err), []string{"email", "iets"}) {
				t.Fatalf("bad address and a transport problem: %v", err)
			}
			a, err := svc.AddAddress(ctx, admin, "uwv", "team@uwv.nl", nil)
			if err != nil {
				t.Fatal(err)
			}
			_, wh, err := svc.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: hook.URL + "/x"})
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				ch schakel.Channel
				id int64
			}{{schakel.ChannelEmail, a.ID}, {schakel.ChannelWebhook, wh.ID}} {
				res, err := svc.SendTest(ctx, admin, "uwv", tc.ch, tc.id)
				if err != nil || res.Error != "" || res.DeliveredAt.IsZero() {
					t.Fatalf("test to %s: %+v, %v", tc.ch, res, err)
				}
			}
			if got != 1 || !slices.Equal(mailer.to, []string{"team@uwv.nl"}) {
				t.Fatalf("hook got %d, mail to %v", got, mailer.to)
			}
			if _, err := svc.SendTest(ctx, svbAdmin, "svb", schakel.ChannelWebhook, wh.ID); schakel.ErrorCode(err) != schakel.ENOTFOUND {
				t.Fatalf("another organisation's webhook: %v", err)
			}
			if _, err := svc.SendTest(ctx, admin, "uwv", "fax", 1); !slices.Equal(fieldNames(err), []string{"kanaal"}) {
				t.Fatalf("unknown channel: %v", err)
			}
			if err := svc.RetireAddress(ctx, admin, "uwv", a.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.SendTest(ctx, admin, "uwv", schakel.ChannelEmail, a.ID); schakel.ErrorCode(err) != schakel.ECONFLICT {
				t.Fatalf("test to a retired address: %v", err)
			}
			tests, err := svc.Tests(ctx, admin, 10)
			if err != nil || len(tests) != 2 {
				t.Fatalf("tests %d, %v", len(tests), err)
			}
			if others, err := svc.Tests(ctx, svbAdmin, 10); err != nil || len(others) != 0 {
				t.Fatalf("svb's admin sees %d tests, %v", len(others), err)
			}
		})
	}
}

// TestSendTestRefusesInternalAddress: with the switch off (the default) a
// test send to a webhook on 127.0.0.1 fails with the class "adres niet
// toegestaan" — no dial error naming the address and port — and never
// reaches the receiver; with the switch on it is delivered.
func TestSendTestRefusesInternalAddress(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
			var hits atomic.Int32
			hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
			t.Cleanup(hook.Close)
			svc := notifications.New(st, clock).WithSenders(&notify.WebhookClient{}, nil)
			open := notifications.New(st, clock).WithSenders(&notify.WebhookClient{AllowPrivate: true}, nil)
			// Registered while internal addresses were allowed (or under a
			// name that resolves to one): refused when schakel connects.
			_, wh, err := open.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: hook.URL + "/x?token=geheim"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := svc.SendTest(ctx, admin, "uwv", schakel.ChannelWebhook, wh.ID)
			if err != nil || res.Error != notify.FailNotAllowed || !res.DeliveredAt.IsZero() {
				t.Fatalf("test to 127.0.0.1 with the switch off: %+v, %v", res, err)
			}
			if n := hits.Load(); n != 0 {
				t.Fatalf("the receiver got %d posts", n)
			}
			tests, err := svc.Tests(ctx, admin, 10)
			if err != nil || len(tests) != 1 || tests[0].Error != notify.FailNotAllowed {
				t.Fatalf("history %+v, %v", tests, err)
			}
			res, err = open.SendTest(ctx, admin, "uwv", schakel.ChannelWebhook, wh.ID)
			if err != nil || res.Error != "" || res.DeliveredAt.IsZero() || hits.Load() != 1 {
				t.Fatalf("test with the switch on: %+v, %v, %d posts", res, err, hits.Load())
			}
		})
	}
}

// TestCreateWebhookRefusesInternalHost: with internal addresses refused,
// a webhook whose URL names one outright (or localhost) is refused when it
// is registered, on its field and in words; a public name is accepted, and
// so is everything with the switch on.
func TestCreateWebhookRefusesInternalHost(t *testing.T) {
	ctx := context.Background()
	clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	st := storetest.OpenSQLite(t, clock)
	uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
	admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
	closed := notifications.New(st, clock).WithSenders(&notify.WebhookClient{}, nil)
	open := notifications.New(st, clock).WithSenders(&notify.WebhookClient{AllowPrivate: true}, nil)
	for _, u := range []string{"http://127.0.0.1:5432/x", "http://localhost:8080/x", "https://api.localhost/x", "http://[::1]/x",
		"http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data", "http://192.168.0.1/", "http://[fe80::1]/", "http://0.0.0.0/"} {
		_, _, err := closed.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: u})
		if fs := schakel.ErrorFields(err); len(fs) != 1 || fs[0].Field != "url" || fs[0].Code != "internal" {
			t.Errorf("%s: %v, want refused on url as internal", u, err)
		}
		if _, _, err := open.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: u}); err != nil {
			t.Errorf("%s with internal addresses allowed: %v", u, err)
		}
	}
	if _, _, err := closed.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: "https://hooks.voorbeeld.nl/schakel"}); err != nil {
		t.Errorf("a public name: %v", err)
	}
}

// TestCreateWebhookInAllowedRange: with one internal range allowed, a
// webhook to an address in it is registered, one to another internal
// address still refused on its field.
func TestCreateWebhookInAllowedRange(t *testing.T) {
	ctx := context.Background()
	clock := schakeltest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	st := storetest.OpenSQLite(t, clock)
	storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
	uwv, err := st.OrganisationByCode(ctx, "uwv")
	if err != nil {
		t.Fatal(err)
	}
	admin := storetest.MustUser(t, st, "beheer", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleAdmin})
	ranged := notifications.New(st, clock).WithSenders(&notify.WebhookClient{AllowRanges: []netip.Prefix{netip.MustParsePrefix("10.20.0.0/16")}}, nil)
	if _, _, err := ranged.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: "https://10.20.3.4/schakel"}); err != nil {
		t.Fatalf("an address in the allowed range: %v", err)
	}
	_, _, err = ranged.CreateWebhook(ctx, admin, "uwv", notifications.WebhookInput{URL: "https://10.21.3.4/schakel"})
	if fs := schakel.ErrorFields(err); len(fs) != 1 || fs[0].Field != "url" || fs[0].Code != "internal" {
		t.Fatalf("an internal address outside the range: %v", err)
	}
}

func fieldNames(err error) []string {
	var out []string
	for _, f := range schakel.ErrorFields(err) {
		out = append(out, f.Field)
	}
	slices.Sort(out)
	return out
}
