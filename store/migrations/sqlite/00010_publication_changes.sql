-- +goose Up
-- A publication can be corrected (redacted more) or withdrawn (PRODUCT.md
-- C9). The register keeps the current text only: a correction overwrites
-- the texts of precedents, a withdrawal deletes the row; what stays public
-- is each change with its reason and the SHA-256 digest of the version it
-- published, corrected to or withdrew, appended to precedent_changes and
-- never changed.
ALTER TABLE precedents ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE precedents ADD COLUMN corrected_at TIMESTAMP;

CREATE TABLE precedent_changes (
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    seq             INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    kind            TEXT NOT NULL,
    at              TIMESTAMP NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    digest          TEXT NOT NULL,
    user_id         INTEGER REFERENCES users(id),
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX precedent_changes_at ON precedent_changes(at, case_id);
-- +goose StatementBegin
CREATE TRIGGER precedent_changes_no_update BEFORE UPDATE ON precedent_changes
BEGIN
    SELECT RAISE(ABORT, 'precedent_changes is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER precedent_changes_no_delete BEFORE DELETE ON precedent_changes
BEGIN
    SELECT RAISE(ABORT, 'precedent_changes is append-only');
END;
-- +goose StatementEnd

-- The full-text index follows corrections and withdrawals, so a search
-- never finds words that were redacted or withdrawn.
-- +goose StatementBegin
CREATE TRIGGER precedents_fts_update AFTER UPDATE OF title, summary, intent, harm, explanation ON precedents
BEGIN
    DELETE FROM precedents_fts WHERE rowid = old.case_id;
    INSERT INTO precedents_fts (rowid, title, body)
    VALUES (new.case_id, new.title, new.summary || ' ' || new.intent || ' ' || new.harm || ' ' || new.explanation);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER precedents_fts_delete AFTER DELETE ON precedents
BEGIN
    DELETE FROM precedents_fts WHERE rowid = old.case_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER precedents_fts_delete;
DROP TRIGGER precedents_fts_update;
DROP TRIGGER precedent_changes_no_delete;
DROP TRIGGER precedent_changes_no_update;
DROP TABLE precedent_changes;
ALTER TABLE precedents DROP COLUMN corrected_at;
ALTER TABLE precedents DROP COLUMN digest;
