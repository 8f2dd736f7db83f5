-- +goose Up
-- The public record of the yearly Staat van de Uitvoering (PRODUCT.md C8):
-- per year and cut-off date the report's HTML and PDF as published and
-- their SHA-256, so a copy can be checked and the files served as they
-- were (generating them again later gives other bytes once the data
-- changed). A record is never changed or removed;
-- its entry of the public record (ledger.ReportEntry, format version 4) is
-- written with it and queued in log_outbox_reports in one transaction, as
-- the events of proposals are (decision 0017).
CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    seq          INTEGER NOT NULL DEFAULT 1 CHECK (seq = 1),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9998),
    cutoff       TEXT NOT NULL,
    at           TIMESTAMP NOT NULL,
    html_sha256  TEXT NOT NULL,
    pdf_sha256   TEXT NOT NULL,
    html         BLOB NOT NULL,
    pdf          BLOB NOT NULL,
    log_entry    BLOB NOT NULL,
    UNIQUE (year, cutoff)
);
-- +goose StatementBegin
CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports
BEGIN
    SELECT RAISE(ABORT, 'reports is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN
    SELECT RAISE(ABORT, 'reports is append-only');
END;
-- +goose StatementEnd

-- The reports not yet in the log, drained by the sequencer.
CREATE TABLE log_outbox_reports (
    id  INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (id, seq)
);

-- The log takes a fourth subject, 'rapport' (request_id holds the
-- report's id). SQLite cannot change a CHECK in place: the table is
-- rebuilt as in 00014, keeping its append-only triggers.
DROP TRIGGER log_entries_no_update;
DROP TRIGGER log_entries_no_delete;
CREATE TABLE log_entries_by_subject (
    idx        INTEGER PRIMARY KEY CHECK (idx >= 0),
    subject    TEXT NOT NULL DEFAULT 'verzoek' CHECK (subject IN ('verzoek', 'casus', 'voorstel', 'rapport')),
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
-- Entries about reports cannot leave an append-only log; going down keeps
-- the subject 'rapport' allowed and drops the reports' tables.
DROP TABLE log_outbox_reports;
DROP TRIGGER reports_no_delete;
DROP TRIGGER reports_no_update;
DROP TABLE reports;
