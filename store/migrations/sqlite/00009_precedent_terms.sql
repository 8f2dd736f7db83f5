-- +goose Up
-- PostgreSQL keeps document frequencies of published words in a table
-- (00009 there); SQLite's FTS5 index counts them cheaply by itself, so
-- nothing is needed here. The migration exists to keep the versions equal.
SELECT 1;

-- +goose Down
SELECT 1;
