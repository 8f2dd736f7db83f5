-- +goose Up
-- Accounts through their life (issue 19). disabled_at: switched off by an
-- administrator (no login, no session). last_login_at: NULL for a user
-- prepared before its first login (existing users count as logged in at
-- their creation). memberships.by_rule: the role came from a claim rule
-- and goes again when the claim no longer holds; roles given by people
-- are never taken by a rule. user_events: who changed what, when and by
-- which way, shown to administrators.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMPTZ;
UPDATE users SET last_login_at = created_at;
ALTER TABLE memberships ADD COLUMN by_rule BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE user_events (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users(id),
    kind            TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations(id),
    role            TEXT NOT NULL DEFAULT '',
    by_user_id      BIGINT REFERENCES users(id),
    via             TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_events_user ON user_events(user_id, id);

-- +goose Down
DROP TABLE user_events;
ALTER TABLE memberships DROP COLUMN by_rule;
ALTER TABLE users DROP COLUMN last_login_at;
ALTER TABLE users DROP COLUMN disabled_at;
