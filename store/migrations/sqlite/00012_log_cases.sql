-- +goose Up
-- The register's changes enter the public record (decision 0017): each
-- row of precedent_changes carries its log entry (ledger.CaseEntry, format
-- version 2), written in the change's transaction, and an outbox row; the
-- sequencer appends it as it appends request events. log_entries gets the
-- subject of an entry ('verzoek' or 'casus'): request_id is the id of the
-- request, or of the case, and an event is unique per subject.
ALTER TABLE precedent_changes ADD COLUMN log_entry BLOB;

CREATE TABLE log_outbox_cases (
    case_id INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (case_id, seq)
);
INSERT INTO log_outbox_cases (case_id, seq) SELECT case_id, seq FROM precedent_changes;

DROP TRIGGER log_entries_no_update;
DROP TRIGGER log_entries_no_delete;
CREATE TABLE log_entries_by_subject (
    idx        INTEGER PRIMARY KEY CHECK (idx >= 0),
    subject    TEXT NOT NULL DEFAULT 'verzoek' CHECK (subject IN ('verzoek', 'casus')),
    request_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    data       BLOB NOT NULL,
    UNIQUE (subject, request_id, seq)
);
INSERT INTO log_entries_by_subject (idx, subject, request_id, seq, data)
    SELECT idx, 'verzoek', request_id, seq, data FROM log_entries;
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
-- Entries about cases cannot leave an append-only log; going down keeps
-- the subject column and drops only the case outbox and entry column.
DROP TABLE log_outbox_cases;
ALTER TABLE precedent_changes DROP COLUMN log_entry;
