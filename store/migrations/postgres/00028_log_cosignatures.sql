-- +goose Up
-- Cosignatures of checkpoints by witnesses (C2SP tlog-witness,
-- docs/decisions/0036-witnesses.md): one signature line per checkpoint
-- and witness, appended after the checkpoint was signed; the checkpoint's
-- own row never changes. Append-only like the log.
CREATE TABLE log_cosignatures (
    size       BIGINT NOT NULL REFERENCES log_checkpoints(size),
    witness    TEXT NOT NULL,
    line       BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (size, witness)
);

CREATE TRIGGER log_cosignatures_no_change BEFORE UPDATE OR DELETE ON log_cosignatures
    FOR EACH ROW EXECUTE FUNCTION log_append_only();

-- +goose Down
DROP TABLE log_cosignatures;
