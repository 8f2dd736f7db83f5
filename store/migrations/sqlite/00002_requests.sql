-- +goose Up
-- Requests for account. The row is a cache of the request's events, written
-- in the same transaction as the event; every change is conditional on
-- version. addressee_org_id and addressee_role are the current rung of the
-- ladder, kept in sync with rung for the inbox. next_due_at is the earliest
-- instant at which the sweep has something to do (escalate, record a miss at
-- the top rung, remind); NULL when nothing will become due.
CREATE TABLE requests (
    id                INTEGER PRIMARY KEY,
    type              TEXT NOT NULL,
    subject           TEXT NOT NULL,
    body              TEXT NOT NULL DEFAULT '',
    urgent            BOOLEAN NOT NULL DEFAULT FALSE,
    requester_kind    TEXT NOT NULL,
    requester_user_id INTEGER REFERENCES users(id),
    requester_org_id  INTEGER REFERENCES organisations(id),
    rung              INTEGER NOT NULL,
    addressee_org_id  INTEGER NOT NULL REFERENCES organisations(id),
    addressee_role    TEXT NOT NULL,
    state             TEXT NOT NULL,
    answer_kind       TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    ack_due           TEXT,
    ack_deadline      TIMESTAMP,
    answer_due        TEXT NOT NULL,
    answer_deadline   TIMESTAMP NOT NULL,
    reminder_at       TIMESTAMP,
    extended          BOOLEAN NOT NULL DEFAULT FALSE,
    contested         BOOLEAN NOT NULL DEFAULT FALSE,
    missed_count      INTEGER NOT NULL DEFAULT 0,
    missed_at_top     BOOLEAN NOT NULL DEFAULT FALSE,
    answered_late     BOOLEAN NOT NULL DEFAULT FALSE,
    version           INTEGER NOT NULL,
    last_event_at     TIMESTAMP NOT NULL,
    next_due_at       TIMESTAMP
);
-- The sweep: one range scan over the requests that will become due.
CREATE INDEX requests_next_due ON requests(next_due_at) WHERE next_due_at IS NOT NULL;
-- The inbox of a role in an organisation, soonest deadline first.
CREATE INDEX requests_addressee ON requests(addressee_org_id, addressee_role, answer_deadline, id);
CREATE INDEX requests_requester_user ON requests(requester_user_id) WHERE requester_user_id IS NOT NULL;
CREATE INDEX requests_requester_org ON requests(requester_org_id) WHERE requester_org_id IS NOT NULL;
CREATE INDEX requests_answer_deadline ON requests(answer_deadline, id);

-- The ladder, fixed when the request is made.
CREATE TABLE request_rungs (
    request_id      INTEGER NOT NULL REFERENCES requests(id),
    rung            INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    role            TEXT NOT NULL,
    PRIMARY KEY (request_id, rung)
);
CREATE INDEX request_rungs_organisation ON request_rungs(organisation_id, request_id);

-- The cited principles, in the requester's order.
CREATE TABLE request_grounds (
    request_id     INTEGER NOT NULL REFERENCES requests(id),
    position       INTEGER NOT NULL,
    principle_code TEXT NOT NULL REFERENCES principles(code),
    text           TEXT NOT NULL,
    PRIMARY KEY (request_id, position)
);

-- The history: appended, never updated or deleted.
CREATE TABLE request_events (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES requests(id),
    seq           INTEGER NOT NULL,
    type          TEXT NOT NULL,
    at            TIMESTAMP NOT NULL,
    actor_kind    TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users(id),
    actor_org_id  INTEGER REFERENCES organisations(id),
    state         TEXT NOT NULL,
    rung          INTEGER NOT NULL,
    data          TEXT NOT NULL,
    UNIQUE (request_id, seq)
);

-- +goose StatementBegin
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE request_events;
DROP TABLE request_grounds;
DROP TABLE request_rungs;
DROP TABLE requests;
