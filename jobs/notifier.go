package jobs

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"sync"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/notify"
)

// NotifierStore is what the notifier needs of the store (*store.Store).
type NotifierStore interface {
	QueueNotifications(ctx context.Context, now time.Time, limit int) (int, error)
	ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*schakel.Notification, error)
	NotificationDelivered(ctx context.Context, id int64, at time.Time) error
	NotificationFailed(ctx context.Context, id int64, at time.Time, reason string, next time.Time) error
	Request(ctx context.Context, id int64) (*schakel.Request, error)
	Organisation(ctx context.Context, id int64) (*schakel.Organisation, error)
	Webhook(ctx context.Context, id int64) (*schakel.Webhook, error)
}

// DefaultNotifyInterval is how often Run looks for new events and due
// notifications.
const DefaultNotifyInterval = 10 * time.Second

// The reasons a notification is given up at once, without retries.
const (
	ReasonNoMailer       = "geen e-mailserver ingesteld"
	ReasonWebhookRetired = "webhook ingetrokken"
	ReasonUnknownChannel = "onbekend kanaal"
)

// Notifier delivers notifications (docs/decisions/0009-notifications.md):
// it turns new events into notifications (Store.QueueNotifications), claims
// the due ones with a lease, sends each by e-mail or signed webhook, and
// records the delivery, or the failure with the next attempt after
// notify.Backoff — or, after notify.MaxAttempts, gives it up, which
// operators see (Notifications with State given up) and may retry. Any
// number of instances may run it at once: the store hands each event and
// each due notification to one of them.
//
// It logs notification ids, channels, attempts and errors with addresses
// and URLs taken out — never a recipient, name or webhook URL.
type Notifier struct {
	Store NotifierStore
	// Mailer sends e-mail. When nil (no SMTP server configured) e-mail
	// notifications are given up at once with ReasonNoMailer, so operators
	// see that nobody was mailed rather than a queue that silently grows.
	// Assign a nil interface, not a nil *notify.SMTPMailer.
	Mailer notify.Mailer
	// Webhooks posts webhooks; nil means a notify.WebhookClient with its
	// default HTTP client.
	Webhooks *notify.WebhookClient
	Clock    schakel.Clock
	// BaseURL is the public URL of schakel, for the link in every message.
	BaseURL string
	Log     *slog.Logger
	// Batch is how many events or notifications one transaction takes;
	// default 100.
	Batch int
	// Lease is how long a claimed notification is left to this instance
	// before another may try it; it must exceed the longest send (the SMTP
	// and webhook timeouts). Default 5 minutes.
	Lease time.Duration
	// Workers is how many notifications are sent at once; default 4.
	Workers int
}

// giveUp is a failure no retry can mend.
type giveUp struct{ reason string }

func (g giveUp) Error() string { return g.reason }

// roundCache keeps the requests and organisation names one round needs.
type roundCache struct {
	mu    sync.Mutex
	reqs  map[int64]*schakel.Request
	names map[int64]string
}

func (n *Notifier) batch() int {
	if n.Batch <= 0 {
		return 100
	}
	return n.Batch
}

func (n *Notifier) log() *slog.Logger {
	if n.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return n.Log
}

// RunOnce queues notifications for every event not yet considered, then
// sends every notification due at the clock's time. It returns the events
// considered, the notifications delivered and the failed attempts (retried
// later or given up). err is the first error of the store; a failure to
// deliver is not an error of the round.
func (n *Notifier) RunOnce(ctx context.Context) (queued, sent, failed int, err error) {
	batch := n.batch()
	now := n.Clock.Now()
	for {
		k, err := n.Store.QueueNotifications(ctx, now, batch)
		queued += k
		if err != nil {
			return queued, sent, failed, err
		}
		if k < batch {
			break
		}
	}
	lease := n.Lease
	if lease <= 0 {
		lease = 5 * time.Minute
	}
	cache := &roundCache{reqs: map[int64]*schakel.Request{}, names: map[int64]string{}}
	// Claim only what the workers send well within the lease even when
	// every attempt runs into its timeout (30 s for e-mail): 4 per worker
	// take at most 4 × 30 s, against a lease of minutes. Claiming a whole
	// batch could outlast the lease, and another instance would send the
	// rest again.
	claim := min(batch, 4*n.workers())
	for {
		// The time of this claim, not of the round: a lease counted from
		// a stale now could already have run out.
		claimed, err := n.Store.ClaimNotifications(ctx, n.Clock.Now(), lease, claim)
		if err != nil {
			return queued, sent, failed, err
		}
		s, f, err := n.deliverAll(ctx, claimed, cache)
		sent, failed = sent+s, failed+f
		if err != nil {
			return queued, sent, failed, err
		}
		// Failed ones are due again later than now and claimed ones are
		// leased, so a round ends; notifications queued meanwhile wait for
		// the next.
		if len(claimed) < claim {
			return queued, sent, failed, nil
		}
	}
}

// workers is Workers or its default.
func (n *Notifier) workers() int {
	if n.Workers <= 0 {
		return 4
	}
	return n.Workers
}

// deliverAll sends claimed with up to Workers at once.
func (n *Notifier) deliverAll(ctx context.Context, claimed []*schakel.Notification, cache *roundCache) (sent, failed int, err error) {
	workers := n.workers()
	var mu sync.Mutex
	var wg sync.WaitGroup
	work := make(chan *schakel.Notification)
	for range min(workers, len(claimed)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for nt := range work {
				ok, e := n.handle(ctx, nt, cache)
				mu.Lock()
				if ok {
					sent++
				} else if e == nil {
					failed++
				}
				if e != nil && err == nil {
					err = e
				}
				mu.Unlock()
			}
		}()
	}
	for _, nt := range claimed {
		work <- nt
	}
	close(work)
	wg.Wait()
	return sent, failed, err
}

// handle sends one notification and records the outcome. It reports
// whether it was delivered, and an error only when the outcome could not be
// recorded (or the round was cancelled: the lease then hands the
// notification to the next round).
func (n *Notifier) handle(ctx context.Context, nt *schakel.Notification, cache *roundCache) (bool, error) {
	sendErr := n.send(ctx, nt, cache)
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	at := n.Clock.Now()
	attrs := []any{slog.Int64("notification", nt.ID), slog.String("channel", string(nt.Channel)), slog.Int("attempt", nt.Attempts)}
	if sendErr == nil {
		if err := n.Store.NotificationDelivered(ctx, nt.ID, at); err != nil {
			return false, err
		}
		n.log().Debug("notification delivered", attrs...)
		return true, nil
	}
	reason := scrub(sendErr.Error(), nt.Target)
	var next time.Time
	var g giveUp
	if !errors.As(sendErr, &g) {
		next = notify.NextAttempt(at, nt.Attempts)
	}
	if err := n.Store.NotificationFailed(ctx, nt.ID, at, reason, next); err != nil {
		return false, err
	}
	// A webhook's failure is stored as its class; the cause, naming the
	// receiver's host and address (not the URL's path), is for the log.
	if cause := scrub(notify.Cause(sendErr), nt.Target); cause != reason {
		attrs = append(attrs, slog.String("cause", cause))
	}
	if next.IsZero() {
		n.log().Error("notification given up", append(attrs, slog.String("err", reason))...)
	} else {
		n.log().Warn("notification failed", append(attrs, slog.String("err", reason), slog.Time("next", next))...)
	}
	return false, nil
}

// send composes and sends nt.
func (n *Notifier) send(ctx context.Context, nt *schakel.Notification, cache *roundCache) error {
	var hook *schakel.Webhook
	switch nt.Channel {
	case schakel.ChannelEmail:
		if n.Mailer == nil {
			return giveUp{ReasonNoMailer}
		}
	case schakel.ChannelWebhook:
		w, err := n.Store.Webhook(ctx, nt.WebhookID)
		if err != nil {
			return err
		}
		if !w.RetiredAt.IsZero() {
			return giveUp{ReasonWebhookRetired}
		}
		hook = w
	default:
		return giveUp{ReasonUnknownChannel}
	}
	r, org, err := n.subject(ctx, nt, cache)
	if err != nil {
		return err
	}
	msg := notify.Compose(nt, r, org, n.BaseURL)
	if hook != nil {
		return n.Webhooks.Post(ctx, hook.URL, hook.Secret, nt.ID, msg.Payload)
	}
	return n.Mailer.Send(ctx, nt.Target, msg.Subject, msg.Text)
}

// subject returns the request of nt and the name of its organisation,
// read once per round.
func (n *Notifier) subject(ctx context.Context, nt *schakel.Notification, cache *roundCache) (*schakel.Request, string, error) {
	cache.mu.Lock()
	r, okR := cache.reqs[nt.RequestID]
	name, okN := cache.names[nt.OrganisationID]
	cache.mu.Unlock()
	var err error
	if !okR {
		if r, err = n.Store.Request(ctx, nt.RequestID); err != nil {
			return nil, "", err
		}
	}
	if !okN {
		o, err := n.Store.Organisation(ctx, nt.OrganisationID)
		if err != nil {
			return nil, "", err
		}
		name = o.Name
	}
	cache.mu.Lock()
	cache.reqs[nt.RequestID], cache.names[nt.OrganisationID] = r, name
	cache.mu.Unlock()
	return r, name, nil
}

// scrub takes the target (an address or URL) out of an error text, for the
// log and for operators' screens: SMTP errors name the recipient.
func scrub(text, target string) string {
	if target == "" {
		return text
	}
	return regexp.MustCompile("(?i)"+regexp.QuoteMeta(target)).ReplaceAllString(text, "<ontvanger>")
}

// Run sends notifications every interval until ctx ends, logging what it
// did.
func (n *Notifier) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = DefaultNotifyInterval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		queued, sent, failed, err := n.RunOnce(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			n.log().Error("notify", slog.Any("err", err))
		case sent > 0 || failed > 0:
			n.log().Info("notify", slog.Int("events", queued), slog.Int("sent", sent), slog.Int("failed", failed))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
