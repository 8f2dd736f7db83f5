-- +goose Up
-- Erasure of the personal texts of a closed case (PRODUCT.md C9;
-- schakel.ErasureStore.EraseCaseTexts), and what the retention job needs
-- to find the records whose retention period ran out.
--
-- The texts of the case (title, situation, parties, intent, harm), of its
-- views, decision and signal, and the free-text notes of its events become
-- '[gewist]' (schakel.ErasedText). The published precedent is not touched:
-- it was redacted before it was published.
--
-- case_erasures records each erasure: appended once, never changed.
-- through_seq is the last event erased (the case's version then).
CREATE TABLE case_erasures (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
    erased_at   TIMESTAMP NOT NULL,
    reason      TEXT NOT NULL,
    through_seq INTEGER NOT NULL CHECK (through_seq >= 1)
);

-- +goose StatementBegin
CREATE TRIGGER case_erasures_no_update BEFORE UPDATE ON case_erasures
BEGIN
    SELECT RAISE(ABORT, 'case_erasures is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_erasures_no_delete BEFORE DELETE ON case_erasures
BEGIN
    SELECT RAISE(ABORT, 'case_erasures is append-only');
END;
-- +goose StatementEnd

-- case_events stays append-only with one exception: the note of an event
-- of an erased case (one with a case_erasures row covering its seq) may
-- become '[gewist]' when it was not empty; every other column stays. So the
-- erasure row must come first (the store writes it in the erasure's own
-- transaction, before the updates), and all it allows is erasing; done
-- again it changes nothing. DELETE stays refused (case_events_no_delete).
-- A migration that adds a column to case_events must add it here.
DROP TRIGGER case_events_no_update;
-- +goose StatementBegin
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
WHEN NOT COALESCE((
        EXISTS (SELECT 1 FROM case_erasures x WHERE x.case_id = OLD.case_id AND OLD.seq <= x.through_seq)
    AND NEW.case_id IS OLD.case_id AND NEW.seq IS OLD.seq AND NEW.type IS OLD.type AND NEW.at IS OLD.at
    AND NEW.user_id IS OLD.user_id AND NEW.state IS OLD.state
    AND (NEW.note IS OLD.note OR (OLD.note <> '' AND NEW.note IS '[gewist]'))
), 0)
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
-- +goose StatementEnd

-- The retention job reads the ended requests and the closed cases by the
-- time of their last change (store.EndedRequests, store.ClosedCases); the
-- state lists are written exactly as the queries write them, so that the
-- partial indexes apply.
CREATE INDEX requests_ended ON requests(updated_at, id) WHERE state IN ('gesloten', 'ingetrokken');
CREATE INDEX cases_closed ON cases(updated_at, id) WHERE state IN ('besloten', 'gepubliceerd', 'ingetrokken', 'publicatie-ingetrokken');

-- +goose Down
DROP INDEX cases_closed;
DROP INDEX requests_ended;
DROP TRIGGER case_events_no_update;
-- +goose StatementBegin
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
-- +goose StatementEnd
DROP TRIGGER case_erasures_no_delete;
DROP TRIGGER case_erasures_no_update;
DROP TABLE case_erasures;
