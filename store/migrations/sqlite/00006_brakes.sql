-- +goose Up
-- Emergency brakes (PRODUCT.md C2): a brake is a request for account with
-- what its level adds, written in the request's creation transaction.
-- Nothing about an anonymous puller is here: no user, no session, no
-- address; only the public half of the receipt code (to find the brake by)
-- and the argon2id hash of the whole code (docs/decisions/0008).
CREATE TABLE brakes (
    request_id         INTEGER PRIMARY KEY REFERENCES requests(id),
    level              TEXT NOT NULL CHECK (level IN ('burger', 'professional', 'organisatie')),
    identity           TEXT NOT NULL CHECK (identity IN ('genoemd', 'beschermd', 'anoniem')),
    concerned          TEXT NOT NULL DEFAULT '',
    rule_refs          TEXT NOT NULL DEFAULT '[]',
    decision_reference TEXT NOT NULL DEFAULT '',
    decision_date      TEXT,
    wanted_outcome     TEXT NOT NULL DEFAULT '',
    year               INTEGER NOT NULL,
    receipt_lookup     TEXT UNIQUE,
    receipt_hash       TEXT,
    CHECK ((receipt_lookup IS NULL) = (receipt_hash IS NULL))
);
-- The public register, newest first per level.
CREATE INDEX brakes_level ON brakes(level, request_id);
-- The referral budget: an organisation's brakes of a year.
CREATE INDEX brakes_year ON brakes(year, level);

-- A brake is never removed; its texts may only be erased (request_erasures).
-- +goose StatementBegin
CREATE TRIGGER brakes_no_delete BEFORE DELETE ON brakes
BEGIN
    SELECT RAISE(ABORT, 'brakes are never deleted');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER brakes_no_delete;
DROP TABLE brakes;
