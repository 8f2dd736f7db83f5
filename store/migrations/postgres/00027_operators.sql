-- +goose Up
-- Operators apart from administrators (issue 16). users.operator: the user
-- does the installation's work (creating organisations, retiring and
-- reinstating national principles); given and taken with a line in
-- user_events. principle_events: who retired or reinstated a principle,
-- when and why.
ALTER TABLE users ADD COLUMN operator BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE principle_events (
    id             BIGSERIAL PRIMARY KEY,
    principle_code TEXT NOT NULL REFERENCES principles(code),
    kind           TEXT NOT NULL,
    by_user_id     BIGINT REFERENCES users(id),
    via            TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX principle_events_code ON principle_events(principle_code, id);

-- +goose Down
DROP TABLE principle_events;
ALTER TABLE users DROP COLUMN operator;
