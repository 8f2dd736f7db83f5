-- +goose Up
-- An organisation's own terms per request type, replacing the defaults of
-- account.DefaultTerms for requests addressed to it. Terms are stored in
-- their text form (calendar.Term.String): an ISO 8601 duration ("P6W") or
-- working days in Dutch ("5 werkdagen"); '' means none. The row is the
-- current setting; every change is also appended to term_setting_changes.
CREATE TABLE term_settings (
    organisation_id       INTEGER NOT NULL REFERENCES organisations(id),
    type                  TEXT NOT NULL,
    ack_term              TEXT NOT NULL DEFAULT '',
    answer_term           TEXT NOT NULL,
    urgent_term           TEXT NOT NULL DEFAULT '',
    max_extension_term    TEXT NOT NULL DEFAULT '',
    outer_term            TEXT NOT NULL DEFAULT '',
    reminder_working_days INTEGER NOT NULL DEFAULT 0,
    updated_at            TIMESTAMP NOT NULL,
    updated_by            INTEGER REFERENCES users(id),
    PRIMARY KEY (organisation_id, type)
);

-- The history of the settings: appended, never updated or deleted. old_terms
-- and new_terms are the settings as JSON; NULL for the defaults.
CREATE TABLE term_setting_changes (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    type            TEXT NOT NULL,
    changed_at      TIMESTAMP NOT NULL,
    changed_by      INTEGER REFERENCES users(id),
    old_terms       TEXT,
    new_terms       TEXT
);
CREATE INDEX term_setting_changes_organisation ON term_setting_changes(organisation_id, id);

-- +goose StatementBegin
CREATE TRIGGER term_setting_changes_no_update BEFORE UPDATE ON term_setting_changes
BEGIN
    SELECT RAISE(ABORT, 'term_setting_changes is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER term_setting_changes_no_delete BEFORE DELETE ON term_setting_changes
BEGIN
    SELECT RAISE(ABORT, 'term_setting_changes is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE term_setting_changes;
DROP TABLE term_settings;
