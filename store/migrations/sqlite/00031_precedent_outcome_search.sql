-- +goose Up
-- A full-text search filtered by outcome, answered by the index (issue 17).
-- precedents_fts_outcome holds each published case's words (those of
-- precedents_fts: title and body in one column) and its outcome as one
-- token, so FTS5 itself keeps the cases with both: counting and paging such a
-- search read no case. It is contentless (the texts stay in precedents) and
-- keeps no positions, only which column holds a word: a tenth of
-- precedents_fts. precedents_fts stays the index that ranks (bm25 over its
-- columns), unchanged.
CREATE VIRTUAL TABLE precedents_fts_outcome USING fts5(words, outcome, content = '', contentless_delete = 1, detail = column,
    tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO precedents_fts_outcome (rowid, words, outcome)
    SELECT case_id, title || ' ' || summary || ' ' || intent || ' ' || harm || ' ' || explanation, replace(outcome, '-', '') FROM precedents;
-- It follows publications, corrections and withdrawals as precedents_fts
-- does, so a search never finds words that were redacted or withdrawn.
-- +goose StatementBegin
CREATE TRIGGER precedents_fts_outcome_insert AFTER INSERT ON precedents
BEGIN
    INSERT INTO precedents_fts_outcome (rowid, words, outcome)
    VALUES (new.case_id, new.title || ' ' || new.summary || ' ' || new.intent || ' ' || new.harm || ' ' || new.explanation, replace(new.outcome, '-', ''));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER precedents_fts_outcome_update AFTER UPDATE OF title, summary, intent, harm, explanation, outcome ON precedents
BEGIN
    DELETE FROM precedents_fts_outcome WHERE rowid = old.case_id;
    INSERT INTO precedents_fts_outcome (rowid, words, outcome)
    VALUES (new.case_id, new.title || ' ' || new.summary || ' ' || new.intent || ' ' || new.harm || ' ' || new.explanation, replace(new.outcome, '-', ''));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER precedents_fts_outcome_delete AFTER DELETE ON precedents
BEGIN
    DELETE FROM precedents_fts_outcome WHERE rowid = old.case_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER precedents_fts_outcome_delete;
DROP TRIGGER precedents_fts_outcome_update;
DROP TRIGGER precedents_fts_outcome_insert;
DROP TABLE precedents_fts_outcome;
