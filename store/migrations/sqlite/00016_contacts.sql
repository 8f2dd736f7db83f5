-- +goose Up
-- Contact points of executing organisations for parliament (report
-- "Naar een uitvoerende macht" §5.4.4: political account managers linked to
-- the standing committees). A contact point is a function with a functional
-- address, never a person's name (decision 0021), so it survives staff
-- changes and may be shown to anyone. History is never edited: a change is
-- a retirement and a new contact point; no row is ever deleted, and only
-- retired_at may be set, once.
CREATE TABLE contact_points (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    function        TEXT NOT NULL,
    email           TEXT NOT NULL,
    phone           TEXT NOT NULL DEFAULT '',
    topics          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    retired_at      TIMESTAMP
);
CREATE INDEX contact_points_organisation ON contact_points(organisation_id, id);

-- The standing committees a contact point serves, by name: the names the
-- ministries give in organisations.committee when the point was added.
CREATE TABLE contact_committees (
    contact_id INTEGER NOT NULL REFERENCES contact_points(id),
    committee  TEXT NOT NULL,
    PRIMARY KEY (contact_id, committee)
);
CREATE INDEX contact_committees_committee ON contact_committees(committee, contact_id);

-- +goose StatementBegin
CREATE TRIGGER contact_points_no_delete BEFORE DELETE ON contact_points
BEGIN
    SELECT RAISE(ABORT, 'contact_points are retired, never deleted');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER contact_points_retire_only BEFORE UPDATE ON contact_points
WHEN OLD.retired_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.organisation_id IS NOT OLD.organisation_id
    OR NEW.function IS NOT OLD.function OR NEW.email IS NOT OLD.email OR NEW.phone IS NOT OLD.phone
    OR NEW.topics IS NOT OLD.topics OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'contact_points change only by being retired, once');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER contact_committees_no_update BEFORE UPDATE ON contact_committees
BEGIN
    SELECT RAISE(ABORT, 'contact_committees is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER contact_committees_no_delete BEFORE DELETE ON contact_committees
BEGIN
    SELECT RAISE(ABORT, 'contact_committees is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER contact_committees_no_delete;
DROP TRIGGER contact_committees_no_update;
DROP TRIGGER contact_points_retire_only;
DROP TRIGGER contact_points_no_delete;
DROP TABLE contact_committees;
DROP TABLE contact_points;
