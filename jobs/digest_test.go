package jobs_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/inbox"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/notify"
	"github.com/schakel-nl/schakel/notify/notifytest"
	"github.com/schakel-nl/schakel/requests"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store/storetest"
)

func TestDigest(t *testing.T) {
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			// Monday 2 March 2026, 06:00 in Amsterdam: before the digest hour.
			clock := schakeltest.NewClock(time.Date(2026, 3, 2, 5, 0, 0, 0, time.UTC))
			st := be.Open(t, clock)
			if _, err := st.SeedPrinciples(ctx, schakel.DefaultPrinciples()); err != nil {
				t.Fatal(err)
			}
			uwv := storetest.MustOrganisation(t, st, "uwv", schakel.OrgExecutive)
			coord := storetest.MustMailUser(t, st, "coord", "coord@uwv.example", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator})
			idle := storetest.MustMailUser(t, st, "idle", "idle@uwv.example", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleBoard})
			quiet := storetest.MustMailUser(t, st, "quiet", "quiet@uwv.example", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleCoordinator})
			prof := storetest.MustUser(t, st, "prof", schakel.Membership{OrganisationID: uwv.ID, Role: schakel.RoleProfessional})
			rs := requests.New(st, &comply.Engine{Calendar: calendar.New()}, clock)
			box := inbox.New(rs, nil, nil, st, clock)
			if _, err := rs.Create(ctx, prof, requests.CreateInput{Type: schakel.TypeProfessionalBrake, Subject: "Stop de terugvordering", AddresseeCode: "uwv",
				Grounds: []schakel.Ground{{Principle: "evenredigheid", Text: "Onevenredig."}}}); err != nil {
				t.Fatal(err)
			}
			// coord and idle want the digest (idle has no work); quiet does not.
			for _, u := range []*schakel.User{coord, idle} {
				if err := box.SetDigest(ctx, u, true); err != nil {
					t.Fatal(err)
				}
			}
			sink := notifytest.NewSMTPSink(t)
			mailer, err := notify.NewSMTPMailer(notify.SMTPConfig{Host: sink.Host(), Port: sink.Port(), TLS: notify.TLSNone,
				From: "schakel <noreply@schakel.example>", Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			var logs bytes.Buffer
			d := &jobs.Digest{Store: st, Work: box, Mailer: mailer, Clock: clock, BaseURL: "https://schakel.example", Log: slog.New(slog.NewTextHandler(&logs, nil))}
			run := func() (int, int) {
				t.Helper()
				sent, failed, err := d.RunOnce(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return sent, failed
			}

			if sent, _ := run(); sent != 0 || len(sink.Messages()) != 0 {
				t.Fatalf("before 07:00: %d sent", sent)
			}
			clock.Set(time.Date(2026, 3, 2, 6, 30, 0, 0, time.UTC)) // 07:30 in Amsterdam
			if sent, failed := run(); sent != 1 || failed != 0 {
				t.Fatalf("sent %d, failed %d; want one digest", sent, failed)
			}
			msgs := sink.Messages()
			if len(msgs) != 1 || msgs[0].To[0] != "coord@uwv.example" {
				t.Fatalf("messages %v", msgs)
			}
			if s := msgs[0].Subject(); s != "schakel: 1 open in uw postvak" {
				t.Errorf("subject %q", s)
			}
			text := msgs[0].Text()
			for _, want := range []string{"Noodrem", "Stop de terugvordering", "uiterlijk", "https://schakel.example/verzoeken/", "https://schakel.example/postvak", "/instellingen", "In English: 1 open in your schakel inbox, 0 overdue"} {
				if !strings.Contains(text, want) {
					t.Errorf("digest lacks %q:\n%s", want, text)
				}
			}
			// At most one a day, however often the job runs.
			clock.Advance(3 * time.Hour)
			if sent, _ := run(); sent != 0 || len(sink.Messages()) != 1 {
				t.Fatalf("second run the same day sent %d", sent)
			}
			// The next day again; turned off, never.
			clock.Advance(24 * time.Hour)
			if sent, _ := run(); sent != 1 || len(sink.Messages()) != 2 {
				t.Fatalf("next day sent %d", sent)
			}
			if err := box.SetDigest(ctx, coord, false); err != nil {
				t.Fatal(err)
			}
			clock.Advance(24 * time.Hour)
			if sent, _ := run(); sent != 0 || len(sink.Messages()) != 2 {
				t.Fatalf("turned off, sent %d", sent)
			}
			// A refused mail counts as failed and is not retried that day.
			if err := box.SetDigest(ctx, coord, true); err != nil {
				t.Fatal(err)
			}
			clock.Advance(24 * time.Hour)
			sink.Refuse(true)
			if sent, failed := run(); sent != 0 || failed != 1 {
				t.Fatalf("refused: sent %d, failed %d", sent, failed)
			}
			sink.Refuse(false)
			if sent, _ := run(); sent != 0 {
				t.Fatalf("retried the same day: %d", sent)
			}
			// Working days only: nothing on Saturday and Sunday, again on
			// Monday.
			clock.Advance(2 * 24 * time.Hour)
			if wd := clock.Now().In(calendar.Location()).Weekday(); wd != time.Saturday {
				t.Fatalf("the test's Saturday is a %s", wd)
			}
			for range 2 {
				if sent, _ := run(); sent != 0 {
					t.Fatalf("sent %d on a %s", sent, clock.Now().In(calendar.Location()).Weekday())
				}
				clock.Advance(24 * time.Hour)
			}
			if sent, _ := run(); sent != 1 {
				t.Fatalf("Monday: sent %d", sent)
			}
			// No personal data in the logs.
			d.Run(cancelled(ctx), time.Hour)
			for _, secret := range []string{"coord@uwv.example", "Stop de terugvordering", coord.Name} {
				if strings.Contains(logs.String(), secret) {
					t.Errorf("the log holds %q: %s", secret, logs.String())
				}
			}
			_ = quiet
		})
	}
}

// cancelled returns a context that is done, so Run does one round.
func cancelled(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	return ctx
}

func TestDigestWithoutMailer(t *testing.T) {
	d := &jobs.Digest{Clock: schakeltest.NewClock(time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC))}
	if sent, failed, err := d.RunOnce(context.Background()); sent != 0 || failed != 0 || err != nil {
		t.Fatalf("without a mailer: %d, %d, %v", sent, failed, err)
	}
}
