package jobs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/comply"
	"github.com/schakel-nl/schakel/jobs"
	"github.com/schakel-nl/schakel/notify"
	"github.com/schakel-nl/schakel/notify/notifytest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

const baseURL = "https://schakel.example"

// hookReceiver is an organisation's webhook endpoint: it checks the
// signature and answers with status.
type hookReceiver struct {
	t      *testing.T
	secret string
	srv    *httptest.Server

	mu        sync.Mutex
	status    int
	received  []notify.Payload // accepted deliveries
	delivered []string         // their X-Schakel-Delivery
	attempts  map[string]int   // every signed attempt by delivery id
}

func newHookReceiver(t *testing.T, secret string) *hookReceiver {
	h := &hookReceiver{t: t, secret: secret, status: http.StatusOK, attempts: map[string]int{}}
	h.srv = httptest.NewServer(h)
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if !notify.VerifySignature(h.secret, body, r.Header.Get(notify.SignatureHeader)) {
		h.t.Errorf("webhook with a bad signature %q", r.Header.Get(notify.SignatureHeader))
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	id := r.Header.Get(notify.DeliveryHeader)
	h.attempts[id]++
	if h.status/100 != 2 {
		w.WriteHeader(h.status)
		return
	}
	var p notify.Payload
	if err := json.Unmarshal(body, &p); err != nil {
		h.t.Errorf("webhook body %q: %v", body, err)
	}
	h.received = append(h.received, p)
	h.delivered = append(h.delivered, id)
	w.WriteHeader(h.status)
}

func (h *hookReceiver) setStatus(s int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.status = s
}

func (h *hookReceiver) payloads() ([]notify.Payload, []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.received), slices.Clone(h.delivered)
}

// notifyWorld is world with e-mail: two coordinators and a board member
// of uwv with addresses, a requester with an address, an SMTP sink and a
// webhook of uwv at a receiver.
type notifyWorld struct {
	*world
	uwv, szw       int64
	coordA, coordB *schakel.User
	board          *schakel.User
	requester      *schakel.User // a professional of svb, named
	sink           *notifytest.SMTPSink
	hook           *hookReceiver
	webhook        *schakel.Webhook
	mailer         *notify.SMTPMailer
	logs           *syncBuffer
}

// syncBuffer is a bytes.Buffer for a logger used by several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newNotifyWorld(t *testing.T, backend string) *notifyWorld {
	t.Helper()
	w := &notifyWorld{world: newWorld(t, backend), logs: &syncBuffer{}}
	w.uwv, w.szw = w.ladder[0].OrganisationID, w.ladder[2].OrganisationID
	w.coordA = storetest.MustMailUser(t, w.a, "coord-a", "coord-a@uwv.example", schakel.Membership{OrganisationID: w.uwv, Role: schakel.RoleCoordinator})
	w.coordB = storetest.MustMailUser(t, w.a, "coord-b", "coord-b@uwv.example", schakel.Membership{OrganisationID: w.uwv, Role: schakel.RoleCoordinator})
	w.board = storetest.MustMailUser(t, w.a, "bestuur", "bestuur@uwv.example", schakel.Membership{OrganisationID: w.uwv, Role: schakel.RoleBoard})
	svb := storetest.MustOrganisation(t, w.a, "svb", schakel.OrgExecutive)
	w.requester = &schakel.User{Issuer: "https://idp.test", Subject: "jan", Name: "Jan Klokkenluider", Email: "jan@svb.example"}
	if err := w.a.LoginUser(context.Background(), w.requester); err != nil {
		t.Fatal(err)
	}
	if err := w.a.AddMembership(context.Background(), schakel.Membership{UserID: w.requester.ID, OrganisationID: svb.ID, Role: schakel.RoleProfessional}); err != nil {
		t.Fatal(err)
	}
	w.sink = notifytest.NewSMTPSink(t)
	var err error
	w.mailer, err = notify.NewSMTPMailer(notify.SMTPConfig{Host: w.sink.Host(), Port: w.sink.Port(), TLS: notify.TLSNone,
		From: "schakel <noreply@schakel.example>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	w.hook = newHookReceiver(t, "uwv-geheim")
	w.webhook = &schakel.Webhook{OrganisationID: w.uwv, URL: w.hook.srv.URL + "/schakel?token=tok-123", Secret: "uwv-geheim"}
	if err := notify.ValidateWebhookURL(w.webhook.URL); err != nil {
		t.Fatal(err)
	}
	if err := w.a.CreateWebhook(context.Background(), w.webhook); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *notifyWorld) notifier(s *store.Store) *jobs.Notifier {
	return &jobs.Notifier{Store: s, Mailer: w.mailer, Webhooks: &notify.WebhookClient{AllowPrivate: true}, Clock: w.clock, BaseURL: baseURL,
		Log: slog.New(slog.NewTextHandler(w.logs, &slog.HandlerOptions{Level: slog.LevelDebug})), Batch: 7}
}

// brake pulls a professional's brake at uwv by requester.
func (w *notifyWorld) brake(t *testing.T, requester schakel.Party, subject string) *schakel.Request {
	t.Helper()
	r, ev, err := w.engine.New(comply.NewRequest{Type: schakel.TypeProfessionalBrake, Subject: subject,
		Grounds:   []schakel.Ground{{Principle: "evenredigheid", Text: "Jan Klokkenluider vindt het onevenredig."}},
		Requester: requester}, w.ladder, nil, w.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.a.CreateRequest(context.Background(), r, ev); err != nil {
		t.Fatal(err)
	}
	return r
}

func (w *notifyWorld) named() schakel.Party {
	return schakel.Party{Kind: schakel.PartyUser, UserID: w.requester.ID}
}

// runOnce runs n once and checks its counts.
func runOnce(t *testing.T, n *jobs.Notifier, wantSent, wantFailed int) {
	t.Helper()
	_, sent, failed, err := n.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sent != wantSent || failed != wantFailed {
		t.Fatalf("sent %d, failed %d; want %d, %d", sent, failed, wantSent, wantFailed)
	}
}

// recipients returns the envelope recipients of msgs, sorted.
func recipients(msgs []notifytest.Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.To...)
	}
	slices.Sort(out)
	return out
}

// noLeaks fails when a message or the log shows the requester, or the log
// shows an address or the webhook URL. A message may go to the requester
// only as an addressee (asAddressee): then it must not name them either.
func (w *notifyWorld) noLeaks(t *testing.T, asAddressee ...bool) {
	t.Helper()
	for _, m := range w.sink.Messages() {
		toRequester := false
		for _, to := range m.To {
			if to == w.requester.Email {
				if len(asAddressee) == 0 {
					t.Fatalf("a message went to the requester: %s", m)
				}
				toRequester = true
			}
		}
		raw := m.Header().Get("From") + m.Subject() + m.Text()
		if !toRequester {
			raw += m.Header().Get("To")
		}
		for _, leak := range []string{"Jan", "Klokkenluider", w.requester.Email, "jan@", "svb", "onevenredig"} {
			if strings.Contains(raw, leak) {
				t.Fatalf("message %s shows %q of the requester:\n%s", m, leak, m.Text())
			}
		}
	}
	payloads, _ := w.hook.payloads()
	for _, p := range payloads {
		b, _ := json.Marshal(p)
		if strings.Contains(string(b), "Jan") || strings.Contains(string(b), strconv.FormatInt(w.requester.ID, 10)+",") {
			t.Fatalf("webhook shows the requester: %s", b)
		}
	}
	logs := w.logs.String()
	for _, leak := range []string{"@uwv.example", "@svb.example", "tok-123", w.hook.srv.URL, "Jan"} {
		if strings.Contains(logs, leak) {
			t.Fatalf("the log shows %q:\n%s", leak, logs)
		}
	}
}

func TestNotifierDelivers(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newNotifyWorld(t, b.Name)
			n := w.notifier(w.a)
			r := w.brake(t, w.named(), "Stop de terugvordering")
			queued, sent, failed, err := n.RunOnce(ctx)
			if err != nil || queued != 1 || sent != 3 || failed != 0 {
				t.Fatalf("RunOnce = %d, %d, %d, %v; want 1 event, 3 sent", queued, sent, failed, err)
			}
			msgs := w.sink.Messages()
			if got := recipients(msgs); !slices.Equal(got, []string{"coord-a@uwv.example", "coord-b@uwv.example"}) {
				t.Fatalf("mailed %v", got)
			}
			for _, m := range msgs {
				text := m.Text()
				if m.Subject() != "Nieuwe noodrem bij Organisatie uwv: Stop de terugvordering" ||
					!strings.Contains(text, baseURL+"/verzoeken/"+strconv.FormatInt(r.ID, 10)) ||
					!strings.Contains(text, "Antwoord uiterlijk: "+r.AnswerDue.DutchLong()) ||
					!strings.Contains(text, "Ontvangst bevestigen uiterlijk: "+r.AckDue.DutchLong()) {
					t.Fatalf("message %s:\n%s", m, text)
				}
			}
			payloads, ids := w.hook.payloads()
			if len(payloads) != 1 || payloads[0].Request != r.ID || payloads[0].Event != schakel.EventCreated || payloads[0].Seq != 1 ||
				payloads[0].AnswerDue != r.AnswerDue.String() || payloads[0].URL != baseURL+"/verzoeken/"+strconv.FormatInt(r.ID, 10) {
				t.Fatalf("webhook received %+v", payloads)
			}
			delivered, total, err := w.a.Notifications(ctx, schakel.NotificationFilter{State: schakel.NotificationDelivered})
			if err != nil || total != 3 {
				t.Fatalf("%d delivered (%v)", total, err)
			}
			for _, d := range delivered {
				if d.Channel == schakel.ChannelWebhook && strconv.FormatInt(d.ID, 10) != ids[0] {
					t.Fatalf("delivery header %s, notification %d", ids[0], d.ID)
				}
				if !d.DeliveredAt.Equal(w.clock.Now()) || d.Attempts != 1 {
					t.Fatalf("delivered %+v", d)
				}
			}
			// Nothing more to do.
			runOnce(t, n, 0, 0)

			// Eight days later the coordinators missed the acknowledgement:
			// the sweep escalates to the board, who hear of it, and the
			// webhook of uwv (the board is at uwv too).
			w.clock.Advance(8 * 24 * time.Hour)
			if res, err := w.sweeper(w.a).SweepOnce(ctx); err != nil || res.Escalated != 1 {
				t.Fatalf("sweep: %+v, %v", res, err)
			}
			runOnce(t, n, 2, 0)
			msgs = w.sink.Messages()
			last := msgs[len(msgs)-1]
			if len(msgs) != 3 || last.To[0] != "bestuur@uwv.example" || last.Subject() != "Geëscaleerd naar u: Stop de terugvordering" {
				t.Fatalf("after escalation: %v", msgs)
			}
			if payloads, _ := w.hook.payloads(); len(payloads) != 2 || payloads[1].Event != schakel.EventEscalated || payloads[1].Seq != 2 {
				t.Fatalf("webhook after escalation: %+v", payloads)
			}
			w.noLeaks(t)
		})
	}
}

func TestNotifierRetriesUntilDelivered(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newNotifyWorld(t, b.Name)
			n := w.notifier(w.a)
			w.sink.Refuse(true)
			w.hook.setStatus(http.StatusInternalServerError)
			r := w.brake(t, w.named(), "Onbereikbaar")
			runOnce(t, n, 0, 3)
			pending, _, err := w.a.Notifications(ctx, schakel.NotificationFilter{State: schakel.NotificationPending})
			if err != nil || len(pending) != 3 {
				t.Fatalf("%d pending (%v)", len(pending), err)
			}
			for _, p := range pending {
				want := "451"
				if p.Channel == schakel.ChannelWebhook {
					want = "HTTP 500" // the class: what an administrator sees
				}
				if p.Attempts != 1 || !strings.Contains(p.LastError, want) || strings.Contains(p.LastError, p.Target) ||
					!p.NextAttemptAt.Equal(w.clock.Now().Add(notify.Backoff(1))) {
					t.Fatalf("after a failed attempt: %+v", p)
				}
			}
			// Not retried before the backoff has passed.
			w.clock.Advance(notify.Backoff(1) - time.Second)
			runOnce(t, n, 0, 0)
			w.clock.Advance(time.Second)
			runOnce(t, n, 0, 3)
			// The receivers come back; after the second backoff everything
			// is delivered, once.
			w.sink.Refuse(false)
			w.hook.setStatus(http.StatusOK)
			w.clock.Advance(notify.Backoff(2))
			runOnce(t, n, 3, 0)
			runOnce(t, n, 0, 0)
			if got := recipients(w.sink.Messages()); !slices.Equal(got, []string{"coord-a@uwv.example", "coord-b@uwv.example"}) {
				t.Fatalf("mailed %v", got)
			}
			payloads, ids := w.hook.payloads()
			if len(payloads) != 1 || payloads[0].Request != r.ID {
				t.Fatalf("webhook received %+v", payloads)
			}
			// Every attempt carried the same delivery id, so a receiver
			// that did get an earlier one can drop the repeat.
			if w.hook.attempts[ids[0]] != 3 || len(w.hook.attempts) != 1 {
				t.Fatalf("attempts by delivery id: %v", w.hook.attempts)
			}
			delivered, _, err := w.a.Notifications(ctx, schakel.NotificationFilter{State: schakel.NotificationDelivered})
			if err != nil || len(delivered) != 3 || delivered[0].Attempts != 3 {
				t.Fatalf("delivered %+v (%v)", delivered, err)
			}
			w.noLeaks(t)
		})
	}
}

func TestNotifierGivesUp(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newNotifyWorld(t, b.Name)
			n := w.notifier(w.a)
			w.sink.Refuse(true)
			w.hook.setStatus(http.StatusServiceUnavailable)
			w.brake(t, w.named(), "Nooit bereikbaar")
			for attempt := 1; attempt <= notify.MaxAttempts; attempt++ {
				runOnce(t, n, 0, 3)
				if attempt < notify.MaxAttempts {
					// A round between retries does nothing.
					runOnce(t, n, 0, 0)
					w.clock.Advance(notify.Backoff(attempt))
				}
			}
			givenUp, total, err := w.a.Notifications(ctx, schakel.NotificationFilter{State: schakel.NotificationGivenUp})
			if err != nil || total != 3 {
				t.Fatalf("%d given up (%v)", total, err)
			}
			for _, g := range givenUp {
				if g.Attempts != notify.MaxAttempts || g.LastError == "" || !g.GivenUpAt.Equal(w.clock.Now()) || !g.NextAttemptAt.IsZero() {
					t.Fatalf("given up: %+v", g)
				}
			}
			// Given up is final: nothing is tried any more...
			w.clock.Advance(30 * 24 * time.Hour)
			runOnce(t, n, 0, 0)
			if !strings.Contains(w.logs.String(), "notification given up") {
				t.Fatalf("giving up was not logged:\n%s", w.logs.String())
			}
			// ...until an operator retries, once the receivers are fixed.
			w.sink.Refuse(false)
			w.hook.setStatus(http.StatusAccepted)
			for _, g := range givenUp {
				if err := w.a.RetryNotification(ctx, g.ID, w.clock.Now()); err != nil {
					t.Fatal(err)
				}
			}
			runOnce(t, n, 3, 0)
			if len(w.sink.Messages()) != 2 {
				t.Fatalf("%d messages after the retry", len(w.sink.Messages()))
			}
			w.noLeaks(t)
		})
	}
}

// TestNotifierNeverTheRequester follows an anonymous and a named brake
// through a contest: only the addressee's people hear of anything — and a
// puller who is one of them hears of it like the others, so a protected
// puller is not singled out by being the one addressee left out.
func TestNotifierNeverTheRequester(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newNotifyWorld(t, b.Name)
			n := w.notifier(w.a)
			// Answered with an explain, then contested by the requester: the
			// board hears of it.
			contest := func(r *schakel.Request) {
				t.Helper()
				next, ev, err := w.engine.Answer(r, schakel.Party{Kind: schakel.PartyUser, UserID: w.coordA.ID},
					comply.AnswerInput{Kind: schakel.Explain, Motivations: map[string]string{"evenredigheid": "Het is evenredig."}}, w.clock.Now())
				if err != nil {
					t.Fatal(err)
				}
				if err := w.a.UpdateRequest(ctx, r.Version, next, ev); err != nil {
					t.Fatal(err)
				}
				contested, ev, err := w.engine.Contest(next, r.Requester, "Dat klopt niet.", w.clock.Now())
				if err != nil {
					t.Fatal(err)
				}
				if err := w.a.UpdateRequest(ctx, next.Version, contested, ev); err != nil {
					t.Fatal(err)
				}
			}
			anon := w.brake(t, schakel.Party{Kind: schakel.PartyAnonymous}, "Anonieme noodrem")
			runOnce(t, n, 3, 0)
			contest(anon)
			runOnce(t, n, 2, 0)
			// The requester of the named brake also sits on uwv's board:
			// when the brake reaches the board they are told as a board
			// member, like the rest of it.
			if err := w.a.AddMembership(ctx, schakel.Membership{UserID: w.requester.ID, OrganisationID: w.uwv, Role: schakel.RoleBoard}); err != nil {
				t.Fatal(err)
			}
			named := w.brake(t, w.named(), "Genoemde noodrem")
			runOnce(t, n, 3, 0)
			contest(named)
			runOnce(t, n, 3, 0)
			got := recipients(w.sink.Messages())
			want := []string{"bestuur@uwv.example", "bestuur@uwv.example", "coord-a@uwv.example", "coord-a@uwv.example", "coord-b@uwv.example", "coord-b@uwv.example", w.requester.Email}
			if !slices.Equal(got, want) {
				t.Fatalf("mailed %v, want %v", got, want)
			}
			w.noLeaks(t, true)
		})
	}
}

func TestNotifierWithoutMailer(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newNotifyWorld(t, b.Name)
			n := w.notifier(w.a)
			n.Mailer = nil
			w.brake(t, w.named(), "Zonder e-mail")
			runOnce(t, n, 1, 2)
			givenUp, _, err := w.a.Notifications(ctx, schakel.NotificationFilter{State: schakel.NotificationGivenUp})
			if err != nil || len(givenUp) != 2 {
				t.Fatalf("given up %+v (%v)", givenUp, err)
			}
			for _, g := range givenUp {
				if g.Channel != schakel.ChannelEmail || g.LastError != jobs.ReasonNoMailer || g.Attempts != 1 {
					t.Fatalf("given up %+v", g)
				}
			}
			if payloads, _ := w.hook.payloads(); len(payloads) != 1 {
				t.Fatalf("webhook received %d", len(payloads))
			}
		})
	}
}

// TestNotifierRetiredWebhook: a webhook retired while its message waits
// for a retry receives nothing more.
func TestNotifierRetiredWebhook(t *testing.T) {
	ctx := context.Background()
	w := newNotifyWorld(t, "sqlite")
	n := w.notifier(w.a)
	w.hook.setStatus(http.StatusBadGateway)
	w.brake(t, w.named(), "Ingetrokken")
	runOnce(t, n, 2, 1)
	if err := w.a.RetireWebhook(ctx, w.webhook.ID, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.hook.setStatus(http.StatusOK)
	w.clock.Advance(time.Hour)
	runOnce(t, n, 0, 0)
	givenUp, _, err := w.a.Notifications(ctx, schakel.NotificationFilter{State: schakel.NotificationGivenUp})
	if err != nil || len(givenUp) != 1 || givenUp[0].LastError != jobs.ReasonWebhookRetired {
		t.Fatalf("given up %+v (%v)", givenUp, err)
	}
	if payloads, _ := w.hook.payloads(); len(payloads) != 0 {
		t.Fatalf("a retired webhook received %+v", payloads)
	}
}

// TestTwoNotifiersSendEachOnce runs two notifiers, as two serve instances
// would, over the same database: every message goes out exactly once.
func TestTwoNotifiersSendEachOnce(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			w := newNotifyWorld(t, b.Name)
			const brakes = 30
			for i := range brakes {
				w.brake(t, w.named(), fmt.Sprintf("Noodrem %d", i))
			}
			var wg sync.WaitGroup
			sent := make([]int, 2)
			for i, s := range []*store.Store{w.a, w.b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, n, _, err := w.notifier(s).RunOnce(context.Background())
					if err != nil {
						t.Error(err)
					}
					sent[i] = n
				}()
			}
			wg.Wait()
			if sent[0]+sent[1] != 3*brakes {
				t.Fatalf("sent %d + %d, want %d", sent[0], sent[1], 3*brakes)
			}
			if got := len(w.sink.Messages()); got != 2*brakes {
				t.Fatalf("%d e-mails, want %d", got, 2*brakes)
			}
			_, ids := w.hook.payloads()
			slices.Sort(ids)
			if len(ids) != brakes || len(slices.Compact(ids)) != brakes {
				t.Fatalf("webhook deliveries %v", ids)
			}
		})
	}
}
