-- +goose Up
-- The register's changes enter the public record (decision 0017): each
-- row of precedent_changes carries its log entry (ledger.CaseEntry, format
-- version 2), written in the change's transaction, and an outbox row; the
-- sequencer appends it as it appends request events. log_entries gets the
-- subject of an entry ('verzoek' or 'casus'): request_id is the id of the
-- request, or of the case, and an event is unique per subject.
ALTER TABLE precedent_changes ADD COLUMN log_entry BYTEA;

CREATE TABLE log_outbox_cases (
    case_id BIGINT NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (case_id, seq)
);
INSERT INTO log_outbox_cases (case_id, seq) SELECT case_id, seq FROM precedent_changes;

ALTER TABLE log_entries ADD COLUMN subject TEXT NOT NULL DEFAULT 'verzoek' CHECK (subject IN ('verzoek', 'casus'));
ALTER TABLE log_entries DROP CONSTRAINT log_entries_request_id_seq_key;
ALTER TABLE log_entries ADD CONSTRAINT log_entries_subject_request_id_seq_key UNIQUE (subject, request_id, seq);

-- +goose Down
-- Entries about cases cannot leave an append-only log; going down keeps
-- the subject column and drops only the case outbox and entry column.
DROP TABLE log_outbox_cases;
ALTER TABLE precedent_changes DROP COLUMN log_entry;
