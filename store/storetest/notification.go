package storetest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/store"
)

func init() {
	tests["QueueNotifications"] = testQueueNotifications
	tests["ClaimNotifications"] = testClaimNotifications
	tests["NotificationDelivered"] = testNotificationDelivered
	tests["NotificationFailed"] = testNotificationFailed
	tests["RetryNotification"] = testRetryNotification
	tests["Notifications"] = testNotifications
	tests["CreateWebhook"] = testCreateWebhook
	tests["Webhook"] = testWebhook
	tests["Webhooks"] = testWebhooks
	tests["RetireWebhook"] = testRetireWebhook
}

// MustMailUser logs in a user with an e-mail address and the given
// memberships, or fails the test.
func MustMailUser(tb testing.TB, s *store.Store, subject, email string, ms ...schakel.Membership) *schakel.User {
	tb.Helper()
	u := &schakel.User{Issuer: "https://idp.test", Subject: subject, Name: "Gebruiker " + subject, Email: email}
	if err := s.LoginUser(tb.Context(), u); err != nil {
		tb.Fatalf("login user %s: %v", subject, err)
	}
	for _, m := range ms {
		m.UserID = u.ID
		if err := s.AddMembership(tb.Context(), m); err != nil {
			tb.Fatalf("add membership: %v", err)
		}
	}
	return u
}

// notifyFixture is reqFixture with e-mail addresses and webhooks: two
// coordinators of uwv with an address (and f.coord without), a board member
// of uwv, a policy officer of szw, a professional of uwv (not on any
// ladder) and someone at svb; an active and a retired webhook at uwv, one at
// szw and one at svb.
type notifyFixture struct {
	*reqFixture
	coordA, coordB, boardM, policyM, prof, svbM *schakel.User
	hookUWV, hookRetired, hookSZW, hookSVB      *schakel.Webhook
}

func newNotifyFixture(e *env) *notifyFixture {
	e.t.Helper()
	f := &notifyFixture{reqFixture: newReqFixture(e)}
	f.coordA = MustMailUser(e.t, e.s, "coord-a", "coord-a@uwv.example", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleCoordinator})
	f.coordB = MustMailUser(e.t, e.s, "coord-b", "coord-b@uwv.example", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleCoordinator},
		schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleProfessional})
	f.boardM = MustMailUser(e.t, e.s, "bestuur-m", "bestuur@uwv.example", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleBoard})
	f.policyM = MustMailUser(e.t, e.s, "beleid-m", "beleid@szw.example", schakel.Membership{OrganisationID: f.szw.ID, Role: schakel.RolePolicy})
	f.prof = MustMailUser(e.t, e.s, "prof", "prof@uwv.example", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleProfessional})
	f.svbM = MustMailUser(e.t, e.s, "svb-m", "coord@svb.example", schakel.Membership{OrganisationID: f.svb.ID, Role: schakel.RoleCoordinator})
	hook := func(org *schakel.Organisation, url string) *schakel.Webhook {
		w := &schakel.Webhook{OrganisationID: org.ID, URL: url, Secret: "geheim-" + org.Code}
		must(e.t, e.s.CreateWebhook(e.ctx, w))
		return w
	}
	f.hookUWV = hook(f.uwv, "https://uwv.example/hook")
	f.hookRetired = hook(f.uwv, "https://uwv.example/oud")
	must(e.t, e.s.RetireWebhook(e.ctx, f.hookRetired.ID, e.clock.Now()))
	f.hookSZW = hook(f.szw, "https://szw.example/hook")
	f.hookSVB = hook(f.svb, "https://svb.example/hook")
	return f
}

// sent is one notification as a comparable line: "type channel target".
func sent(n *schakel.Notification) string {
	return fmt.Sprintf("%s %s %s", n.EventType, n.Channel, n.Target)
}

// allNotifications returns every stored notification, oldest first.
func allNotifications(e *env) []*schakel.Notification {
	e.t.Helper()
	ns, total, err := e.s.Notifications(e.ctx, schakel.NotificationFilter{Limit: 500})
	must(e.t, err)
	if total != len(ns) {
		e.t.Fatalf("total %d, listed %d", total, len(ns))
	}
	slices.Reverse(ns)
	return ns
}

// lines returns the notifications of request id as sorted lines.
func lines(ns []*schakel.Notification, requestID int64) []string {
	var out []string
	for _, n := range ns {
		if n.RequestID == requestID {
			out = append(out, sent(n))
		}
	}
	sort.Strings(out)
	return out
}

// queueAll queues until the outbox is empty and returns the events considered.
func queueAll(e *env, now time.Time) int {
	e.t.Helper()
	total := 0
	for {
		n, err := e.s.QueueNotifications(e.ctx, now, 100)
		must(e.t, err)
		total += n
		if n == 0 {
			return total
		}
	}
}

// queueWorld is what testQueueNotifications queues: one brake through its
// life (r), a brake pulled by a coordinator with an address at their own
// organisation (own) and an anonymous objection at svb (anon), with the
// number of their events.
type queueWorld struct {
	f            *notifyFixture
	r, own, anon *schakel.Request
	events       int
}

func newQueueWorld(e *env) *queueWorld {
	e.t.Helper()
	w := &queueWorld{f: newNotifyFixture(e)}
	f := w.f
	// A coordinator of uwv with an address, switched off: keeps the role,
	// hears nothing.
	off := MustMailUser(e.t, e.s, "coord-uit", "coord-uit@uwv.example", schakel.Membership{OrganisationID: f.uwv.ID, Role: schakel.RoleCoordinator})
	if _, err := e.s.SetUserDisabled(e.ctx, off.ID, true, schakel.Change{Via: schakel.ViaCommand}); err != nil {
		e.t.Fatal(err)
	}
	if got := e.count("notify_outbox"); got != 0 {
		e.t.Fatalf("%d events in the outbox before any request", got)
	}
	// One brake through its life: created (coordinator@uwv), acknowledged,
	// reminded, answered with an explain, contested (bestuur@uwv) and
	// escalated when the board misses its deadline (beleid@szw).
	r := f.brake(e, "Stop de terugvordering")
	r = apply(e, r)(f.eng.Acknowledge(r, user(f.coordA), e.clock.Now()))
	e.clock.Set(r.ReminderAt)
	r = apply(e, r)(f.eng.Sweep(r, r.ReminderAt))
	r = apply(e, r)(f.eng.Answer(r, user(f.coordA), comply.AnswerInput{Kind: schakel.Explain,
		Motivations: map[string]string{"zorgvuldigheid": "Wel zorgvuldig.", "motivering": "Staat in de bijlage."}}, e.clock.Now()))
	r = apply(e, r)(f.eng.Contest(r, user(f.burger), "Het antwoord gaat er niet op in.", e.clock.Now()))
	if r.Rung != 1 {
		e.t.Fatalf("after contest at rung %d", r.Rung)
	}
	e.clock.Set(r.AnswerDeadline)
	r = apply(e, r)(f.eng.Sweep(r, r.AnswerDeadline))
	if r.Rung != 2 || r.State != schakel.StateEscalated {
		e.t.Fatalf("after sweep: rung %d, %s", r.Rung, r.State)
	}
	w.r = r
	// A brake pulled by a coordinator of uwv with an address: the other
	// coordinator hears of it, the requester does not.
	w.own = f.create(e, schakel.TypeProfessionalBrake, user(f.coordA), f.uwv, "Eigen noodrem")
	// An anonymous objection at svb: svb's coordinator and webhook.
	w.anon = f.create(e, schakel.TypeObjection, schakel.Party{Kind: schakel.PartyAnonymous}, f.svb, "Anoniem bezwaar")
	w.events = e.count("request_events")
	if got := e.count("notify_outbox"); got != w.events {
		e.t.Fatalf("%d events in the outbox, want all %d", got, w.events)
	}
	return w
}

func testQueueNotifications(e *env) {
	w := newQueueWorld(e)
	now := e.clock.Now()
	var ns []*schakel.Notification
	e.step("every event once", func(e *env) {
		if got := queueAll(e, now); got != w.events {
			e.t.Fatalf("considered %d events, want %d", got, w.events)
		}
		if got := e.count("notify_outbox"); got != 0 {
			e.t.Fatalf("%d events left in the outbox", got)
		}
		ns = allNotifications(e)
	})
	e.step("who hears", func(e *env) { wantQueuedTargets(e, w, ns) })
	e.step("what they hear", func(e *env) {
		evs, err := e.s.Events(e.ctx, w.r.ID)
		must(e.t, err)
		for _, n := range ns {
			wantNewNotification(e, w, n, now, evs)
		}
		if n, err := e.s.QueueNotifications(e.ctx, now, 10); err != nil || n != 0 {
			e.t.Fatalf("empty outbox: considered %d (%v)", n, err)
		}
	})
	before := len(ns)
	e.step("idempotent", func(e *env) {
		// Queuing is idempotent: an event put back in the outbox (a
		// restored database) adds nothing.
		must(e.t, e.rawExec("INSERT INTO notify_outbox (event_id) SELECT id FROM request_events"))
		if got := queueAll(e, now.Add(time.Hour)); got != w.events {
			e.t.Fatalf("considered %d again, want %d", got, w.events)
		}
		if got := e.count("notifications"); got != before {
			e.t.Fatalf("queuing again made %d notifications, want %d", got, before)
		}
	})
	e.step("limit", func(e *env) {
		// The limit caps the events per call.
		for i := range 3 {
			w.f.brake(e, fmt.Sprintf("Limiet %d", i))
		}
		for _, want := range []int{2, 1, 0} {
			got, err := e.s.QueueNotifications(e.ctx, now, 2)
			must(e.t, err)
			if got != want {
				e.t.Fatalf("limit 2 considered %d, want %d", got, want)
			}
		}
	})
	e.step("concurrent queuers", func(e *env) {
		considered, more := queueConcurrently(e, w.f, now)
		if considered != more {
			e.t.Fatalf("concurrent queuers considered %d events, want %d", considered, more)
		}
		// 13 brakes since: two coordinators and the webhook each.
		if got, want := e.count("notifications"), before+13*3; got != want {
			e.t.Fatalf("%d notifications, want %d", got, want)
		}
	})
}

// wantQueuedTargets fails unless ns, queued for w, go to exactly whom they
// should.
func wantQueuedTargets(e *env, w *queueWorld, ns []*schakel.Notification) {
	e.t.Helper()
	want := []string{
		"aangemaakt email coord-a@uwv.example", "aangemaakt email coord-b@uwv.example", "aangemaakt webhook https://uwv.example/hook",
		"betwist email bestuur@uwv.example", "betwist webhook https://uwv.example/hook",
		"geescaleerd email beleid@szw.example", "geescaleerd webhook https://szw.example/hook",
		"herinnering email coord-a@uwv.example", "herinnering email coord-b@uwv.example", "herinnering webhook https://uwv.example/hook",
	}
	if got := lines(ns, w.r.ID); !slices.Equal(got, want) {
		e.t.Fatalf("notifications of the brake:\n got %q\nwant %q", got, want)
	}
	// A coordinator who pulls at their own organisation is told like the
	// other coordinators: leaving them out would single out the puller of
	// a protected brake.
	if got, want := lines(ns, w.own.ID), []string{"aangemaakt email coord-a@uwv.example", "aangemaakt email coord-b@uwv.example", "aangemaakt webhook https://uwv.example/hook"}; !slices.Equal(got, want) {
		e.t.Fatalf("notifications of the brake pulled by a coordinator: %q, want %q (every addressee, the puller too)", got, want)
	}
	if got, want := lines(ns, w.anon.ID), []string{"aangemaakt email coord@svb.example", "aangemaakt webhook https://svb.example/hook"}; !slices.Equal(got, want) {
		e.t.Fatalf("notifications of the anonymous objection: %q, want %q", got, want)
	}
}

// wantNewNotification fails unless n, just queued at now, is due at now
// with no attempts, names its webhook (or none for an e-mail) and its
// target's organisation, and, for w.r, the event (of evs) it tells of.
func wantNewNotification(e *env, w *queueWorld, n *schakel.Notification, now time.Time, evs []*schakel.Event) {
	e.t.Helper()
	f := w.f
	if !n.CreatedAt.Equal(now) || !n.NextAttemptAt.Equal(now) || n.Attempts != 0 || n.LastError != "" || n.State() != schakel.NotificationPending {
		e.t.Fatalf("new notification %+v: want created and due at %v, no attempts", n, now)
	}
	switch n.Channel {
	case schakel.ChannelWebhook:
		if (n.Target == f.hookUWV.URL && n.WebhookID != f.hookUWV.ID) || (n.Target == f.hookSZW.URL && n.WebhookID != f.hookSZW.ID) {
			e.t.Fatalf("webhook notification %+v names the wrong webhook", n)
		}
	case schakel.ChannelEmail:
		if n.WebhookID != 0 {
			e.t.Fatalf("e-mail notification %+v has a webhook", n)
		}
	}
	wantOrg := map[string]int64{
		"coord-a@uwv.example": f.uwv.ID, "coord-b@uwv.example": f.uwv.ID, "bestuur@uwv.example": f.uwv.ID, "https://uwv.example/hook": f.uwv.ID,
		"beleid@szw.example": f.szw.ID, "https://szw.example/hook": f.szw.ID,
		"coord@svb.example": f.svb.ID, "https://svb.example/hook": f.svb.ID,
	}[n.Target]
	if n.OrganisationID != wantOrg {
		e.t.Fatalf("notification %s is for organisation %d, want %d", sent(n), n.OrganisationID, wantOrg)
	}
	if n.RequestID == w.r.ID {
		if ev := evs[n.Seq-1]; ev.Type != n.EventType {
			e.t.Fatalf("notification %s has seq %d, which is a %s", sent(n), n.Seq, ev.Type)
		}
	}
}

// queueConcurrently runs four queuers at once (on PostgreSQL: several
// connections, as several instances) while new events arrive, until the
// outbox is empty; it returns the events they considered and the events
// that arrived.
func queueConcurrently(e *env, f *notifyFixture, now time.Time) (considered, more int) {
	e.t.Helper()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// As in the racing sequencers (ledger.go): only a call
				// that began after the writes may end the loop.
				last := false
				select {
				case <-stop:
					last = true
				default:
				}
				n, err := e.s.QueueNotifications(e.ctx, now, 3)
				if err != nil {
					e.t.Error(err)
					return
				}
				mu.Lock()
				considered += n
				mu.Unlock()
				if last && n == 0 {
					return
				}
			}
		}()
	}
	for i := range 10 {
		b := f.brake(e, fmt.Sprintf("Race %d", i))
		apply(e, b)(f.eng.Acknowledge(b, user(f.coordA), e.clock.Now()))
		more += 2
	}
	close(stop)
	wg.Wait()
	return considered, more
}

// queued makes a world with a brake queued for notification at the
// clock's time: two e-mails to uwv's coordinators and one webhook.
func queued(e *env) (*notifyFixture, *schakel.Request, []*schakel.Notification) {
	e.t.Helper()
	f := newNotifyFixture(e)
	r := f.brake(e, "Noodrem")
	queueAll(e, e.clock.Now())
	ns := allNotifications(e)
	if len(ns) != 3 {
		e.t.Fatalf("%d notifications queued, want 3", len(ns))
	}
	return f, r, ns
}

func ids(ns []*schakel.Notification) []int64 {
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func testClaimNotifications(e *env) {
	f, _, ns := queued(e)
	now := e.clock.Now()
	lease := 5 * time.Minute
	e.step("not yet due", func(e *env) {
		// Not yet due a microsecond earlier.
		got, err := e.s.ClaimNotifications(e.ctx, now.Add(-time.Microsecond), lease, 10)
		must(e.t, err)
		if len(got) != 0 {
			e.t.Fatalf("claimed %d before they were due", len(got))
		}
	})
	e.step("limit and lease", func(e *env) {
		// The limit caps a claim; the claimed are leased and counted as
		// attempts.
		first, err := e.s.ClaimNotifications(e.ctx, now, lease, 2)
		must(e.t, err)
		rest, err := e.s.ClaimNotifications(e.ctx, now, lease, 2)
		must(e.t, err)
		if len(first) != 2 || len(rest) != 1 {
			e.t.Fatalf("claimed %d then %d, want 2 then 1", len(first), len(rest))
		}
		all := append(first, rest...)
		if !sameIDs(ids(all), ids(ns)) {
			e.t.Fatalf("claimed %v, queued %v", ids(all), ids(ns))
		}
		for _, n := range all {
			if n.Attempts != 1 || !n.NextAttemptAt.Equal(now.Add(lease)) || n.State() != schakel.NotificationPending {
				e.t.Fatalf("claimed %+v: want attempt 1, next at %v", n, now.Add(lease))
			}
		}
	})
	later := now.Add(lease)
	var again []*schakel.Notification
	e.step("claimed again after the lease", func(e *env) {
		// Leased: nothing more to claim until the lease runs out (a sender
		// that died without reporting); then they are claimed again,
		// attempt 2.
		if got, err := e.s.ClaimNotifications(e.ctx, now.Add(lease-time.Microsecond), lease, 10); err != nil || len(got) != 0 {
			e.t.Fatalf("claimed %d under lease (%v)", len(got), err)
		}
		var err error
		again, err = e.s.ClaimNotifications(e.ctx, later, lease, 10)
		must(e.t, err)
		if len(again) != 3 || again[0].Attempts != 2 || !again[0].NextAttemptAt.Equal(later.Add(lease)) {
			e.t.Fatalf("after the lease: %+v", again)
		}
	})
	e.step("never delivered or given up", func(e *env) {
		// Delivered and given-up notifications are never claimed.
		must(e.t, e.s.NotificationDelivered(e.ctx, again[0].ID, later))
		must(e.t, e.s.NotificationFailed(e.ctx, again[1].ID, later, "kapot", time.Time{}))
		final, err := e.s.ClaimNotifications(e.ctx, later.Add(time.Hour), lease, 10)
		must(e.t, err)
		if len(final) != 1 || final[0].ID != again[2].ID {
			e.t.Fatalf("claimed %v, want only %d", ids(final), again[2].ID)
		}
		if _, err := e.s.ClaimNotifications(e.ctx, later, 0, 10); err == nil {
			e.t.Fatal("a claim without a lease succeeded")
		}
	})
	e.step("concurrent claimers", func(e *env) {
		// Claimers at once (on PostgreSQL: several connections, as
		// several instances) claim each due notification once.
		for i := range 20 {
			f.brake(e, fmt.Sprintf("Race %d", i))
		}
		at := later.Add(24 * time.Hour)
		queueAll(e, at)
		pending, _, err := e.s.Notifications(e.ctx, schakel.NotificationFilter{State: schakel.NotificationPending, Limit: 500})
		must(e.t, err)
		seen := claimConcurrently(e, at, lease)
		if len(seen) != len(pending) || len(pending) != 1+20*3 {
			e.t.Fatalf("claimed %d distinct of %d pending, want %d", len(seen), len(pending), 1+20*3)
		}
		for id, times := range seen {
			if times != 1 {
				e.t.Fatalf("notification %d claimed %d times", id, times)
			}
		}
	})
}

// claimConcurrently runs four claimers at once until nothing is left to
// claim at at, and returns how often each notification was claimed.
func claimConcurrently(e *env, at time.Time, lease time.Duration) map[int64]int {
	e.t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[int64]int{}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				got, err := e.s.ClaimNotifications(e.ctx, at, lease, 4)
				if err != nil {
					e.t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, n := range got {
					seen[n.ID]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return seen
}

func testNotificationDelivered(e *env) {
	_, _, ns := queued(e)
	now := e.clock.Now()
	got, err := e.s.ClaimNotifications(e.ctx, now, time.Minute, 1)
	must(e.t, err)
	at := now.Add(3 * time.Second)
	must(e.t, e.s.NotificationDelivered(e.ctx, got[0].ID, at))
	// Recorded again (a second instance after the lease), the first stays.
	must(e.t, e.s.NotificationDelivered(e.ctx, got[0].ID, at.Add(time.Hour)))
	// A failure reported after the delivery does not undo it.
	must(e.t, e.s.NotificationFailed(e.ctx, got[0].ID, at.Add(time.Hour), "te laat", at.Add(2*time.Hour)))
	list, _, err := e.s.Notifications(e.ctx, schakel.NotificationFilter{State: schakel.NotificationDelivered})
	must(e.t, err)
	if len(list) != 1 || list[0].ID != got[0].ID || !list[0].DeliveredAt.Equal(at) || !list[0].NextAttemptAt.IsZero() || list[0].Attempts != 1 ||
		list[0].State() != schakel.NotificationDelivered {
		e.t.Fatalf("delivered: %+v", list)
	}
	if again, err := e.s.ClaimNotifications(e.ctx, now.Add(time.Hour), time.Minute, 10); err != nil || len(again) != len(ns)-1 {
		e.t.Fatalf("after delivery claimed %d (%v), want %d", len(again), err, len(ns)-1)
	}
	wantCode(e.t, e.s.NotificationDelivered(e.ctx, 987654, at), schakel.ENOTFOUND)
}

func testNotificationFailed(e *env) {
	_, _, ns := queued(e)
	now := e.clock.Now()
	got, err := e.s.ClaimNotifications(e.ctx, now, time.Minute, 10)
	must(e.t, err)
	if len(got) != len(ns) {
		e.t.Fatalf("claimed %d", len(got))
	}
	retry := now.Add(30 * time.Second)
	must(e.t, e.s.NotificationFailed(e.ctx, got[0].ID, now, "status 500 Internal Server Error", retry))
	must(e.t, e.s.NotificationFailed(e.ctx, got[1].ID, now, strings.Repeat("é", 800), time.Time{}))
	list := allNotifications(e)
	byID := map[int64]*schakel.Notification{}
	for _, n := range list {
		byID[n.ID] = n
	}
	a, b := byID[got[0].ID], byID[got[1].ID]
	if a.State() != schakel.NotificationPending || a.LastError != "status 500 Internal Server Error" || !a.NextAttemptAt.Equal(retry) || !a.GivenUpAt.IsZero() {
		e.t.Fatalf("failed with a retry: %+v", a)
	}
	if b.State() != schakel.NotificationGivenUp || !b.GivenUpAt.Equal(now) || !b.NextAttemptAt.IsZero() || len(b.LastError) > 1000 ||
		!strings.HasPrefix(b.LastError, "éé") || !strings.HasSuffix(b.LastError, "é") {
		e.t.Fatalf("given up: %+v (error of %d bytes)", b, len(b.LastError))
	}
	// The retry is due at next, not before; the given up never.
	if c, err := e.s.ClaimNotifications(e.ctx, retry.Add(-time.Microsecond), time.Minute, 10); err != nil || len(c) != 0 {
		e.t.Fatalf("claimed %d before the retry (%v)", len(c), err)
	}
	c, err := e.s.ClaimNotifications(e.ctx, retry, time.Minute, 10)
	must(e.t, err)
	if len(c) != 1 || c[0].ID != a.ID || c[0].Attempts != 2 || c[0].LastError == "" {
		e.t.Fatalf("claimed at the retry: %+v", c)
	}
	wantCode(e.t, e.s.NotificationFailed(e.ctx, 987654, now, "x", time.Time{}), schakel.ENOTFOUND)
}

func testRetryNotification(e *env) {
	_, _, ns := queued(e)
	now := e.clock.Now()
	got, err := e.s.ClaimNotifications(e.ctx, now, time.Minute, 10)
	must(e.t, err)
	if !sameIDs(ids(got), ids(ns)) {
		e.t.Fatalf("claimed %v, queued %v", ids(got), ids(ns))
	}
	must(e.t, e.s.NotificationFailed(e.ctx, got[0].ID, now, "onbereikbaar", time.Time{}))
	must(e.t, e.s.NotificationDelivered(e.ctx, got[1].ID, now))
	later := now.Add(48 * time.Hour)
	must(e.t, e.s.RetryNotification(e.ctx, got[0].ID, later))
	list, _, err := e.s.Notifications(e.ctx, schakel.NotificationFilter{State: schakel.NotificationPending})
	must(e.t, err)
	var n *schakel.Notification
	for _, x := range list {
		if x.ID == got[0].ID {
			n = x
		}
	}
	if n == nil || n.Attempts != 0 || !n.NextAttemptAt.Equal(later) || !n.GivenUpAt.IsZero() || n.LastError != "onbereikbaar" {
		e.t.Fatalf("after retry: %+v", n)
	}
	c, err := e.s.ClaimNotifications(e.ctx, later, time.Minute, 10)
	must(e.t, err)
	if !slices.Contains(ids(c), got[0].ID) {
		e.t.Fatalf("the retried notification was not claimed: %v", ids(c))
	}
	// Only a given-up notification can be retried.
	wantCode(e.t, e.s.RetryNotification(e.ctx, got[0].ID, later), schakel.ECONFLICT)
	wantCode(e.t, e.s.RetryNotification(e.ctx, got[1].ID, later), schakel.ECONFLICT)
	wantCode(e.t, e.s.RetryNotification(e.ctx, 987654, later), schakel.ENOTFOUND)
}

func testNotifications(e *env) {
	f, r, _ := queued(e)
	e.clock.Advance(time.Minute)
	r2 := f.brake(e, "Tweede")
	now := e.clock.Now()
	queueAll(e, now)
	all, total, err := e.s.Notifications(e.ctx, schakel.NotificationFilter{})
	must(e.t, err)
	if total != 6 || len(all) != 6 {
		e.t.Fatalf("%d notifications (total %d), want 6", len(all), total)
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].ID <= all[i].ID {
			e.t.Fatalf("not newest first: %v", ids(all))
		}
	}
	got, err := e.s.ClaimNotifications(e.ctx, now, time.Minute, 10)
	must(e.t, err)
	must(e.t, e.s.NotificationDelivered(e.ctx, got[0].ID, now))
	must(e.t, e.s.NotificationDelivered(e.ctx, got[1].ID, now))
	must(e.t, e.s.NotificationFailed(e.ctx, got[2].ID, now, "weg", time.Time{}))
	cases := []struct {
		name  string
		f     schakel.NotificationFilter
		n     int
		total int
	}{
		{"all", schakel.NotificationFilter{}, 6, 6},
		{"pending", schakel.NotificationFilter{State: schakel.NotificationPending}, 3, 3},
		{"delivered", schakel.NotificationFilter{State: schakel.NotificationDelivered}, 2, 2},
		{"given up", schakel.NotificationFilter{State: schakel.NotificationGivenUp}, 1, 1},
		{"of the first request", schakel.NotificationFilter{RequestID: r.ID}, 3, 3},
		{"of the second request", schakel.NotificationFilter{RequestID: r2.ID}, 3, 3},
		{"of no request", schakel.NotificationFilter{RequestID: 987654}, 0, 0},
		{"page", schakel.NotificationFilter{Offset: 4, Limit: 3}, 2, 6},
		{"one", schakel.NotificationFilter{ID: all[0].ID}, 1, 1},
		{"one, of another organisation", schakel.NotificationFilter{ID: all[0].ID, Organisations: []int64{all[0].OrganisationID + 1000}}, 0, 0},
		{"of its organisation", schakel.NotificationFilter{Organisations: []int64{all[0].OrganisationID, 987654}}, 6, 6},
		{"of no organisation", schakel.NotificationFilter{Organisations: []int64{}}, 0, 0},
	}
	for _, c := range cases {
		e.t.Run(c.name, func(t *testing.T) {
			list, total, err := e.s.Notifications(e.ctx, c.f)
			must(t, err)
			if len(list) != c.n || total != c.total {
				t.Fatalf("%d listed (total %d), want %d (total %d)", len(list), total, c.n, c.total)
			}
			for _, n := range list {
				if (c.f.State != "" && n.State() != c.f.State) || (c.f.RequestID != 0 && n.RequestID != c.f.RequestID) {
					t.Fatalf("filter %+v let through %+v", c.f, n)
				}
			}
		})
	}
	_, _, err = e.s.Notifications(e.ctx, schakel.NotificationFilter{State: "kwijt"})
	wantFields(e.t, err, "status")
}

func testCreateWebhook(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	w := &schakel.Webhook{OrganisationID: uwv.ID, URL: "https://uwv.example/schakel", Secret: "s3cr3t"}
	must(e.t, e.s.CreateWebhook(e.ctx, w))
	if w.ID == 0 || !w.CreatedAt.Equal(Start) || !w.RetiredAt.IsZero() {
		e.t.Fatalf("after create: %+v", w)
	}
	got, err := e.s.Webhook(e.ctx, w.ID)
	must(e.t, err)
	if *got != *w {
		e.t.Fatalf("stored %+v, read %+v", w, got)
	}
	wantFields(e.t, e.s.CreateWebhook(e.ctx, &schakel.Webhook{OrganisationID: 987654, URL: "https://x.example", Secret: "x"}), "organisatieId")
	if e.count("webhooks") != 1 {
		e.t.Fatal("a refused webhook was stored")
	}
}

func testWebhook(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	w := &schakel.Webhook{OrganisationID: uwv.ID, URL: "https://uwv.example/schakel", Secret: "s3cr3t"}
	must(e.t, e.s.CreateWebhook(e.ctx, w))
	got, err := e.s.Webhook(e.ctx, w.ID)
	must(e.t, err)
	if got.URL != w.URL || got.Secret != "s3cr3t" || got.OrganisationID != uwv.ID {
		e.t.Fatalf("got %+v", got)
	}
	_, err = e.s.Webhook(e.ctx, 987654)
	wantCode(e.t, err, schakel.ENOTFOUND)
}

func testWebhooks(e *env) {
	uwv := MustOrganisation(e.t, e.s, "uwv", schakel.OrgExecutive)
	svb := MustOrganisation(e.t, e.s, "svb", schakel.OrgExecutive)
	var made []*schakel.Webhook
	for i, org := range []*schakel.Organisation{uwv, svb, uwv} {
		w := &schakel.Webhook{OrganisationID: org.ID, URL: fmt.Sprintf("https://%s.example/%d", org.Code, i), Secret: "s"}
		must(e.t, e.s.CreateWebhook(e.ctx, w))
		made = append(made, w)
	}
	e.clock.Advance(time.Hour)
	must(e.t, e.s.RetireWebhook(e.ctx, made[0].ID, e.clock.Now()))
	got, err := e.s.Webhooks(e.ctx, uwv.ID)
	must(e.t, err)
	if len(got) != 2 || got[0].ID != made[0].ID || got[1].ID != made[2].ID || got[0].RetiredAt.IsZero() || !got[1].RetiredAt.IsZero() {
		e.t.Fatalf("webhooks of uwv: %+v", got)
	}
	none, err := e.s.Webhooks(e.ctx, 987654)
	must(e.t, err)
	if len(none) != 0 {
		e.t.Fatalf("webhooks of no organisation: %+v", none)
	}
}

func testRetireWebhook(e *env) {
	f, _, ns := queued(e)
	e.clock.Advance(time.Hour)
	at := e.clock.Now()
	// The webhook's notification not yet delivered is given up with it;
	// the e-mails are untouched.
	must(e.t, e.s.RetireWebhook(e.ctx, f.hookUWV.ID, at))
	w, err := e.s.Webhook(e.ctx, f.hookUWV.ID)
	must(e.t, err)
	if !w.RetiredAt.Equal(at) {
		e.t.Fatalf("RetiredAt = %v, want %v", w.RetiredAt, at)
	}
	for _, n := range allNotifications(e) {
		want := schakel.NotificationPending
		if n.WebhookID == f.hookUWV.ID {
			want = schakel.NotificationGivenUp
			if n.LastError != "webhook ingetrokken" || !n.GivenUpAt.Equal(at) {
				e.t.Fatalf("notification of the retired webhook: %+v", n)
			}
		}
		if n.State() != want {
			e.t.Fatalf("notification %s is %s, want %s", sent(n), n.State(), want)
		}
	}
	// A retired webhook receives nothing new.
	f.brake(e, "Na het intrekken")
	queueAll(e, at)
	if got := e.count("notifications"); got != len(ns)+2 {
		e.t.Fatalf("%d notifications, want %d (two e-mails, no webhook)", got, len(ns)+2)
	}
	wantCode(e.t, e.s.RetireWebhook(e.ctx, f.hookUWV.ID, at), schakel.ECONFLICT)
	wantCode(e.t, e.s.RetireWebhook(e.ctx, 987654, at), schakel.ENOTFOUND)
}
