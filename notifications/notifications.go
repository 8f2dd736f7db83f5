// Package notifications is the way in for an organisation's administrators
// to the messages schakel sends for it (decision 0009): the webhooks that
// receive its notifications, each with a signing secret made here and shown
// once, and the queue of notifications with what happened to each, from
// which a given-up one can be sent again. Only the organisation's own
// administrators may, as authz decides; the delivery itself is the
// notifier's (jobs, notify).
package notifications

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/notify"
)

// Store is what the service needs of the store.
type Store interface {
	schakel.NotificationStore
	schakel.ChannelStore
	OrganisationByCode(ctx context.Context, code string) (*schakel.Organisation, error)
	Organisation(ctx context.Context, id int64) (*schakel.Organisation, error)
}

// Service manages webhooks and the notification queue. Build it with New.
type Service struct {
	store Store
	clock schakel.Clock
	// senders deliver test messages; see WithSenders.
	senders senders
}

// New returns the service over st.
func New(st Store, clock schakel.Clock) *Service { return &Service{store: st, clock: clock} }

// WebhookOrganisation returns the organisation with code when u may manage
// its webhooks. Returns EUNAUTHORIZED without a user, ENOTFOUND for an
// unknown organisation and EFORBIDDEN for others.
func (s *Service) WebhookOrganisation(ctx context.Context, u *schakel.User, code string) (*schakel.Organisation, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om webhooks te beheren.")
	}
	org, err := s.store.OrganisationByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	if err := authz.Can(u, authz.ManageWebhooks, org.ID); err != nil {
		return nil, err
	}
	return org, nil
}

// Webhooks returns the webhooks of the organisation with code, also the
// retired ones, for its administrators.
func (s *Service) Webhooks(ctx context.Context, u *schakel.User, code string) (*schakel.Organisation, []*schakel.Webhook, error) {
	org, err := s.WebhookOrganisation(ctx, u, code)
	if err != nil {
		return nil, nil, err
	}
	ws, err := s.store.Webhooks(ctx, org.ID)
	return org, ws, err
}

// WebhookInput is a new webhook.
type WebhookInput struct {
	URL string
	// Problems are what the transport found wrong while decoding the
	// input; with any, nothing is stored.
	Problems []schakel.FieldError
}

// CreateWebhook registers a webhook for the organisation with code. schakel
// makes its signing secret (256 bits); the returned webhook holds it, to be
// shown this once.
func (s *Service) CreateWebhook(ctx context.Context, u *schakel.User, code string, in WebhookInput) (*schakel.Organisation, *schakel.Webhook, error) {
	org, err := s.WebhookOrganisation(ctx, u, code)
	if err != nil {
		return nil, nil, err
	}
	var v schakel.Validation
	v.Given(in.Problems)
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	if err := notify.ValidateWebhookURL(in.URL); err != nil {
		return nil, nil, err
	}
	if err := s.refuseInternal(in.URL); err != nil {
		return nil, nil, err
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, nil, err
	}
	wh := &schakel.Webhook{OrganisationID: org.ID, URL: in.URL, Secret: hex.EncodeToString(secret), CreatedAt: s.clock.Now()}
	if err := s.store.CreateWebhook(ctx, wh); err != nil {
		return nil, nil, err
	}
	return org, wh, nil
}

// refuseInternal refuses, already when a webhook is registered, a URL
// whose host is an internal address written out (127.0.0.1, 10.0.0.5,
// [::1]) or localhost, when the webhook client refuses to connect to such
// addresses. A name that resolves to one is refused when schakel connects
// (notify.CheckDialAddress); this says it early, in words.
func (s *Service) refuseInternal(raw string) error {
	wc := s.senders.webhooks
	if wc == nil || wc.AllowPrivate {
		return nil
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil // ValidateWebhookURL has answered already
	}
	host := strings.ToLower(u.Hostname())
	addr, err := netip.ParseAddr(host)
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || (err == nil && !wc.Allows(addr)) {
		var v schakel.Validation
		v.Add("url", "internal", "Gebruik een adres dat vanaf internet bereikbaar is: schakel stuurt geen berichten naar interne adressen zoals %s.", host)
		return v.Err()
	}
	return nil
}

// RetireWebhook stops a webhook of the organisation with code from
// receiving anything new; it stays on record. Returns ENOTFOUND for a
// webhook of another organisation.
func (s *Service) RetireWebhook(ctx context.Context, u *schakel.User, code string, id int64) error {
	org, err := s.WebhookOrganisation(ctx, u, code)
	if err != nil {
		return err
	}
	wh, err := s.store.Webhook(ctx, id)
	if err == nil && wh.OrganisationID != org.ID {
		err = schakel.Errorf(schakel.ENOTFOUND, "Webhook %d bestaat niet.", id)
	}
	if err != nil {
		return err
	}
	return s.store.RetireWebhook(ctx, id, s.clock.Now())
}

// operated returns the organisations whose queue u operates: those u
// administers. Returns EUNAUTHORIZED without a user and EFORBIDDEN when u
// administers none.
func operated(u *schakel.User) ([]int64, error) {
	if u == nil {
		return nil, schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om de berichten te zien.")
	}
	if err := authz.Can(u, authz.OperateNotifications, 0); err != nil {
		return nil, err
	}
	return authz.Organisations(u, authz.OperateNotifications), nil
}

// Queue returns the notifications matching f of the organisations u
// administers, newest first, and their total; f.Organisations is set here.
func (s *Service) Queue(ctx context.Context, u *schakel.User, f schakel.NotificationFilter) ([]*schakel.Notification, int, error) {
	orgs, err := operated(u)
	if err != nil {
		return nil, 0, err
	}
	f.Organisations = orgs
	return s.store.Notifications(ctx, f)
}

// MayOperate reports, as an error, whether u operates any organisation's
// queue: nil, EUNAUTHORIZED or EFORBIDDEN.
func (s *Service) MayOperate(u *schakel.User) error {
	_, err := operated(u)
	return err
}

// Retry sends a given-up notification again, now. Returns ENOTFOUND for a
// notification of an organisation u does not administer.
func (s *Service) Retry(ctx context.Context, u *schakel.User, id int64) error {
	orgs, err := operated(u)
	if err != nil {
		return err
	}
	ns, _, err := s.store.Notifications(ctx, schakel.NotificationFilter{ID: id, Organisations: orgs, Limit: 1})
	if err != nil {
		return err
	}
	if len(ns) == 0 {
		return schakel.Errorf(schakel.ENOTFOUND, "Bericht %d bestaat niet.", id)
	}
	return s.store.RetryNotification(ctx, id, s.clock.Now())
}

// States are the states the queue is filtered on, in the order pages
// offer them.
var States = []schakel.NotificationState{schakel.NotificationPending, schakel.NotificationDelivered, schakel.NotificationGivenUp}

// QueueFilter reads the queue's filters from a query, for the operators'
// page and the API alike: status (wachtend, afgeleverd or opgegeven) and
// verzoek (a request's id). Paging is the caller's. Returns EINVALID naming
// every bad one.
func QueueFilter(q url.Values) (schakel.NotificationFilter, error) {
	var f schakel.NotificationFilter
	var v schakel.Validation
	if s, ok := schakel.QueryParam(q, "status"); ok {
		if st := schakel.NotificationState(s); slices.Contains(States, st) {
			f.State = st
		} else {
			v.Add("status", "enum", "Kies een van: %s.", "wachtend, afgeleverd, opgegeven")
		}
	}
	if s, ok := schakel.QueryParam(q, "verzoek"); ok {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id < 1 || id > 1<<31-1 {
			v.Add("verzoek", "range", "Geef een geheel getal van %d tot en met %d.", 1, 1<<31-1)
		}
		f.RequestID = id
	}
	return f, v.Err()
}
