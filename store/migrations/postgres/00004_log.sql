-- +goose Up
-- The verifiable public record (ledger; docs/decisions/0006-log-sequencer.md).
--
-- Every event carries its log entry, the canonical public projection
-- ledger.Project(request, event).Encode(), written in the same transaction
-- as the event. It is NULL only for events written before this migration;
-- the sequencer computes their projection from the stored request and event
-- when it appends them (request_events is append-only, so they cannot be
-- filled in here).
ALTER TABLE request_events ADD COLUMN log_entry BYTEA;

-- The outbox: the events not yet in the log, by request_events.id. A
-- trigger adds every event inserted, in the event's own transaction; the
-- sequencer removes the ones it appends, in the transaction that appends
-- them. It keeps a sequencing round proportional to what is pending rather
-- than to the whole history. Events from before this migration are queued
-- here too.
CREATE TABLE log_outbox (
    event_id BIGINT PRIMARY KEY
);
INSERT INTO log_outbox (event_id) SELECT id FROM request_events;

-- The log: entry idx (0-based, gap-free) is the event (request_id, seq),
-- appended once by the sequencer (Store.SequenceLog) in the order it saw the
-- events committed. data is the entry's encoding, hashed into the tree.
-- There is deliberately no foreign key to request_events: the log is the
-- public record in its own right, and a verifier must be able to tell a
-- tampered event row from a tampered log row.
CREATE TABLE log_entries (
    idx        BIGINT PRIMARY KEY CHECK (idx >= 0),
    request_id BIGINT NOT NULL,
    seq        INTEGER NOT NULL,
    data       BYTEA NOT NULL,
    UNIQUE (request_id, seq)
);

-- The RFC 6962 hashes of the tree, keyed by tlog.StoredHashIndex(level, n):
-- the leaf hash of each entry and the hash of every complete subtree.
CREATE TABLE log_hashes (
    id   BIGINT PRIMARY KEY CHECK (id >= 0),
    hash BYTEA NOT NULL
);

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per tree size.
CREATE TABLE log_checkpoints (
    size       BIGINT PRIMARY KEY CHECK (size >= 0),
    note       BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- The number of entries appended: one row, locked by the sequencer.
CREATE TABLE log_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL CHECK (size >= 0)
);
INSERT INTO log_head (id, size) VALUES (1, 0);

-- +goose StatementBegin
CREATE FUNCTION log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION log_outbox_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO log_outbox (event_id) VALUES (NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER request_events_log_outbox AFTER INSERT ON request_events
    FOR EACH ROW EXECUTE FUNCTION log_outbox_add();

CREATE TRIGGER log_entries_no_change BEFORE UPDATE OR DELETE ON log_entries
    FOR EACH ROW EXECUTE FUNCTION log_append_only();
CREATE TRIGGER log_hashes_no_change BEFORE UPDATE OR DELETE ON log_hashes
    FOR EACH ROW EXECUTE FUNCTION log_append_only();
CREATE TRIGGER log_checkpoints_no_change BEFORE UPDATE OR DELETE ON log_checkpoints
    FOR EACH ROW EXECUTE FUNCTION log_append_only();

-- +goose Down
DROP TRIGGER request_events_log_outbox ON request_events;
DROP FUNCTION log_outbox_add();
DROP TABLE log_head;
DROP TABLE log_checkpoints;
DROP TABLE log_hashes;
DROP TABLE log_entries;
DROP TABLE log_outbox;
DROP FUNCTION log_append_only();
ALTER TABLE request_events DROP COLUMN log_entry;
