-- +goose Up
-- The maatwerkplaats (PRODUCT.md C3, C4): cases, their deliberation and
-- decisions, structural signals, and the register of published cases.
-- A case row is a cache of its events, written in the same transaction;
-- the situation and the parties never leave the organisation: only the
-- redacted publication in precedents is public.
CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    submitted_by    INTEGER NOT NULL REFERENCES users(id),
    title           TEXT NOT NULL,
    situation       TEXT NOT NULL,
    parties         TEXT NOT NULL DEFAULT '[]',
    rule_refs       TEXT NOT NULL DEFAULT '[]',
    intent          TEXT NOT NULL,
    harm            TEXT NOT NULL,
    principles      TEXT NOT NULL DEFAULT '[]',
    urgent          BOOLEAN NOT NULL DEFAULT FALSE,
    state           TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    version         INTEGER NOT NULL
);
CREATE INDEX cases_organisation ON cases(organisation_id, id);

-- The history: appended, never updated or deleted.
CREATE TABLE case_events (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    seq     INTEGER NOT NULL,
    type    TEXT NOT NULL,
    at      TIMESTAMP NOT NULL,
    user_id INTEGER REFERENCES users(id),
    state   TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, seq)
);
-- +goose StatementBegin
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
-- +goose StatementEnd

CREATE TABLE case_invitations (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    perspective TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    invited_by  INTEGER NOT NULL REFERENCES users(id),
    at          TIMESTAMP NOT NULL,
    PRIMARY KEY (case_id, perspective, user_id)
);

CREATE TABLE case_views (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    perspective TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    text        TEXT NOT NULL,
    at          TIMESTAMP NOT NULL
);
CREATE INDEX case_views_case ON case_views(case_id, id);

CREATE TABLE case_decisions (
    case_id           INTEGER PRIMARY KEY REFERENCES cases(id),
    outcome           TEXT NOT NULL,
    legal_ground      TEXT NOT NULL DEFAULT '',
    legal_ground_text TEXT NOT NULL DEFAULT '',
    weighings         TEXT NOT NULL DEFAULT '[]',
    cost_cents        INTEGER NOT NULL DEFAULT 0,
    explanation       TEXT NOT NULL,
    decided_by        INTEGER NOT NULL REFERENCES users(id),
    at                TIMESTAMP NOT NULL
);

-- Structural signals (a minimal record; the signals capability extends it).
CREATE TABLE signals (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER REFERENCES cases(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    rule_refs       TEXT NOT NULL DEFAULT '[]',
    text            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX signals_case ON signals(case_id);

-- The register of published cases (casusprudentie); every text redacted.
CREATE TABLE precedents (
    case_id         INTEGER PRIMARY KEY REFERENCES cases(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    intent          TEXT NOT NULL,
    harm            TEXT NOT NULL,
    rule_refs       TEXT NOT NULL DEFAULT '[]',
    principles      TEXT NOT NULL DEFAULT '[]',
    outcome         TEXT NOT NULL,
    legal_ground    TEXT NOT NULL DEFAULT '',
    explanation     TEXT NOT NULL,
    weighings       TEXT NOT NULL DEFAULT '[]',
    cost_cents      INTEGER NOT NULL DEFAULT 0,
    decided_at      TIMESTAMP NOT NULL,
    published_at    TIMESTAMP NOT NULL
);
CREATE INDEX precedents_decided ON precedents(decided_at, case_id);
CREATE INDEX precedents_organisation ON precedents(organisation_id, decided_at);
CREATE INDEX precedents_outcome ON precedents(outcome, decided_at);
-- The rules and principles of a published case, to filter and to find
-- similar cases; rule_key is law and article (BWBR…/artikel).
CREATE TABLE precedent_rules (
    case_id  INTEGER NOT NULL REFERENCES precedents(case_id),
    ref      TEXT NOT NULL,
    rule_key TEXT NOT NULL,
    PRIMARY KEY (case_id, ref)
);
CREATE INDEX precedent_rules_key ON precedent_rules(rule_key, case_id);
CREATE INDEX precedent_rules_ref ON precedent_rules(ref, case_id);
CREATE TABLE precedent_principles (
    case_id   INTEGER NOT NULL REFERENCES precedents(case_id),
    principle TEXT NOT NULL,
    PRIMARY KEY (case_id, principle)
);
CREATE INDEX precedent_principles_principle ON precedent_principles(principle, case_id);

-- Full text in Dutch: FTS5 over the published texts, kept in step by
-- trigger. FTS5 has no Dutch stemmer; unicode61 folds case and accents.
CREATE VIRTUAL TABLE precedents_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
-- +goose StatementBegin
CREATE TRIGGER precedents_fts_insert AFTER INSERT ON precedents
BEGIN
    INSERT INTO precedents_fts (rowid, title, body)
    VALUES (new.case_id, new.title, new.summary || ' ' || new.intent || ' ' || new.harm || ' ' || new.explanation);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER precedents_fts_insert;
DROP TABLE precedents_fts;
DROP TABLE precedent_principles;
DROP TABLE precedent_rules;
DROP TABLE precedents;
DROP TABLE signals;
DROP TABLE case_decisions;
DROP TABLE case_views;
DROP TABLE case_invitations;
DROP TRIGGER case_events_no_delete;
DROP TRIGGER case_events_no_update;
DROP TABLE case_events;
DROP TABLE cases;
