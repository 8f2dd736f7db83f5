-- +goose Up
-- Write health and idempotency (issue 16, decision 0038).
-- write_probe: one row that the store rewrites to learn whether writes work
-- again after a storage fault (full disk, read-only file, lost database).
-- idempotency_keys: the first answer to an API create per caller and
-- Idempotency-Key; status 0 is a reservation whose answer is not known yet.
CREATE TABLE write_probe (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    probed_at TIMESTAMP NOT NULL
);

CREATE TABLE idempotency_keys (
    caller     TEXT NOT NULL,
    key        TEXT NOT NULL,
    route      TEXT NOT NULL,
    body_hash  TEXT NOT NULL,
    status     INTEGER NOT NULL DEFAULT 0,
    headers    TEXT NOT NULL DEFAULT '{}',
    body       BLOB,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE write_probe;
