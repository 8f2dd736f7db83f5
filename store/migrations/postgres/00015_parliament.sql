-- +goose Up
-- The parliament view (PRODUCT.md C8). A ministry names the standing
-- committee of parliament (vaste Kamercommissie) that follows it, an
-- executing organisation the societal task it serves; the figures group by
-- them. A request keeps the organisation of its first rung (who was asked
-- first, which escalation does not change) and the instant of its first
-- answer, so the view counts answer times from one narrow index instead of
-- a million events. Both are derived from the events and filled here for
-- the requests already stored.
ALTER TABLE organisations ADD COLUMN committee TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN task TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN first_org_id BIGINT;
ALTER TABLE requests ADD COLUMN answered_at TIMESTAMPTZ;
UPDATE requests SET first_org_id = (SELECT organisation_id FROM request_rungs WHERE request_id = requests.id AND rung = 0);
UPDATE requests SET answered_at = (SELECT MIN(at) FROM request_events WHERE request_id = requests.id AND type = 'beantwoord');
-- Covers the view's one grouping query: period, then what it groups by.
CREATE INDEX requests_figures ON requests(created_at, type, first_org_id, requester_org_id, state, answer_kind,
    answered_at, answer_deadline, missed_count, rung, answered_late);

-- +goose Down
DROP INDEX requests_figures;
ALTER TABLE requests DROP COLUMN answered_at;
ALTER TABLE requests DROP COLUMN first_org_id;
ALTER TABLE organisations DROP COLUMN task;
ALTER TABLE organisations DROP COLUMN committee;
