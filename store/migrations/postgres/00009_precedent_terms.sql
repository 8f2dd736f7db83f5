-- +goose Up
-- Document frequencies of the words of published cases (their lexemes in
-- the 'dutch' configuration), kept by trigger: finding similar cases picks
-- the rarest words of a text, and counting them in the GIN index would read
-- every match of a common word.
CREATE TABLE precedent_terms (
    term TEXT PRIMARY KEY,
    n    BIGINT NOT NULL
);
INSERT INTO precedent_terms (term, n)
    SELECT lexeme, COUNT(*) FROM precedents, unnest(tsv) GROUP BY lexeme;

-- +goose StatementBegin
CREATE FUNCTION precedent_terms_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO precedent_terms (term, n)
        SELECT lexeme, 1 FROM unnest(NEW.tsv)
        ORDER BY lexeme
        ON CONFLICT (term) DO UPDATE SET n = precedent_terms.n + 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER precedent_terms_count AFTER INSERT ON precedents
    FOR EACH ROW EXECUTE FUNCTION precedent_terms_count();

-- +goose Down
DROP TRIGGER precedent_terms_count ON precedents;
DROP FUNCTION precedent_terms_count();
DROP TABLE precedent_terms;
