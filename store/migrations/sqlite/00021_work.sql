-- +goose Up
-- Work comes to people (issue 15). Per user: when they last opened the
-- Postvak (what arrived since is marked new), whether they want a daily
-- digest, and the civil day (YYYY-MM-DD, Europe/Amsterdam) of the last
-- digest sent, so at most one goes out per day also with several
-- instances.
CREATE TABLE user_work (
    user_id         INTEGER PRIMARY KEY REFERENCES users(id),
    inbox_seen_at   TIMESTAMP,
    digest          BOOLEAN NOT NULL DEFAULT FALSE,
    digest_sent_on  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_work_digest ON user_work(user_id) WHERE digest;

-- An organisation's e-mail addresses that receive its notifications
-- besides the members in the addressee's role (a team's shared mailbox).
-- A retired one receives nothing new and stays on record.
CREATE TABLE notification_addresses (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    email           TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    retired_at      TIMESTAMP
);
CREATE INDEX notification_addresses_organisation ON notification_addresses(organisation_id);
CREATE UNIQUE INDEX notification_addresses_active ON notification_addresses(organisation_id, email) WHERE retired_at IS NULL;

-- Test messages an administrator sent to a channel, with the outcome.
CREATE TABLE notification_tests (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    channel         TEXT NOT NULL,
    target          TEXT NOT NULL,
    webhook_id      INTEGER REFERENCES webhooks(id),
    created_at      TIMESTAMP NOT NULL,
    delivered_at    TIMESTAMP,
    error           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notification_tests_organisation ON notification_tests(organisation_id, id);

-- +goose Down
DROP TABLE notification_tests;
DROP TABLE notification_addresses;
DROP TABLE user_work;
