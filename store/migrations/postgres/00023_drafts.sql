-- +goose Up
-- Form input kept through an expired session (issue 15): posted fields,
-- URL-encoded, under a random id, until the person logs in again or the
-- draft expires (two hours). Never logged, never published.
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    target     TEXT NOT NULL,
    fields     TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX drafts_expires_at ON drafts(expires_at);

-- +goose Down
DROP TABLE drafts;
