-- +goose Up
-- Hiding commitments in the public record (issue 16, decision 0037).
-- request_events.commit_seed: the 32 random bytes from which the event's
-- log entry (format version 5) derives the opening of each text it commits
-- to. Kept beside the texts, never published; NULL for the events logged
-- with plain SHA-256 (version 1) and, after erasure, for every event of an
-- erased request: without its seed a commitment can be neither opened nor
-- checked against a guess.
ALTER TABLE request_events ADD COLUMN commit_seed BLOB;

-- The append-only trigger of 00005 again, with one more exception: for an
-- erased request the seed may be set to NULL, and to nothing else.
DROP TRIGGER request_events_no_update;
-- +goose StatementBegin
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
WHEN NOT COALESCE((
        EXISTS (SELECT 1 FROM request_erasures x WHERE x.request_id = OLD.request_id AND OLD.seq <= x.through_seq)
    AND NEW.id IS OLD.id AND NEW.request_id IS OLD.request_id AND NEW.seq IS OLD.seq
    AND NEW.type IS OLD.type AND NEW.at IS OLD.at
    AND NEW.actor_kind IS OLD.actor_kind AND NEW.actor_user_id IS OLD.actor_user_id AND NEW.actor_org_id IS OLD.actor_org_id
    AND NEW.state IS OLD.state AND NEW.rung IS OLD.rung AND NEW.log_entry IS OLD.log_entry
    AND (NEW.commit_seed IS OLD.commit_seed OR NEW.commit_seed IS NULL)
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
ALTER TABLE request_events DROP COLUMN commit_seed;
