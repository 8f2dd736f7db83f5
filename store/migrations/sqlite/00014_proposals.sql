-- +goose Up
-- Proposals and their implementation assessment (uitvoeringstoets,
-- PRODUCT.md C6). A ministry registers a proposal; its steps are appended
-- to proposal_events, never changed, each with its entry of the public
-- record (ledger.ProposalEntry, format version 3) written in the step's
-- transaction and an outbox row, as the register of cases does (decision
-- 0017). Each assessment is asked for by a request for account of type
-- uitvoeringstoets (request_id); once delivered, the minister's answer is
-- asked for by one of type toetsreactie (answer_request_id). The
-- secretary-general's signature is kept once per proposal, never changed.
CREATE TABLE proposals (
    id            INTEGER PRIMARY KEY,
    ministry_id   INTEGER NOT NULL REFERENCES organisations(id),
    kind          TEXT NOT NULL CHECK (kind IN ('wetsvoorstel', 'amvb', 'ministeriele-regeling', 'beleidsregel', 'amendement', 'motie')),
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    rule_refs     TEXT NOT NULL DEFAULT '[]',
    task          TEXT NOT NULL DEFAULT '',
    planned_entry TEXT,
    text          TEXT NOT NULL DEFAULT '',
    text_url      TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL CHECK (state IN ('geregistreerd', 'in-toetsing', 'getekend', 'naar-parlement', 'in-werking')),
    in_force      TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1)
);
CREATE INDEX proposals_ministry ON proposals(ministry_id, id);
CREATE INDEX proposals_state ON proposals(state, id);

CREATE TABLE proposal_events (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    type        TEXT NOT NULL,
    by_user     INTEGER REFERENCES users(id),
    at          TIMESTAMP NOT NULL,
    digest      TEXT NOT NULL DEFAULT '',
    log_entry   BLOB NOT NULL,
    PRIMARY KEY (proposal_id, seq)
);
-- +goose StatementBegin
CREATE TRIGGER proposal_events_no_update BEFORE UPDATE ON proposal_events
BEGIN
    SELECT RAISE(ABORT, 'proposal_events is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER proposal_events_no_delete BEFORE DELETE ON proposal_events
BEGIN
    SELECT RAISE(ABORT, 'proposal_events is append-only');
END;
-- +goose StatementEnd

-- The proposal events not yet in the log, drained by the sequencer in
-- the transaction that appends them.
CREATE TABLE log_outbox_proposals (
    proposal_id INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, seq)
);

-- Lists are JSON arrays: effects of {group, citizens, better, text},
-- conflicts of {principle, text}, answers of {item, accepted, text}.
CREATE TABLE assessments (
    id                INTEGER PRIMARY KEY,
    proposal_id       INTEGER NOT NULL REFERENCES proposals(id),
    organisation_id   INTEGER NOT NULL REFERENCES organisations(id),
    state             TEXT NOT NULL CHECK (state IN ('gevraagd', 'uitgebracht', 'beantwoord', 'termijn-gemist')),
    request_id        INTEGER NOT NULL REFERENCES requests(id),
    answer_request_id INTEGER REFERENCES requests(id),
    verdict           TEXT NOT NULL DEFAULT '' CHECK (verdict IN ('', 'uitvoerbaar', 'uitvoerbaar-onder-voorwaarden', 'niet-uitvoerbaar')),
    cost_once         INTEGER NOT NULL DEFAULT 0,
    cost_yearly       INTEGER NOT NULL DEFAULT 0,
    fte_once          INTEGER NOT NULL DEFAULT 0,
    fte_yearly        INTEGER NOT NULL DEFAULT 0,
    borne_by          TEXT NOT NULL DEFAULT '',
    effects           TEXT NOT NULL DEFAULT '[]',
    conflicts         TEXT NOT NULL DEFAULT '[]',
    conditions        TEXT NOT NULL DEFAULT '[]',
    start             TEXT,
    alternatives      TEXT NOT NULL DEFAULT '[]',
    dilemmas          TEXT NOT NULL DEFAULT '[]',
    delivered_by      INTEGER REFERENCES users(id),
    delivered_at      TIMESTAMP,
    answers           TEXT NOT NULL DEFAULT '[]',
    answered_by       INTEGER REFERENCES users(id),
    answered_at       TIMESTAMP
);
CREATE INDEX assessments_proposal ON assessments(proposal_id, id);
CREATE INDEX assessments_organisation ON assessments(organisation_id, proposal_id);
CREATE UNIQUE INDEX assessments_request ON assessments(request_id);
CREATE UNIQUE INDEX assessments_answer_request ON assessments(answer_request_id);

CREATE TABLE proposal_signatures (
    proposal_id INTEGER PRIMARY KEY REFERENCES proposals(id),
    signed_by   INTEGER REFERENCES users(id),
    at          TIMESTAMP NOT NULL,
    statement   TEXT NOT NULL,
    assessments TEXT NOT NULL DEFAULT '[]',
    digest      TEXT NOT NULL
);
-- +goose StatementBegin
CREATE TRIGGER proposal_signatures_no_update BEFORE UPDATE ON proposal_signatures
BEGIN
    SELECT RAISE(ABORT, 'proposal_signatures is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER proposal_signatures_no_delete BEFORE DELETE ON proposal_signatures
BEGIN
    SELECT RAISE(ABORT, 'proposal_signatures is append-only');
END;
-- +goose StatementEnd

-- Signals filed after a proposal entered into force are linked back to it
-- (SignalFilter.FiledFrom).
CREATE INDEX signals_filed ON signals(filed_at);

-- The log takes a third subject, 'voorstel' (request_id holds the
-- proposal's id). SQLite cannot change a CHECK in place: the table is
-- rebuilt as in 00012, keeping its append-only triggers.
DROP TRIGGER log_entries_no_update;
DROP TRIGGER log_entries_no_delete;
CREATE TABLE log_entries_by_subject (
    idx        INTEGER PRIMARY KEY CHECK (idx >= 0),
    subject    TEXT NOT NULL DEFAULT 'verzoek' CHECK (subject IN ('verzoek', 'casus', 'voorstel')),
    request_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    data       BLOB NOT NULL,
    UNIQUE (subject, request_id, seq)
);
INSERT INTO log_entries_by_subject (idx, subject, request_id, seq, data)
    SELECT idx, subject, request_id, seq, data FROM log_entries;
DROP TABLE log_entries;
ALTER TABLE log_entries_by_subject RENAME TO log_entries;
-- +goose StatementBegin
CREATE TRIGGER log_entries_no_update BEFORE UPDATE ON log_entries
BEGIN
    SELECT RAISE(ABORT, 'log_entries is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER log_entries_no_delete BEFORE DELETE ON log_entries
BEGIN
    SELECT RAISE(ABORT, 'log_entries is append-only');
END;
-- +goose StatementEnd

-- +goose Down
-- Entries about proposals cannot leave an append-only log; going down
-- keeps the subject 'voorstel' allowed and drops the proposals' tables.
DROP INDEX signals_filed;
DROP TRIGGER proposal_signatures_no_delete;
DROP TRIGGER proposal_signatures_no_update;
DROP TABLE proposal_signatures;
DROP TABLE assessments;
DROP TABLE log_outbox_proposals;
DROP TRIGGER proposal_events_no_delete;
DROP TRIGGER proposal_events_no_update;
DROP TABLE proposal_events;
DROP TABLE proposals;
