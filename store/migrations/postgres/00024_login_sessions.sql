-- +goose Up
-- Which schakel session belongs to which login at the identity broker
-- (issue 19): so that an administrator switching a user off, or the
-- broker's back-channel logout naming its session id (sid) or the user's
-- subject, can end exactly those sessions at once. token is the session
-- token of the sessions table; rows go with their session.
CREATE TABLE login_sessions (
    token      TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    issuer     TEXT NOT NULL,
    sid        TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_sessions_user ON login_sessions(user_id);
CREATE INDEX login_sessions_sid ON login_sessions(issuer, sid);
CREATE INDEX login_sessions_expires_at ON login_sessions(expires_at);

-- +goose Down
DROP TABLE login_sessions;
