package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/calendar"
)

var (
	_ schakel.WorkStore    = (*Store)(nil)
	_ schakel.ChannelStore = (*Store)(nil)
)

// The per-user work settings live in user_work (migration 00021), one row
// per user who ever opened the Postvak or set the digest; a user without a
// row has the zero settings.

// WorkSettings implements schakel.WorkStore.
func (s *Store) WorkSettings(ctx context.Context, userID int64) (*schakel.WorkSettings, error) {
	ws := &schakel.WorkSettings{UserID: userID}
	var seen sql.NullTime
	var sent string
	err := s.readRow(ctx, "SELECT inbox_seen_at, digest, digest_sent_on FROM user_work WHERE user_id = ?", userID).Scan(&seen, &ws.Digest, &sent)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ws, nil
	case err != nil:
		return nil, fmt.Errorf("store: work settings of user %d: %w", userID, err)
	}
	if seen.Valid {
		ws.InboxSeenAt = seen.Time.UTC()
	}
	if sent != "" {
		if ws.DigestSentOn, err = calendar.ParseDate(sent); err != nil {
			return nil, fmt.Errorf("store: work settings of user %d: %w", userID, err)
		}
	}
	return ws, nil
}

// userWorkError turns an unknown user into ENOTFOUND.
func (s *Store) userWorkError(err error, what string, userID int64) error {
	if s.dialect.isForeignKeyViolation(err) {
		return schakel.Errorf(schakel.ENOTFOUND, "Deze gebruiker bestaat niet.")
	}
	return fmt.Errorf("store: %s of user %d: %w", what, userID, err)
}

// MarkInboxSeen implements schakel.WorkStore. The time only moves forward,
// so a slow request that read the Postvak earlier cannot mark new work as
// seen again.
func (s *Store) MarkInboxSeen(ctx context.Context, userID int64, at time.Time) error {
	at = instant(at)
	_, err := s.execWrite(ctx, s.q(`INSERT INTO user_work (user_id, inbox_seen_at) VALUES (?, ?)
		ON CONFLICT (user_id) DO UPDATE SET inbox_seen_at = excluded.inbox_seen_at
		WHERE user_work.inbox_seen_at IS NULL OR user_work.inbox_seen_at < excluded.inbox_seen_at`), userID, at)
	if err != nil {
		return s.userWorkError(err, "mark inbox seen", userID)
	}
	return nil
}

// SetDigest implements schakel.WorkStore.
func (s *Store) SetDigest(ctx context.Context, userID int64, on bool) error {
	_, err := s.execWrite(ctx, s.q(`INSERT INTO user_work (user_id, digest) VALUES (?, ?)
		ON CONFLICT (user_id) DO UPDATE SET digest = excluded.digest`), userID, on)
	if err != nil {
		return s.userWorkError(err, "set digest", userID)
	}
	return nil
}

// DigestRecipients implements schakel.WorkStore. limit 0 or less means
// 100; it is capped at 1000.
func (s *Store) DigestRecipients(ctx context.Context, day calendar.Date, afterID int64, limit int) ([]int64, error) {
	limit = retentionLimit(limit)
	rows, err := s.readRows(ctx, "SELECT user_id FROM user_work WHERE digest AND digest_sent_on < ? AND user_id > ? ORDER BY user_id LIMIT ?",
		day.String(), afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: digest recipients: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: digest recipients: %w", err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: digest recipients: %w", err)
	}
	return out, nil
}

// ClaimDigest implements schakel.WorkStore with one conditional update:
// of two instances claiming the same day, one changes the row.
func (s *Store) ClaimDigest(ctx context.Context, userID int64, day calendar.Date) (bool, error) {
	res, err := s.execWrite(ctx, s.q("UPDATE user_work SET digest_sent_on = ? WHERE user_id = ? AND digest AND digest_sent_on < ?"),
		day.String(), userID, day.String())
	if err != nil {
		return false, fmt.Errorf("store: claim digest of user %d: %w", userID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: claim digest of user %d: %w", userID, err)
	}
	return n == 1, nil
}

const addressColumns = "id, organisation_id, email, created_at, retired_at"

func scanAddress(sc interface{ Scan(...any) error }) (*schakel.NotificationAddress, error) {
	var a schakel.NotificationAddress
	var retired sql.NullTime
	if err := sc.Scan(&a.ID, &a.OrganisationID, &a.Email, &a.CreatedAt, &retired); err != nil {
		return nil, err
	}
	a.CreatedAt = a.CreatedAt.UTC()
	if retired.Valid {
		a.RetiredAt = retired.Time.UTC()
	}
	return &a, nil
}

// CreateNotificationAddress implements schakel.ChannelStore. The address
// is stored as given: validating it is the caller's. Returns EINVALID
// naming organisatieId when the organisation does not exist.
func (s *Store) CreateNotificationAddress(ctx context.Context, a *schakel.NotificationAddress) error {
	now := s.Now()
	var id int64
	err := s.write.QueryRowContext(ctx, s.q("INSERT INTO notification_addresses (organisation_id, email, created_at) VALUES (?, ?, ?) RETURNING id"),
		a.OrganisationID, a.Email, now).Scan(&id)
	switch {
	case s.dialect.isForeignKeyViolation(err):
		return invalidField("organisatieId", "unknown", "Organisatie %d bestaat niet.", a.OrganisationID)
	case s.dialect.isUniqueViolation(err):
		return invalidField("email", "duplicate", "Dit adres krijgt de berichten al.")
	case err != nil:
		return s.noteWrite(fmt.Errorf("store: create notification address for organisation %d: %w", a.OrganisationID, err))
	}
	a.ID, a.CreatedAt, a.RetiredAt = id, now, time.Time{}
	return nil
}

// NotificationAddress implements schakel.ChannelStore.
func (s *Store) NotificationAddress(ctx context.Context, id int64) (*schakel.NotificationAddress, error) {
	a, err := scanAddress(s.readRow(ctx, "SELECT "+addressColumns+" FROM notification_addresses WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Adres %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: notification address %d: %w", id, err)
	}
	return a, nil
}

// NotificationAddresses implements schakel.ChannelStore.
func (s *Store) NotificationAddresses(ctx context.Context, organisationID int64) ([]*schakel.NotificationAddress, error) {
	rows, err := s.readRows(ctx, "SELECT "+addressColumns+" FROM notification_addresses WHERE organisation_id = ? ORDER BY id", organisationID)
	if err != nil {
		return nil, fmt.Errorf("store: notification addresses of organisation %d: %w", organisationID, err)
	}
	defer rows.Close()
	var out []*schakel.NotificationAddress
	for rows.Next() {
		a, err := scanAddress(rows)
		if err != nil {
			return nil, fmt.Errorf("store: notification addresses of organisation %d: %w", organisationID, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: notification addresses of organisation %d: %w", organisationID, err)
	}
	return out, nil
}

// RetireNotificationAddress implements schakel.ChannelStore.
func (s *Store) RetireNotificationAddress(ctx context.Context, id int64, at time.Time) error {
	res, err := s.execWrite(ctx, s.q("UPDATE notification_addresses SET retired_at = ? WHERE id = ? AND retired_at IS NULL"), instant(at), id)
	if err != nil {
		return fmt.Errorf("store: retire notification address %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: retire notification address %d: %w", id, err)
	} else if n == 1 {
		return nil
	}
	if _, err := s.NotificationAddress(ctx, id); err != nil {
		return err
	}
	return schakel.Errorf(schakel.ECONFLICT, "Adres %d is al ingetrokken.", id)
}

// RecordNotificationTest implements schakel.ChannelStore.
func (s *Store) RecordNotificationTest(ctx context.Context, t *schakel.NotificationTest) error {
	var webhook, delivered any
	if t.WebhookID != 0 {
		webhook = t.WebhookID
	}
	if !t.DeliveredAt.IsZero() {
		delivered = instant(t.DeliveredAt)
	}
	msg := t.Error
	if len(msg) > maxErrorText {
		msg = msg[:maxErrorText]
	}
	var id int64
	err := s.write.QueryRowContext(ctx, s.q(`INSERT INTO notification_tests (organisation_id, channel, target, webhook_id, created_at, delivered_at, error)
		VALUES (?, ?, ?, ?, ?, `+s.dialect.instantParam()+`, ?) RETURNING id`),
		t.OrganisationID, string(t.Channel), t.Target, webhook, instant(t.CreatedAt), delivered, msg).Scan(&id)
	if s.dialect.isForeignKeyViolation(err) {
		return invalidField("organisatieId", "unknown", "Organisatie %d of webhook %d bestaat niet.", t.OrganisationID, t.WebhookID)
	}
	if err != nil {
		return fmt.Errorf("store: record notification test for organisation %d: %w", t.OrganisationID, err)
	}
	t.ID, t.CreatedAt, t.DeliveredAt, t.Error = id, instant(t.CreatedAt), instant(t.DeliveredAt), msg
	return nil
}

// NotificationTests implements schakel.ChannelStore. limit 0 or less means
// 100; it is capped at 1000.
func (s *Store) NotificationTests(ctx context.Context, organisationIDs []int64, limit int) ([]*schakel.NotificationTest, error) {
	if len(organisationIDs) == 0 {
		return nil, nil
	}
	cond, arg := s.dialect.inIDs("organisation_id", organisationIDs)
	rows, err := s.readRows(ctx, `SELECT id, organisation_id, channel, target, webhook_id, created_at, delivered_at, error
		FROM notification_tests WHERE `+cond+` ORDER BY id DESC LIMIT ?`, arg, retentionLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: notification tests: %w", err)
	}
	defer rows.Close()
	var out []*schakel.NotificationTest
	for rows.Next() {
		var t schakel.NotificationTest
		var channel string
		var webhook sql.NullInt64
		var delivered sql.NullTime
		if err := rows.Scan(&t.ID, &t.OrganisationID, &channel, &t.Target, &webhook, &t.CreatedAt, &delivered, &t.Error); err != nil {
			return nil, fmt.Errorf("store: notification tests: %w", err)
		}
		t.Channel, t.WebhookID, t.CreatedAt = schakel.Channel(channel), webhook.Int64, t.CreatedAt.UTC()
		if delivered.Valid {
			t.DeliveredAt = delivered.Time.UTC()
		}
		out = append(out, &t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: notification tests: %w", err)
	}
	return out, nil
}
