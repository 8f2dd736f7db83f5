package notifications

import (
	"context"
	"encoding/json"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/authz"
	"github.com/schakel-nl/schakel/notify"
)

// senders deliver the test messages an administrator sends.
type senders struct {
	webhooks *notify.WebhookClient
	mailer   notify.Mailer
}

// WithSenders returns the service delivering test messages with webhooks
// and mailer; mailer nil (no SMTP server configured) makes a test e-mail
// fail visibly with that reason. Without it every test message fails so.
func (s *Service) WithSenders(webhooks *notify.WebhookClient, mailer notify.Mailer) *Service {
	c := *s
	c.senders = senders{webhooks: webhooks, mailer: mailer}
	return &c
}

// Administered returns the organisations whose channels u manages, by
// name. Returns EUNAUTHORIZED without a user, EFORBIDDEN when u manages
// none.
func (s *Service) Administered(ctx context.Context, u *schakel.User) ([]*schakel.Organisation, error) {
	if _, err := operated(u); err != nil {
		return nil, err
	}
	var out []*schakel.Organisation
	for _, id := range authz.Organisations(u, authz.ManageWebhooks) {
		org, err := s.store.Organisation(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, org)
	}
	slices.SortFunc(out, func(a, b *schakel.Organisation) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Addresses returns the e-mail addresses of the organisation with code,
// also the retired ones, for its administrators.
func (s *Service) Addresses(ctx context.Context, u *schakel.User, code string) ([]*schakel.NotificationAddress, error) {
	org, err := s.WebhookOrganisation(ctx, u, code)
	if err != nil {
		return nil, err
	}
	return s.store.NotificationAddresses(ctx, org.ID)
}

// maxEmail is the longest e-mail address accepted (RFC 5321's path limit).
const maxEmail = 254

// CheckEmail returns email trimmed when it is a plain address
// (naam@domein.nl, no display name); else it names field in v.
func CheckEmail(v *schakel.Validation, field, email string) string {
	email = strings.TrimSpace(email)
	if !v.Required(field, email) {
		return ""
	}
	a, err := mail.ParseAddress(email)
	switch {
	case len(email) > maxEmail:
		v.Add(field, "too_long", "Gebruik hoogstens %d tekens.", maxEmail)
	case err != nil || a.Address != email || a.Name != "" || !strings.Contains(email[strings.LastIndex(email, "@")+1:], "."):
		v.Add(field, "format", "Geef een e-mailadres zoals %s.", "team@organisatie.nl")
	}
	return email
}

// AddAddress adds an e-mail address that receives the notifications of
// the organisation with code. Returns EINVALID naming email when it is not
// a plain address or is active already.
func (s *Service) AddAddress(ctx context.Context, u *schakel.User, code, email string, problems []schakel.FieldError) (*schakel.NotificationAddress, error) {
	org, err := s.WebhookOrganisation(ctx, u, code)
	if err != nil {
		return nil, err
	}
	var v schakel.Validation
	v.Given(problems)
	email = CheckEmail(&v, "email", email)
	if err := v.Err(); err != nil {
		return nil, err
	}
	a := &schakel.NotificationAddress{OrganisationID: org.ID, Email: email}
	if err := s.store.CreateNotificationAddress(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

// RetireAddress stops an address of the organisation with code from
// receiving anything new. Returns ENOTFOUND for an address of another
// organisation.
func (s *Service) RetireAddress(ctx context.Context, u *schakel.User, code string, id int64) error {
	org, err := s.WebhookOrganisation(ctx, u, code)
	if err != nil {
		return err
	}
	a, err := s.store.NotificationAddress(ctx, id)
	if err == nil && a.OrganisationID != org.ID {
		err = schakel.Errorf(schakel.ENOTFOUND, "Adres %d bestaat niet.", id)
	}
	if err != nil {
		return err
	}
	return s.store.RetireNotificationAddress(ctx, id, s.clock.Now())
}

// TestPayload is the JSON body of a test message to a webhook.
type TestPayload struct {
	// Event is always "test".
	Event        string `json:"gebeurtenis"`
	Organisation string `json:"organisatie"`
	// SentAt is when it was sent, RFC 3339 in UTC.
	SentAt string `json:"verstuurd"`
}

// testTimeout bounds one test delivery, so the administrator's page
// answers in time.
const testTimeout = 15 * time.Second

// SendTest sends a test message now to a channel of the organisation with
// code — channel "webhook" or "email", id the webhook's or the address's —
// and records it with its outcome, which it returns: a failed delivery is
// no error of the call, it is the outcome. Returns ENOTFOUND for a channel
// of another organisation and ECONFLICT for a retired one.
func (s *Service) SendTest(ctx context.Context, u *schakel.User, code string, channel schakel.Channel, id int64) (*schakel.NotificationTest, error) {
	org, err := s.WebhookOrganisation(ctx, u, code)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	t := &schakel.NotificationTest{OrganisationID: org.ID, Channel: channel, CreatedAt: now}
	sctx, cancel := context.WithTimeout(ctx, testTimeout)
	defer cancel()
	switch channel {
	case schakel.ChannelWebhook:
		err = s.testWebhook(sctx, org, id, t)
	case schakel.ChannelEmail:
		err = s.testEmail(sctx, org, id, t)
	default:
		var v schakel.Validation
		v.Add("kanaal", "enum", "Kies een van: %s.", "webhook, email")
		err = v.Err()
	}
	if err != nil {
		return nil, err
	}
	if t.Error == "" {
		t.DeliveredAt = s.clock.Now()
	}
	if err := s.store.RecordNotificationTest(ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}

// testWebhook posts the test payload to webhook id of org; the outcome
// goes to t.Error.
func (s *Service) testWebhook(ctx context.Context, org *schakel.Organisation, id int64, t *schakel.NotificationTest) error {
	wh, err := s.store.Webhook(ctx, id)
	if err == nil && wh.OrganisationID != org.ID {
		err = schakel.Errorf(schakel.ENOTFOUND, "Webhook %d bestaat niet.", id)
	}
	if err != nil {
		return err
	}
	if !wh.RetiredAt.IsZero() {
		return schakel.Errorf(schakel.ECONFLICT, "Webhook %d is ingetrokken; er gaat niets meer heen.", id)
	}
	t.Target, t.WebhookID = wh.URL, wh.ID
	body, err := json.Marshal(TestPayload{Event: "test", Organisation: org.Code, SentAt: t.CreatedAt.UTC().Format(time.RFC3339)})
	if err != nil {
		return err
	}
	client := s.senders.webhooks
	if client == nil {
		client = &notify.WebhookClient{}
	}
	// The delivery id of a test is 0: it is no notification of the queue.
	if err := client.Post(ctx, wh.URL, wh.Secret, 0, body); err != nil {
		t.Error = err.Error()
	}
	return nil
}

// testEmail mails the test text to address id of org; the outcome goes to
// t.Error.
func (s *Service) testEmail(ctx context.Context, org *schakel.Organisation, id int64, t *schakel.NotificationTest) error {
	a, err := s.store.NotificationAddress(ctx, id)
	if err == nil && a.OrganisationID != org.ID {
		err = schakel.Errorf(schakel.ENOTFOUND, "Adres %d bestaat niet.", id)
	}
	if err != nil {
		return err
	}
	if !a.RetiredAt.IsZero() {
		return schakel.Errorf(schakel.ECONFLICT, "Adres %d is ingetrokken; er gaat niets meer heen.", id)
	}
	t.Target = a.Email
	if s.senders.mailer == nil {
		t.Error = "geen e-mailserver ingesteld"
		return nil
	}
	text := "Dit is een proefbericht van schakel voor " + org.Name + ".\n\nBerichten over nieuwe verzoeken, noodremmen en termijnen komen op dit adres aan."
	if err := s.senders.mailer.Send(ctx, a.Email, "Proefbericht van schakel", text); err != nil {
		t.Error = err.Error()
	}
	return nil
}

// Tests returns the latest test messages of the organisations u
// administers, newest first.
func (s *Service) Tests(ctx context.Context, u *schakel.User, limit int) ([]*schakel.NotificationTest, error) {
	orgs, err := operated(u)
	if err != nil {
		return nil, err
	}
	return s.store.NotificationTests(ctx, orgs, limit)
}
