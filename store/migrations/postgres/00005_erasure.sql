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
    request_id  BIGINT PRIMARY KEY REFERENCES requests(id),
    erased_at   TIMESTAMPTZ NOT NULL,
    reason      TEXT NOT NULL,
    through_seq INTEGER NOT NULL CHECK (through_seq >= 1)
);
CREATE TRIGGER request_erasures_no_change BEFORE UPDATE OR DELETE ON request_erasures
    FOR EACH ROW EXECUTE FUNCTION log_append_only();

-- request_events stays append-only with one exception: the data of an
-- event of an erased request (one with a request_erasures row covering its
-- seq) may be updated, and only so that each free text present becomes
-- '[gewist]': every other column (compared as a whole, so a column added
-- later is covered too), every other member of data, and which texts (and
-- which motivation codes) there are stay exactly as they were. So an
-- erasure row must come first (the store writes it in the erasure's own
-- transaction, before the updates), and all it allows is erasing; done
-- again it changes nothing. DELETE stays refused. The trigger
-- request_events_no_change (00002) calls this function for both.
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

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION request_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'request_events is append-only';
END;
$$;
-- +goose StatementEnd
DROP TABLE request_erasures;
