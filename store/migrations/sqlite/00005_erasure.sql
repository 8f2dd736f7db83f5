-- +goose Up
-- Erasure of the personal free texts of a request (PRODUCT.md C9;
-- schakel.ErasureService). The texts of the request (subject, body,
-- grounds) and of its events' data are replaced by '[gewist]'
-- (schakel.ErasedText). The log holds only hashes of the texts, so it is
-- untouched, and so is request_events.log_entry: the entry was computed from
-- the original texts and stays what the log committed to.
--
-- request_erasures records each erasure: appended once, never changed.
-- through_seq is the last event erased (the request's version then).
CREATE TABLE request_erasures (
    request_id  INTEGER PRIMARY KEY REFERENCES requests(id),
    erased_at   TIMESTAMP NOT NULL,
    reason      TEXT NOT NULL,
    through_seq INTEGER NOT NULL CHECK (through_seq >= 1)
);

-- +goose StatementBegin
CREATE TRIGGER request_erasures_no_update BEFORE UPDATE ON request_erasures
BEGIN
    SELECT RAISE(ABORT, 'request_erasures is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER request_erasures_no_delete BEFORE DELETE ON request_erasures
BEGIN
    SELECT RAISE(ABORT, 'request_erasures is append-only');
END;
-- +goose StatementEnd

-- request_events stays append-only with one exception: the data of an
-- event of an erased request (one with a request_erasures row covering its
-- seq) may be updated, and only so that each free text present becomes
-- '[gewist]': every other column, every other member of data, and which
-- texts (and which motivation codes) there are stay exactly as they were.
-- So an erasure row must come first (the store writes it in the erasure's
-- own transaction, before the updates), and all it allows is erasing; done
-- again it changes nothing. DELETE stays refused (request_events_no_delete).
-- The check compares the columns one by one: a migration that adds a column
-- to request_events must add it here.
DROP TRIGGER request_events_no_update;
-- +goose StatementBegin
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
WHEN NOT COALESCE((
        EXISTS (SELECT 1 FROM request_erasures x WHERE x.request_id = OLD.request_id AND OLD.seq <= x.through_seq)
    AND NEW.id IS OLD.id AND NEW.request_id IS OLD.request_id AND NEW.seq IS OLD.seq
    AND NEW.type IS OLD.type AND NEW.at IS OLD.at
    AND NEW.actor_kind IS OLD.actor_kind AND NEW.actor_user_id IS OLD.actor_user_id AND NEW.actor_org_id IS OLD.actor_org_id
    AND NEW.state IS OLD.state AND NEW.rung IS OLD.rung AND NEW.log_entry IS OLD.log_entry
    AND json_remove(NEW.data, '$.wijzigingen', '$.motiveringen', '$.reden') IS json_remove(OLD.data, '$.wijzigingen', '$.motiveringen', '$.reden')
    AND json_type(NEW.data, '$.wijzigingen') IS json_type(OLD.data, '$.wijzigingen')
    AND COALESCE(json_extract(NEW.data, '$.wijzigingen'), '[gewist]') IS '[gewist]'
    AND json_type(NEW.data, '$.reden') IS json_type(OLD.data, '$.reden')
    AND COALESCE(json_extract(NEW.data, '$.reden'), '[gewist]') IS '[gewist]'
    AND json_type(NEW.data, '$.motiveringen') IS json_type(OLD.data, '$.motiveringen')
    AND (SELECT group_concat(key, ' ') FROM (SELECT key FROM json_each(NEW.data, '$.motiveringen') ORDER BY key))
     IS (SELECT group_concat(key, ' ') FROM (SELECT key FROM json_each(OLD.data, '$.motiveringen') ORDER BY key))
    AND NOT EXISTS (SELECT 1 FROM json_each(NEW.data, '$.motiveringen') WHERE value IS NOT '[gewist]')
), 0)
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER request_events_no_update;
-- +goose StatementBegin
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only');
END;
-- +goose StatementEnd
DROP TABLE request_erasures;
