-- +goose Up
-- Notifications (schakel.NotificationService;
-- docs/decisions/0009-notifications.md): e-mail and signed webhooks to the
-- addressee of a request on a new request, a reminder, an escalation and a
-- contest. Never to the requester.

-- An organisation's endpoints. The secret signs every body sent (HMAC-SHA256);
-- it is kept as given, for it is needed to sign. A retired webhook receives
-- nothing new.
CREATE TABLE webhooks (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    url             TEXT NOT NULL,
    secret          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    retired_at      TIMESTAMP
);
CREATE INDEX webhooks_organisation ON webhooks(organisation_id);

-- The outbox: the events not yet considered for notifications, by
-- request_events.id. A trigger adds every event inserted, in the event's own
-- transaction; Store.QueueNotifications turns them into notifications and
-- removes them in one transaction. It starts empty: upgrading a database
-- does not mail its history.
CREATE TABLE notify_outbox (
    event_id INTEGER PRIMARY KEY
);

-- One message to one recipient about one event. next_attempt_at is when it
-- is (re)tried; NULL once delivered or given up, so the due scan is one
-- range of the partial index. attempts counts the claims (a claim is an
-- attempt, also one that crashed). The unique constraint makes queuing
-- idempotent.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES request_events(id),
    request_id      INTEGER NOT NULL REFERENCES requests(id),
    seq             INTEGER NOT NULL,
    event_type      TEXT NOT NULL,
    channel         TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    target          TEXT NOT NULL,
    webhook_id      INTEGER REFERENCES webhooks(id),
    created_at      TIMESTAMP NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP,
    last_error      TEXT NOT NULL DEFAULT '',
    delivered_at    TIMESTAMP,
    given_up_at     TIMESTAMP,
    UNIQUE (event_id, channel, target)
);
CREATE INDEX notifications_due ON notifications(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX notifications_request ON notifications(request_id, id);
CREATE INDEX notifications_given_up ON notifications(given_up_at) WHERE given_up_at IS NOT NULL;
CREATE INDEX notifications_webhook ON notifications(webhook_id) WHERE webhook_id IS NOT NULL;

-- +goose StatementBegin
CREATE TRIGGER request_events_notify_outbox AFTER INSERT ON request_events
BEGIN
    INSERT INTO notify_outbox (event_id) VALUES (NEW.id);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER request_events_notify_outbox;
DROP TABLE notifications;
DROP TABLE notify_outbox;
DROP TABLE webhooks;
