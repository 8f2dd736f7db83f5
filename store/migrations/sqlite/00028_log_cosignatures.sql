-- +goose Up
-- Cosignatures of checkpoints by witnesses (C2SP tlog-witness,
-- docs/decisions/0036-witnesses.md): one signature line per checkpoint
-- and witness, appended after the checkpoint was signed; the checkpoint's
-- own row never changes. Append-only like the log.
CREATE TABLE log_cosignatures (
    size       INTEGER NOT NULL REFERENCES log_checkpoints(size),
    witness    TEXT NOT NULL,
    line       BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (size, witness)
);

-- +goose StatementBegin
CREATE TRIGGER log_cosignatures_no_update BEFORE UPDATE ON log_cosignatures
BEGIN
    SELECT RAISE(ABORT, 'log_cosignatures is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER log_cosignatures_no_delete BEFORE DELETE ON log_cosignatures
BEGIN
    SELECT RAISE(ABORT, 'log_cosignatures is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE log_cosignatures;
