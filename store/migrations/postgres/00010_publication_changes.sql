-- +goose Up
-- A publication can be corrected (redacted more) or withdrawn (PRODUCT.md
-- C9). The register keeps the current text only: a correction overwrites
-- the texts of precedents, a withdrawal deletes the row; what stays public
-- is each change with its reason and the SHA-256 digest of the version it
-- published, corrected to or withdrew, appended to precedent_changes and
-- never changed.
ALTER TABLE precedents ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE precedents ADD COLUMN corrected_at TIMESTAMPTZ;

CREATE TABLE precedent_changes (
    case_id         BIGINT NOT NULL REFERENCES cases(id),
    seq             INTEGER NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    kind            TEXT NOT NULL,
    at              TIMESTAMPTZ NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    digest          TEXT NOT NULL,
    user_id         BIGINT REFERENCES users(id),
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX precedent_changes_at ON precedent_changes(at, case_id);
-- +goose StatementBegin
CREATE FUNCTION precedent_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'precedent_changes is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER precedent_changes_append_only BEFORE UPDATE OR DELETE ON precedent_changes
    FOR EACH ROW EXECUTE FUNCTION precedent_changes_append_only();

-- The document frequencies follow corrections and withdrawals: the words
-- of the old text are counted out, those of the new one in.
-- +goose StatementBegin
CREATE FUNCTION precedent_terms_uncount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE precedent_terms t SET n = t.n - 1
        FROM (SELECT lexeme FROM unnest(OLD.tsv) ORDER BY lexeme) o
        WHERE t.term = o.lexeme;
    DELETE FROM precedent_terms WHERE n <= 0;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER precedent_terms_uncount AFTER UPDATE OR DELETE ON precedents
    FOR EACH ROW EXECUTE FUNCTION precedent_terms_uncount();
CREATE TRIGGER precedent_terms_recount AFTER UPDATE ON precedents
    FOR EACH ROW EXECUTE FUNCTION precedent_terms_count();

-- +goose Down
DROP TRIGGER precedent_terms_recount ON precedents;
DROP TRIGGER precedent_terms_uncount ON precedents;
DROP FUNCTION precedent_terms_uncount();
DROP TRIGGER precedent_changes_append_only ON precedent_changes;
DROP FUNCTION precedent_changes_append_only();
DROP TABLE precedent_changes;
ALTER TABLE precedents DROP COLUMN corrected_at;
ALTER TABLE precedents DROP COLUMN digest;
