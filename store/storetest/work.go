package storetest

import (
	"slices"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

func init() {
	tests["WorkSettings"] = testWorkSettings
	tests["MarkInboxSeen"] = testWorkSettings
	tests["SetDigest"] = testDigest
	tests["DigestRecipients"] = testDigest
	tests["ClaimDigest"] = testDigest
	tests["CreateNotificationAddress"] = testNotificationAddresses
	tests["NotificationAddress"] = testNotificationAddresses
	tests["NotificationAddresses"] = testNotificationAddresses
	tests["RetireNotificationAddress"] = testNotificationAddresses
	tests["RecordNotificationTest"] = testNotificationTests
	tests["NotificationTests"] = testNotificationTests
}

func testWorkSettings(e *env) {
	f := newNotifyFixture(e)
	ws, err := e.s.WorkSettings(e.ctx, f.coordA.ID)
	must(e.t, err)
	if *ws != (schakel.WorkSettings{UserID: f.coordA.ID}) {
		e.t.Fatalf("settings of a user who set nothing: %+v", ws)
	}
	first := e.clock.Now()
	must(e.t, e.s.MarkInboxSeen(e.ctx, f.coordA.ID, first))
	later := first.Add(time.Hour)
	must(e.t, e.s.MarkInboxSeen(e.ctx, f.coordA.ID, later))
	// An earlier time (a slow request) does not move the mark back.
	must(e.t, e.s.MarkInboxSeen(e.ctx, f.coordA.ID, first))
	ws, err = e.s.WorkSettings(e.ctx, f.coordA.ID)
	must(e.t, err)
	if !ws.InboxSeenAt.Equal(later) || ws.Digest || !ws.DigestSentOn.IsZero() {
		e.t.Fatalf("after marks: %+v, want seen at %v", ws, later)
	}
	// Another user is untouched.
	if ws, _ := e.s.WorkSettings(e.ctx, f.coordB.ID); !ws.InboxSeenAt.IsZero() {
		e.t.Fatalf("other user seen at %v", ws.InboxSeenAt)
	}
	wantCode(e.t, e.s.MarkInboxSeen(e.ctx, 999999, first), schakel.ENOTFOUND)
}

func testDigest(e *env) {
	f := newNotifyFixture(e)
	day := calendar.DateOf(2026, 3, 2)
	recipients := func(day calendar.Date, after int64, limit int) []int64 {
		e.t.Helper()
		ids, err := e.s.DigestRecipients(e.ctx, day, after, limit)
		must(e.t, err)
		return ids
	}
	if got := recipients(day, 0, 10); len(got) != 0 {
		e.t.Fatalf("recipients before anyone opted in: %v", got)
	}
	must(e.t, e.s.MarkInboxSeen(e.ctx, f.coordA.ID, e.clock.Now()))
	must(e.t, e.s.SetDigest(e.ctx, f.coordB.ID, true))
	must(e.t, e.s.SetDigest(e.ctx, f.boardM.ID, true))
	must(e.t, e.s.SetDigest(e.ctx, f.prof.ID, true))
	must(e.t, e.s.SetDigest(e.ctx, f.prof.ID, false))
	want := []int64{f.coordB.ID, f.boardM.ID}
	slices.Sort(want)
	if got := recipients(day, 0, 10); !slices.Equal(got, want) {
		e.t.Fatalf("recipients %v, want %v", got, want)
	}
	if got := recipients(day, want[0], 10); !slices.Equal(got, want[1:]) {
		e.t.Fatalf("recipients after %d: %v, want %v", want[0], got, want[1:])
	}
	if got := recipients(day, 0, 1); !slices.Equal(got, want[:1]) {
		e.t.Fatalf("one recipient: %v, want %v", got, want[:1])
	}
	// One claim per day: the second of two instances gets false.
	ok, err := e.s.ClaimDigest(e.ctx, f.coordB.ID, day)
	must(e.t, err)
	again, err := e.s.ClaimDigest(e.ctx, f.coordB.ID, day)
	must(e.t, err)
	if !ok || again {
		e.t.Fatalf("claims of one day: %v then %v, want true then false", ok, again)
	}
	if got := recipients(day, 0, 10); !slices.Equal(got, []int64{f.boardM.ID}) {
		e.t.Fatalf("recipients after a claim: %v", got)
	}
	ws, err := e.s.WorkSettings(e.ctx, f.coordB.ID)
	must(e.t, err)
	if !ws.Digest || ws.DigestSentOn != day {
		e.t.Fatalf("settings after a claim: %+v", ws)
	}
	// The next day the digest is due again; who opted out is never claimed.
	next := day.AddDays(1)
	if got := recipients(next, 0, 10); !slices.Equal(got, want) {
		e.t.Fatalf("recipients next day %v, want %v", got, want)
	}
	if ok, err := e.s.ClaimDigest(e.ctx, f.prof.ID, next); err != nil || ok {
		e.t.Fatalf("claim of an opted-out user: %v, %v", ok, err)
	}
	if ok, err := e.s.ClaimDigest(e.ctx, f.coordB.ID, next); err != nil || !ok {
		e.t.Fatalf("claim next day: %v, %v", ok, err)
	}
	wantCode(e.t, e.s.SetDigest(e.ctx, 999999, true), schakel.ENOTFOUND)
}

func testNotificationAddresses(e *env) {
	f := newNotifyFixture(e)
	a := &schakel.NotificationAddress{OrganisationID: f.uwv.ID, Email: "postvak@uwv.example"}
	must(e.t, e.s.CreateNotificationAddress(e.ctx, a))
	if a.ID == 0 || !a.CreatedAt.Equal(e.clock.Now()) {
		e.t.Fatalf("created %+v", a)
	}
	dup := &schakel.NotificationAddress{OrganisationID: f.uwv.ID, Email: "postvak@uwv.example"}
	wantFields(e.t, e.s.CreateNotificationAddress(e.ctx, dup), "email")
	wantFields(e.t, e.s.CreateNotificationAddress(e.ctx, &schakel.NotificationAddress{OrganisationID: 999999, Email: "x@y.example"}), "organisatieId")
	other := &schakel.NotificationAddress{OrganisationID: f.svb.ID, Email: "postvak@svb.example"}
	must(e.t, e.s.CreateNotificationAddress(e.ctx, other))
	got, err := e.s.NotificationAddress(e.ctx, a.ID)
	must(e.t, err)
	if *got != *a {
		e.t.Fatalf("read %+v, want %+v", got, a)
	}
	if _, err := e.s.NotificationAddress(e.ctx, 999999); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("unknown address: %v", err)
	}

	// A new request to uwv's coordinators also goes to the address.
	r := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "Naar het teampostvak")
	queueAll(e, e.clock.Now())
	if ls := lines(allNotifications(e), r.ID); !slices.Contains(ls, "aangemaakt email postvak@uwv.example") {
		e.t.Fatalf("notifications %v lack the organisation's address", ls)
	}

	e.clock.Advance(time.Minute)
	must(e.t, e.s.RetireNotificationAddress(e.ctx, a.ID, e.clock.Now()))
	wantCode(e.t, e.s.RetireNotificationAddress(e.ctx, a.ID, e.clock.Now()), schakel.ECONFLICT)
	if err := e.s.RetireNotificationAddress(e.ctx, 999999, e.clock.Now()); schakel.ErrorCode(err) != schakel.ENOTFOUND {
		e.t.Fatalf("retire unknown: %v, want ENOTFOUND", err)
	}
	r2 := f.create(e, schakel.TypeGeneral, user(f.burger), f.uwv, "Niet meer naar het teampostvak")
	queueAll(e, e.clock.Now())
	if ls := lines(allNotifications(e), r2.ID); slices.Contains(ls, "aangemaakt email postvak@uwv.example") {
		e.t.Fatalf("a retired address still hears: %v", ls)
	}
	// Retired, the address may be added again.
	must(e.t, e.s.CreateNotificationAddress(e.ctx, &schakel.NotificationAddress{OrganisationID: f.uwv.ID, Email: "postvak@uwv.example"}))
	as, err := e.s.NotificationAddresses(e.ctx, f.uwv.ID)
	must(e.t, err)
	if len(as) != 2 || as[0].ID != a.ID || !as[0].RetiredAt.Equal(e.clock.Now()) || !as[1].RetiredAt.IsZero() {
		e.t.Fatalf("addresses of uwv: %+v", as)
	}
}

func testNotificationTests(e *env) {
	f := newNotifyFixture(e)
	now := e.clock.Now()
	ok := &schakel.NotificationTest{OrganisationID: f.uwv.ID, Channel: schakel.ChannelWebhook, Target: f.hookUWV.URL, WebhookID: f.hookUWV.ID,
		CreatedAt: now, DeliveredAt: now.Add(time.Second)}
	must(e.t, e.s.RecordNotificationTest(e.ctx, ok))
	failed := &schakel.NotificationTest{OrganisationID: f.uwv.ID, Channel: schakel.ChannelEmail, Target: "postvak@uwv.example",
		CreatedAt: now.Add(time.Minute), Error: "geen e-mailserver ingesteld"}
	must(e.t, e.s.RecordNotificationTest(e.ctx, failed))
	must(e.t, e.s.RecordNotificationTest(e.ctx, &schakel.NotificationTest{OrganisationID: f.svb.ID, Channel: schakel.ChannelWebhook,
		Target: f.hookSVB.URL, WebhookID: f.hookSVB.ID, CreatedAt: now}))
	wantFields(e.t, e.s.RecordNotificationTest(e.ctx, &schakel.NotificationTest{OrganisationID: f.uwv.ID, Channel: schakel.ChannelWebhook,
		Target: "https://x.example", WebhookID: 999999, CreatedAt: now}), "organisatieId")
	got, err := e.s.NotificationTests(e.ctx, []int64{f.uwv.ID}, 10)
	must(e.t, err)
	if len(got) != 2 || *got[0] != *failed || *got[1] != *ok {
		e.t.Fatalf("tests of uwv: %+v, want %+v and %+v", got, failed, ok)
	}
	if got, err := e.s.NotificationTests(e.ctx, []int64{f.uwv.ID, f.svb.ID}, 1); err != nil || len(got) != 1 {
		e.t.Fatalf("limit 1: %d (%v)", len(got), err)
	}
	if got, err := e.s.NotificationTests(e.ctx, nil, 10); err != nil || len(got) != 0 {
		e.t.Fatalf("no organisations: %d (%v)", len(got), err)
	}
}
