package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/schakel-nl/schakel"
)

var _ schakel.NotificationStore = (*Store)(nil)

// Notifications (docs/decisions/0009-notifications.md) are kept in three
// tables: notify_outbox (the events not yet considered, filled by a trigger
// on request_events in the event's own transaction), notifications (one
// message to one recipient, with its attempts) and webhooks (an
// organisation's endpoints). QueueNotifications drains the outbox into
// notifications; ClaimNotifications leases the due ones to a sender, which
// reports back with NotificationDelivered or NotificationFailed.

// MaxNotificationBatch caps the limit of QueueNotifications and
// ClaimNotifications.
const MaxNotificationBatch = 1000

// maxErrorText caps the stored reason of a failed attempt, in bytes.
const maxErrorText = 1000

// reasonWebhookRetired is the reason pending notifications of a retired
// webhook are given up with.
const reasonWebhookRetired = "webhook ingetrokken"

const notificationColumns = "id, event_id, request_id, seq, event_type, channel, organisation_id, target, webhook_id, " +
	"created_at, attempts, next_attempt_at, last_error, delivered_at, given_up_at"

func scanNotification(sc interface{ Scan(...any) error }) (*schakel.Notification, error) {
	var n schakel.Notification
	var typ, channel string
	var webhook sql.NullInt64
	var next, delivered, givenUp sql.NullTime
	if err := sc.Scan(&n.ID, &n.EventID, &n.RequestID, &n.Seq, &typ, &channel, &n.OrganisationID, &n.Target, &webhook,
		&n.CreatedAt, &n.Attempts, &next, &n.LastError, &delivered, &givenUp); err != nil {
		return nil, err
	}
	n.EventType, n.Channel, n.WebhookID = schakel.EventType(typ), schakel.Channel(channel), webhook.Int64
	n.CreatedAt = n.CreatedAt.UTC()
	if next.Valid {
		n.NextAttemptAt = next.Time.UTC()
	}
	if delivered.Valid {
		n.DeliveredAt = delivered.Time.UTC()
	}
	if givenUp.Valid {
		n.GivenUpAt = givenUp.Time.UTC()
	}
	return &n, nil
}

// idList returns the condition "column is one of ids" with one "?"
// parameter whatever the number of ids (dialect.inIDs). Unlike inList it
// leaves numbering to rebind, so it can stand anywhere in a query.
func (s *Store) idList(column string, ids []int64) (string, any) {
	return s.dialect.inIDs(column, ids)
}

// notifiedTypes returns "IN (?, ?, …)" and the event types of
// schakel.NotifiedEvents as its arguments.
func notifiedTypes() (string, []any) {
	ph := make([]string, len(schakel.NotifiedEvents))
	args := make([]any, len(schakel.NotifiedEvents))
	for i, t := range schakel.NotifiedEvents {
		ph[i], args[i] = "?", string(t)
	}
	return "IN (" + strings.Join(ph, ", ") + ")", args
}

// QueueNotifications implements schakel.NotificationStore. In one
// transaction it takes up to limit events from the outbox (on PostgreSQL
// FOR UPDATE SKIP LOCKED, so concurrent callers take different events; on
// SQLite the one writer serialises them), inserts for each event of
// schakel.NotifiedEvents an e-mail notification to every user with an
// address who holds the role of the rung the event left the request at, at
// that rung's organisation — never the requester — and to each active
// address of that organisation (NotificationAddresses), and one webhook
// notification to each active webhook of that organisation, and removes the
// events from the outbox. Notifications are due at now. Queuing an event
// twice (a restored outbox) adds nothing: notifications are unique per
// event, channel and target. limit 0 or less means 100; it is capped at
// MaxNotificationBatch.
func (s *Store) QueueNotifications(ctx context.Context, now time.Time, limit int) (int, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, MaxNotificationBatch)
	now = instant(now)
	considered := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		considered = 0
		query := "SELECT event_id FROM notify_outbox ORDER BY event_id LIMIT ?" + s.dialect.skipLocked()
		rows, err := tx.QueryContext(ctx, s.q(query), limit)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		events, eventsArg := s.idList("e.id", ids)
		types, typeArgs := notifiedTypes()
		ts := s.dialect.instantParam()
		// E-mail: the users in the addressee's role after the event, with an
		// address and not switched off (a switched-off user keeps the roles
		// for when it is switched on again, but hears nothing meanwhile) —
		// also the requester when they hold that role: leaving
		// them out would single out the puller of a protected brake among
		// the addressees (an anonymous puller is no user, so never
		// receives anything).
		args := append([]any{now, now, eventsArg}, typeArgs...)
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications
			(event_id, request_id, seq, event_type, channel, organisation_id, target, created_at, next_attempt_at)
			SELECT e.id, e.request_id, e.seq, e.type, 'email', rr.organisation_id, u.email, `+ts+`, `+ts+`
			FROM request_events e
			JOIN request_rungs rr ON rr.request_id = e.request_id AND rr.rung = e.rung
			JOIN memberships m ON m.organisation_id = rr.organisation_id AND m.role = rr.role
			JOIN users u ON u.id = m.user_id
			WHERE `+events+` AND e.type `+types+` AND u.email <> '' AND u.disabled_at IS NULL
			ON CONFLICT (event_id, channel, target) DO NOTHING`), args...); err != nil {
			return fmt.Errorf("e-mail: %w", err)
		}
		// The organisation's own active addresses (migration 00021), such
		// as a team's shared mailbox; one that is also a member's address
		// gets one message.
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications
			(event_id, request_id, seq, event_type, channel, organisation_id, target, created_at, next_attempt_at)
			SELECT e.id, e.request_id, e.seq, e.type, 'email', rr.organisation_id, a.email, `+ts+`, `+ts+`
			FROM request_events e
			JOIN request_rungs rr ON rr.request_id = e.request_id AND rr.rung = e.rung
			JOIN notification_addresses a ON a.organisation_id = rr.organisation_id AND a.retired_at IS NULL
			WHERE `+events+` AND e.type `+types+`
			ON CONFLICT (event_id, channel, target) DO NOTHING`), args...); err != nil {
			return fmt.Errorf("addresses: %w", err)
		}
		// Webhooks: every active one of the addressee's organisation.
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications
			(event_id, request_id, seq, event_type, channel, organisation_id, target, webhook_id, created_at, next_attempt_at)
			SELECT e.id, e.request_id, e.seq, e.type, 'webhook', w.organisation_id, w.url, w.id, `+ts+`, `+ts+`
			FROM request_events e
			JOIN request_rungs rr ON rr.request_id = e.request_id AND rr.rung = e.rung
			JOIN webhooks w ON w.organisation_id = rr.organisation_id AND w.retired_at IS NULL
			WHERE `+events+` AND e.type `+types+`
			ON CONFLICT (event_id, channel, target) DO NOTHING`), args...); err != nil {
			return fmt.Errorf("webhooks: %w", err)
		}
		outbox, outboxArg := s.idList("event_id", ids)
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM notify_outbox WHERE "+outbox), outboxArg); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		considered = len(ids)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: queue notifications: %w", err)
	}
	return considered, nil
}

// ClaimNotifications implements schakel.NotificationStore. A claim is an
// attempt: it adds one to Attempts (the returned notifications carry the
// new count), so a notification whose sending crashes the sender is still
// given up after the last attempt instead of being tried for ever. The
// claimed rows are locked FOR UPDATE SKIP LOCKED on PostgreSQL, so two
// instances never claim the same one; their next attempt moves to
// now+lease, so another instance takes them over only when the sender did
// not report back in time. They are returned in id order.
// limit 0 or less means 100; it is capped at MaxNotificationBatch.
func (s *Store) ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*schakel.Notification, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, MaxNotificationBatch)
	if lease <= 0 {
		return nil, fmt.Errorf("store: claim notifications: lease %v is not positive", lease)
	}
	now = instant(now)
	var out []*schakel.Notification
	err := s.tx(ctx, func(tx *sql.Tx) error {
		out = nil
		due := "SELECT id FROM notifications WHERE next_attempt_at <= ? AND delivered_at IS NULL AND given_up_at IS NULL ORDER BY next_attempt_at, id LIMIT ?" + s.dialect.skipLocked()
		rows, err := tx.QueryContext(ctx, s.q("UPDATE notifications SET next_attempt_at = ?, attempts = attempts + 1 WHERE id IN ("+due+") RETURNING id"),
			now.Add(lease), now, limit)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(ids) == 0 {
			return err
		}
		// Read the claimed rows back with their column types (SQLite's
		// RETURNING does not carry the declared TIMESTAMP type).
		clause, arg := s.idList("id", ids)
		rows, err = tx.QueryContext(ctx, s.q("SELECT "+notificationColumns+" FROM notifications WHERE "+clause+" ORDER BY id"), arg)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			n, err := scanNotification(rows)
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim notifications: %w", err)
	}
	return out, nil
}

// notificationExists reports whether notification id exists.
func (s *Store) notificationExists(ctx context.Context, id int64) (bool, error) {
	var one int
	err := s.write.QueryRowContext(ctx, s.q("SELECT 1 FROM notifications WHERE id = ?"), id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func notificationNotFound(id int64) error {
	return schakel.Errorf(schakel.ENOTFOUND, "Bericht %d bestaat niet.", id)
}

// NotificationDelivered implements schakel.NotificationStore. The first
// delivery recorded stays; recording it again changes nothing. Returns
// ENOTFOUND if there is no such notification.
func (s *Store) NotificationDelivered(ctx context.Context, id int64, at time.Time) error {
	res, err := s.execWrite(ctx, s.q("UPDATE notifications SET delivered_at = ?, next_attempt_at = NULL WHERE id = ? AND delivered_at IS NULL"),
		instant(at), id)
	if err != nil {
		return fmt.Errorf("store: notification %d delivered: %w", id, err)
	}
	return s.changedOne(ctx, res, id, "delivered")
}

// changedOne returns nil when res affected a row or notification id exists
// (the change was not needed), ENOTFOUND when it does not exist.
func (s *Store) changedOne(ctx context.Context, res sql.Result, id int64, op string) error {
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: notification %d %s: %w", id, op, err)
	} else if n == 1 {
		return nil
	}
	ok, err := s.notificationExists(ctx, id)
	if err != nil {
		return fmt.Errorf("store: notification %d %s: %w", id, op, err)
	}
	if !ok {
		return notificationNotFound(id)
	}
	return nil
}

// errorText cuts a reason to maxErrorText bytes at a rune boundary.
func errorText(reason string) string {
	if len(reason) <= maxErrorText {
		return reason
	}
	cut := maxErrorText
	for cut > 0 && !utf8.RuneStart(reason[cut]) {
		cut--
	}
	return reason[:cut]
}

// NotificationFailed implements schakel.NotificationStore. reason is
// kept (cut to 1,000 bytes) for operators. A delivery recorded meanwhile
// (by another instance after a lease ran out) wins: the failure is then
// ignored. Returns ENOTFOUND if there is no such notification.
func (s *Store) NotificationFailed(ctx context.Context, id int64, at time.Time, reason string, next time.Time) error {
	givenUp := sql.NullTime{}
	if next.IsZero() {
		givenUp = nullTime(instant(at))
	}
	res, err := s.execWrite(ctx, s.q("UPDATE notifications SET last_error = ?, next_attempt_at = ?, given_up_at = ? WHERE id = ? AND delivered_at IS NULL"),
		errorText(reason), nullTime(instant(next)), givenUp, id)
	if err != nil {
		return fmt.Errorf("store: notification %d failed: %w", id, err)
	}
	return s.changedOne(ctx, res, id, "failed")
}

// RetryNotification implements schakel.NotificationStore. The
// notification starts over: its attempts go back to 0, so it gets the whole
// series of attempts again; its last error stays until the next attempt.
func (s *Store) RetryNotification(ctx context.Context, id int64, now time.Time) error {
	res, err := s.execWrite(ctx, s.q(`UPDATE notifications SET given_up_at = NULL, next_attempt_at = ?, attempts = 0
		WHERE id = ? AND given_up_at IS NOT NULL AND delivered_at IS NULL`), instant(now), id)
	if err != nil {
		return fmt.Errorf("store: retry notification %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: retry notification %d: %w", id, err)
	}
	if n == 1 {
		return nil
	}
	ok, err := s.notificationExists(ctx, id)
	switch {
	case err != nil:
		return fmt.Errorf("store: retry notification %d: %w", id, err)
	case !ok:
		return notificationNotFound(id)
	}
	return schakel.Errorf(schakel.ECONFLICT, "Bericht %d is niet opgegeven: alleen een opgegeven bericht kan opnieuw worden verstuurd.", id)
}

// Notifications implements schakel.NotificationStore. Returns EINVALID
// for an unknown state.
func (s *Store) Notifications(ctx context.Context, f schakel.NotificationFilter) ([]*schakel.Notification, int, error) {
	var where []string
	var args []any
	switch f.State {
	case "":
	case schakel.NotificationPending:
		where = append(where, "delivered_at IS NULL AND given_up_at IS NULL")
	case schakel.NotificationDelivered:
		where = append(where, "delivered_at IS NOT NULL")
	case schakel.NotificationGivenUp:
		where = append(where, "given_up_at IS NOT NULL AND delivered_at IS NULL")
	default:
		return nil, 0, invalidField("status", "enum", "Kies %s, %s of %s.",
			schakel.NotificationPending, schakel.NotificationDelivered, schakel.NotificationGivenUp)
	}
	if f.RequestID != 0 {
		where = append(where, "request_id = ?")
		args = append(args, f.RequestID)
	}
	if f.ID != 0 {
		where = append(where, "id = ?")
		args = append(args, f.ID)
	}
	if f.Organisations != nil {
		if len(f.Organisations) == 0 {
			return nil, 0, nil
		}
		where = append(where, "organisation_id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(f.Organisations)), ",")+")")
		for _, o := range f.Organisations {
			args = append(args, o)
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.readRow(ctx, "SELECT COUNT(*) FROM notifications"+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: notifications: %w", err)
	}
	rows, err := s.readRows(ctx, "SELECT "+notificationColumns+" FROM notifications"+cond+" ORDER BY id DESC LIMIT ? OFFSET ?",
		append(args, limit(f.Limit), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: notifications: %w", err)
	}
	defer rows.Close()
	var out []*schakel.Notification
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: notifications: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: notifications: %w", err)
	}
	return out, total, nil
}

const webhookColumns = "id, organisation_id, url, secret, created_at, retired_at"

func scanWebhook(sc interface{ Scan(...any) error }) (*schakel.Webhook, error) {
	var w schakel.Webhook
	var retired sql.NullTime
	if err := sc.Scan(&w.ID, &w.OrganisationID, &w.URL, &w.Secret, &w.CreatedAt, &retired); err != nil {
		return nil, err
	}
	w.CreatedAt = w.CreatedAt.UTC()
	if retired.Valid {
		w.RetiredAt = retired.Time.UTC()
	}
	return &w, nil
}

// CreateWebhook implements schakel.NotificationStore. The URL and secret
// are stored as given: validating them (notify.ValidateWebhookURL) is the
// caller's. Returns EINVALID naming organisatieId when the organisation
// does not exist.
func (s *Store) CreateWebhook(ctx context.Context, w *schakel.Webhook) error {
	now := s.Now()
	var id int64
	err := s.write.QueryRowContext(ctx, s.q("INSERT INTO webhooks (organisation_id, url, secret, created_at) VALUES (?, ?, ?, ?) RETURNING id"),
		w.OrganisationID, w.URL, w.Secret, now).Scan(&id)
	if s.dialect.isForeignKeyViolation(err) {
		return invalidField("organisatieId", "unknown", "Organisatie %d bestaat niet.", w.OrganisationID)
	}
	if err != nil {
		return s.noteWrite(fmt.Errorf("store: create webhook for organisation %d: %w", w.OrganisationID, err))
	}
	w.ID, w.CreatedAt, w.RetiredAt = id, now, time.Time{}
	return nil
}

// Webhook implements schakel.NotificationStore.
func (s *Store) Webhook(ctx context.Context, id int64) (*schakel.Webhook, error) {
	w, err := scanWebhook(s.readRow(ctx, "SELECT "+webhookColumns+" FROM webhooks WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Webhook %d bestaat niet.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: webhook %d: %w", id, err)
	}
	return w, nil
}

// Webhooks implements schakel.NotificationStore, in the order they were
// made; none for an unknown organisation.
func (s *Store) Webhooks(ctx context.Context, organisationID int64) ([]*schakel.Webhook, error) {
	rows, err := s.readRows(ctx, "SELECT "+webhookColumns+" FROM webhooks WHERE organisation_id = ? ORDER BY id", organisationID)
	if err != nil {
		return nil, fmt.Errorf("store: webhooks of organisation %d: %w", organisationID, err)
	}
	defer rows.Close()
	var out []*schakel.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, fmt.Errorf("store: webhooks of organisation %d: %w", organisationID, err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: webhooks of organisation %d: %w", organisationID, err)
	}
	return out, nil
}

// RetireWebhook implements schakel.NotificationStore. In the same
// transaction its notifications not yet delivered are given up with reason
// "webhook ingetrokken", visible to operators: a webhook is retired because
// its endpoint or secret is no longer to be trusted, so nothing more is sent
// to it. Returns ENOTFOUND if there is no such webhook, ECONFLICT if it was
// retired already.
func (s *Store) RetireWebhook(ctx context.Context, id int64, at time.Time) error {
	at = instant(at)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q("UPDATE webhooks SET retired_at = ? WHERE id = ? AND retired_at IS NULL"), at, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			if s.exists(ctx, tx, "webhooks", id) {
				return schakel.Errorf(schakel.ECONFLICT, "Webhook %d is al ingetrokken.", id)
			}
			return schakel.Errorf(schakel.ENOTFOUND, "Webhook %d bestaat niet.", id)
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE notifications SET next_attempt_at = NULL, given_up_at = ?, last_error = ?
			WHERE webhook_id = ? AND delivered_at IS NULL AND given_up_at IS NULL`), at, reasonWebhookRetired, id)
		return err
	})
	if err != nil && schakel.ErrorCode(err) == schakel.EINTERNAL {
		return fmt.Errorf("store: retire webhook %d: %w", id, err)
	}
	return err
}
