-- +goose Up
-- A full-text search filtered by outcome, found by one index (issue 17): the
-- words of each published case (tsv) with its outcome as one more lexeme,
-- 'uitkomst <outcome>', which the text search parser never makes of a text
-- (its lexemes hold no space). GIN then keeps the cases with both words and
-- outcome itself, instead of ANDing the bitmap of the words with one of
-- every case with the outcome (half the register for 'maatwerk').
CREATE INDEX precedents_tsv_outcome ON precedents USING GIN ((tsv || array_to_tsvector(ARRAY['uitkomst ' || outcome])));

-- +goose Down
DROP INDEX precedents_tsv_outcome;
