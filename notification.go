package schakel

import (
	"context"
	"time"
)

// Channel is how a notification is delivered.
type Channel string

// The channels.
const (
	ChannelEmail   Channel = "email"
	ChannelWebhook Channel = "webhook"
)

// NotifiedEvents are the event types the addressee of a request is told
// about: a new request, the reminder before its deadline, an escalation to
// it, and a contest of its answer. Nobody else is ever notified, so an
// anonymous puller can never receive a message.
var NotifiedEvents = []EventType{EventCreated, EventReminder, EventEscalated, EventContested}

// Notification is one message to one recipient about one event, queued in
// the database and delivered with retries.
type Notification struct {
	ID        int64
	EventID   int64 // request_events.id
	RequestID int64
	Seq       int
	EventType EventType
	Channel   Channel
	// OrganisationID is the addressee organisation the message is for.
	OrganisationID int64
	// Target is the e-mail address, or the webhook's URL.
	Target    string
	WebhookID int64 // the webhook, for its secret; 0 for e-mail
	CreatedAt time.Time
	Attempts  int
	// NextAttemptAt is when delivery is (re)tried; zero once delivered or
	// given up.
	NextAttemptAt time.Time
	LastError     string
	DeliveredAt   time.Time
	// GivenUpAt is set when the last attempt failed; an operator sees it
	// and may retry it.
	GivenUpAt time.Time
}

// NotificationState is where a notification stands, for operators.
type NotificationState string

// The states of a notification.
const (
	NotificationPending   NotificationState = "wachtend"
	NotificationDelivered NotificationState = "afgeleverd"
	NotificationGivenUp   NotificationState = "opgegeven"
)

// State returns where n stands.
func (n *Notification) State() NotificationState {
	switch {
	case !n.DeliveredAt.IsZero():
		return NotificationDelivered
	case !n.GivenUpAt.IsZero():
		return NotificationGivenUp
	}
	return NotificationPending
}

// Webhook is an endpoint of an organisation that receives its
// notifications, signed with HMAC-SHA256 over the body with Secret.
type Webhook struct {
	ID             int64
	OrganisationID int64
	URL            string
	Secret         string
	CreatedAt      time.Time
	RetiredAt      time.Time // zero while active
}

// NotificationFilter selects notifications for operators.
type NotificationFilter struct {
	ID        int64             // one notification, or 0
	State     NotificationState // "" for all
	RequestID int64
	// Organisations limits to notifications for these organisations; nil
	// means every organisation, an empty slice none.
	Organisations []int64
	Offset        int
	Limit         int
}

// NotificationStore queues and tracks notifications.
type NotificationStore interface {
	// QueueNotifications turns up to limit events not yet considered into
	// notifications: for each event of NotifiedEvents, an e-mail to every
	// user with an address who holds the addressee's role at the addressee
	// organisation after the event, and a message to each of that
	// organisation's active webhooks; first attempt at now. Each event is
	// considered once, also with several instances. Returns the number of
	// events considered.
	QueueNotifications(ctx context.Context, now time.Time, limit int) (int, error)
	// ClaimNotifications returns up to limit notifications due at now and
	// moves their next attempt to now+lease, so another instance does not
	// send them meanwhile.
	ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*Notification, error)
	// NotificationDelivered records a delivery.
	NotificationDelivered(ctx context.Context, id int64, at time.Time) error
	// NotificationFailed records a failed attempt: retry at next, or give up
	// when next is zero.
	NotificationFailed(ctx context.Context, id int64, at time.Time, reason string, next time.Time) error
	// RetryNotification makes a given-up notification due again at now.
	// Returns ENOTFOUND if there is none, ECONFLICT if it is not given up.
	RetryNotification(ctx context.Context, id int64, now time.Time) error
	// Notifications returns notifications matching f, newest first, and the total.
	Notifications(ctx context.Context, f NotificationFilter) ([]*Notification, int, error)
	// CreateWebhook stores a webhook; it sets ID and CreatedAt.
	CreateWebhook(ctx context.Context, w *Webhook) error
	// Webhook returns a webhook. Returns ENOTFOUND if there is none.
	Webhook(ctx context.Context, id int64) (*Webhook, error)
	// Webhooks returns an organisation's webhooks, active ones and retired.
	Webhooks(ctx context.Context, organisationID int64) ([]*Webhook, error)
	// RetireWebhook stops a webhook from receiving anything new.
	RetireWebhook(ctx context.Context, id int64, at time.Time) error
}
