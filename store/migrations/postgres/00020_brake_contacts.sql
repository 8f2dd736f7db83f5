-- +goose Up
-- The e-mail address a citizen may give with a brake (issue 15), to get a
-- copy of the receipt and a notice when an answer comes. It is kept apart
-- from brakes so nothing that reads a brake (the organisation's pages, the
-- API, exports, the public record) can show it, and only while the brake
-- is not final: the brake-contact job deletes it once the brake is closed
-- or withdrawn. notified_rung is the rung whose answer was last told, -1
-- for none.
CREATE TABLE brake_contacts (
    request_id    BIGINT PRIMARY KEY REFERENCES brakes(request_id),
    email         TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    notified_rung INTEGER NOT NULL DEFAULT -1
);

-- +goose Down
DROP TABLE brake_contacts;
