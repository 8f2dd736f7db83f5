-- +goose Up
-- The verifiable public record (ledger; docs/decisions/0006-log-sequencer.md).
--
-- Every event carries its log entry, the canonical public projection
-- ledger.Project(request, event).Encode(), written in the same transaction
-- as the event. It is NULL only for events written before this migration;
-- the sequencer computes their projection from the stored request and event
-- when it appends them (request_events is append-only, so they cannot be
-- filled in here).
ALTER TABLE request_events ADD COLUMN log_entry BLOB;

-- The outbox: the events not yet in the log, by request_events.id. A
-- trigger adds every event inserted, in the event's own transaction; the
-- sequencer removes the ones it appends, in the transaction that appends
-- them. It keeps a sequencing round proportional to what is pending rather
-- than to the whole history. Events from before this migration are queued
-- here too.
CREATE TABLE log_outbox (
    event_id INTEGER PRIMARY KEY
);
INSERT INTO log_outbox (event_id) SELECT id FROM request_events;

-- The log: entry idx (0-based, gap-free) is the event (request_id, seq),
-- appended once by the sequencer (Store.SequenceLog) in the order it saw the
-- events committed. data is the entry's encoding, hashed into the tree.
-- There is deliberately no foreign key to request_events: the log is the
-- public record in its own right, and a verifier must be able to tell a
-- tampered event row from a tampered log row.
CREATE TABLE log_entries (
    idx        INTEGER PRIMARY KEY CHECK (idx >= 0),
    request_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    data       BLOB NOT NULL,
    UNIQUE (request_id, seq)
);

-- The RFC 6962 hashes of the tree, keyed by tlog.StoredHashIndex(level, n):
-- the leaf hash of each entry and the hash of every complete subtree.
CREATE TABLE log_hashes (
    id   INTEGER PRIMARY KEY CHECK (id >= 0),
    hash BLOB NOT NULL
);

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per tree size.
CREATE TABLE log_checkpoints (
    size       INTEGER PRIMARY KEY CHECK (size >= 0),
    note       BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The number of entries appended: one row, locked by the sequencer.
CREATE TABLE log_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL CHECK (size >= 0)
);
INSERT INTO log_head (id, size) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER request_events_log_outbox AFTER INSERT ON request_events
BEGIN
    INSERT INTO log_outbox (event_id) VALUES (NEW.id);
END;
-- +goose StatementEnd
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
-- +goose StatementBegin
CREATE TRIGGER log_hashes_no_update BEFORE UPDATE ON log_hashes
BEGIN
    SELECT RAISE(ABORT, 'log_hashes is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER log_hashes_no_delete BEFORE DELETE ON log_hashes
BEGIN
    SELECT RAISE(ABORT, 'log_hashes is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'log_checkpoints is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'log_checkpoints is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER request_events_log_outbox;
DROP TABLE log_head;
DROP TABLE log_checkpoints;
DROP TABLE log_hashes;
DROP TABLE log_entries;
DROP TABLE log_outbox;
ALTER TABLE request_events DROP COLUMN log_entry;
