-- +goose Up
-- The parliament view groups a year of requests in one query (decision
-- 0024). Grouping by expressions made SQLite sort every row; two derived
-- columns, written with each change of the request, let the query read
-- one index in the order it groups by, without sorting:
--   answer_days:  whole days from the request to its first answer, NULL
--                 while unanswered (kept once set, as answered_at is);
--   figure_flags: 1 awaiting an answer, 2 late (answered late or a deadline
--                 missed), 4 a deadline missed, 8 escalated (rung > 0).
ALTER TABLE requests ADD COLUMN answer_days INTEGER;
ALTER TABLE requests ADD COLUMN figure_flags INTEGER NOT NULL DEFAULT 0;
UPDATE requests SET answer_days = CAST(julianday(answered_at) - julianday(created_at) AS INTEGER) WHERE answered_at IS NOT NULL;
UPDATE requests SET figure_flags =
    (CASE WHEN state IN ('open', 'ontvangen', 'geescaleerd') THEN 1 ELSE 0 END) |
    (CASE WHEN answered_late OR missed_count > 0 THEN 2 ELSE 0 END) |
    (CASE WHEN missed_count > 0 THEN 4 ELSE 0 END) |
    (CASE WHEN rung > 0 THEN 8 ELSE 0 END);
DROP INDEX requests_figures;
CREATE INDEX requests_tally ON requests(type, first_org_id, requester_org_id, answer_kind, answer_days, figure_flags,
    created_at, answer_deadline, answered_at);
-- The open requests behind the view, soonest deadline first: a few
-- thousand among a year's hundred thousand; it holds what their counts need.
CREATE INDEX requests_open ON requests(answer_deadline, id, type, created_at, first_org_id, requester_org_id, answer_kind, answer_days, figure_flags)
    WHERE state IN ('open', 'ontvangen', 'geescaleerd');

-- +goose Down
DROP INDEX requests_open;
DROP INDEX requests_tally;
CREATE INDEX requests_figures ON requests(created_at, type, first_org_id, requester_org_id, state, answer_kind,
    answered_at, answer_deadline, missed_count, rung, answered_late);
ALTER TABLE requests DROP COLUMN figure_flags;
ALTER TABLE requests DROP COLUMN answer_days;
