-- +goose Up
-- Contact points of executing organisations for parliament (report
-- "Naar een uitvoerende macht" §5.4.4: political account managers linked to
-- the standing committees). A contact point is a function with a functional
-- address, never a person's name (decision 0021), so it survives staff
-- changes and may be shown to anyone. History is never edited: a change is
-- a retirement and a new contact point; no row is ever deleted, and only
-- retired_at may be set, once.
CREATE TABLE contact_points (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    function        TEXT NOT NULL,
    email           TEXT NOT NULL,
    phone           TEXT NOT NULL DEFAULT '',
    topics          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    retired_at      TIMESTAMPTZ
);
CREATE INDEX contact_points_organisation ON contact_points(organisation_id, id);

-- The standing committees a contact point serves, by name: the names the
-- ministries give in organisations.committee when the point was added.
CREATE TABLE contact_committees (
    contact_id BIGINT NOT NULL REFERENCES contact_points(id),
    committee  TEXT NOT NULL,
    PRIMARY KEY (contact_id, committee)
);
CREATE INDEX contact_committees_committee ON contact_committees(committee, contact_id);

-- +goose StatementBegin
CREATE FUNCTION contact_points_retire_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'contact_points are retired, never deleted';
    END IF;
    IF OLD.retired_at IS NOT NULL OR NEW.id IS DISTINCT FROM OLD.id OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
        OR NEW.function IS DISTINCT FROM OLD.function OR NEW.email IS DISTINCT FROM OLD.email OR NEW.phone IS DISTINCT FROM OLD.phone
        OR NEW.topics IS DISTINCT FROM OLD.topics OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'contact_points change only by being retired, once';
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER contact_points_retire_only BEFORE UPDATE OR DELETE ON contact_points
    FOR EACH ROW EXECUTE FUNCTION contact_points_retire_only();
-- +goose StatementBegin
CREATE FUNCTION contact_committees_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER contact_committees_append_only BEFORE UPDATE OR DELETE ON contact_committees
    FOR EACH ROW EXECUTE FUNCTION contact_committees_append_only();

-- +goose Down
DROP TRIGGER contact_committees_append_only ON contact_committees;
DROP FUNCTION contact_committees_append_only();
DROP TRIGGER contact_points_retire_only ON contact_points;
DROP FUNCTION contact_points_retire_only();
DROP TABLE contact_committees;
DROP TABLE contact_points;
