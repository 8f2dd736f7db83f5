-- +goose Up
-- Hiding commitments in the public record (issue 16, decision 0037).
-- request_events.commit_seed: the 32 random bytes from which the event's
-- log entry (format version 5) derives the opening of each text it commits
-- to. Kept beside the texts, never published; NULL for the events logged
-- with plain SHA-256 (version 1) and, after erasure, for every event of an
-- erased request: without its seed a commitment can be neither opened nor
-- checked against a guess.
ALTER TABLE request_events ADD COLUMN commit_seed BYTEA;

-- The append-only function of 00005 again, with one more exception: for
-- an erased request the seed may be set to NULL, and to nothing else.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION request_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n jsonb;
    o jsonb;
BEGIN
    IF TG_OP = 'UPDATE'
       AND EXISTS (SELECT 1 FROM request_erasures x WHERE x.request_id = OLD.request_id AND OLD.seq <= x.through_seq)
       AND (to_jsonb(NEW) - 'data' - 'commit_seed') = (to_jsonb(OLD) - 'data' - 'commit_seed')
       AND (NEW.commit_seed IS NULL OR NEW.commit_seed IS NOT DISTINCT FROM OLD.commit_seed) THEN
        n := NEW.data::jsonb;
        o := OLD.data::jsonb;
        IF (n - 'wijzigingen' - 'motiveringen' - 'reden') = (o - 'wijzigingen' - 'motiveringen' - 'reden')
           AND jsonb_typeof(n -> 'wijzigingen') IS NOT DISTINCT FROM jsonb_typeof(o -> 'wijzigingen')
           AND COALESCE(n ->> 'wijzigingen', '[gewist]') = '[gewist]'
           AND jsonb_typeof(n -> 'reden') IS NOT DISTINCT FROM jsonb_typeof(o -> 'reden')
           AND COALESCE(n ->> 'reden', '[gewist]') = '[gewist]'
           AND jsonb_typeof(n -> 'motiveringen') IS NOT DISTINCT FROM jsonb_typeof(o -> 'motiveringen')
           AND (jsonb_typeof(n -> 'motiveringen') IS DISTINCT FROM 'object' OR (
                   (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(n -> 'motiveringen') k)
                 = (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(o -> 'motiveringen') k)
               AND NOT EXISTS (SELECT 1 FROM jsonb_each(n -> 'motiveringen') m WHERE m.value IS DISTINCT FROM '"[gewist]"'::jsonb)))
        THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'request_events is append-only';
END;
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION request_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n jsonb;
    o jsonb;
BEGIN
    IF TG_OP = 'UPDATE'
       AND EXISTS (SELECT 1 FROM request_erasures x WHERE x.request_id = OLD.request_id AND OLD.seq <= x.through_seq)
       AND (to_jsonb(NEW) - 'data') = (to_jsonb(OLD) - 'data') THEN
        n := NEW.data::jsonb;
        o := OLD.data::jsonb;
        IF (n - 'wijzigingen' - 'motiveringen' - 'reden') = (o - 'wijzigingen' - 'motiveringen' - 'reden')
           AND jsonb_typeof(n -> 'wijzigingen') IS NOT DISTINCT FROM jsonb_typeof(o -> 'wijzigingen')
           AND COALESCE(n ->> 'wijzigingen', '[gewist]') = '[gewist]'
           AND jsonb_typeof(n -> 'reden') IS NOT DISTINCT FROM jsonb_typeof(o -> 'reden')
           AND COALESCE(n ->> 'reden', '[gewist]') = '[gewist]'
           AND jsonb_typeof(n -> 'motiveringen') IS NOT DISTINCT FROM jsonb_typeof(o -> 'motiveringen')
           AND (jsonb_typeof(n -> 'motiveringen') IS DISTINCT FROM 'object' OR (
                   (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(n -> 'motiveringen') k)
                 = (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(o -> 'motiveringen') k)
               AND NOT EXISTS (SELECT 1 FROM jsonb_each(n -> 'motiveringen') m WHERE m.value IS DISTINCT FROM '"[gewist]"'::jsonb)))
        THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'request_events is append-only';
END;
$$;
-- +goose StatementEnd
ALTER TABLE request_events DROP COLUMN commit_seed;
