-- +goose Up
CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE organisation_principals (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    principal_id    INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (organisation_id, principal_id)
);
CREATE INDEX organisation_principals_principal ON organisation_principals(principal_id);

CREATE TABLE teams (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    name            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (issuer, subject)
);

CREATE TABLE memberships (
    user_id         INTEGER NOT NULL REFERENCES users(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    team_id         INTEGER REFERENCES teams(id),
    role            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, organisation_id, role)
);
CREATE INDEX memberships_organisation ON memberships(organisation_id, role);

CREATE TABLE principles (
    code            TEXT PRIMARY KEY,
    grp             TEXT NOT NULL,
    parent          TEXT REFERENCES principles(code),
    name            TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    source          TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER REFERENCES organisations(id),
    position        INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    retired_at      TIMESTAMP
);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expiry);

-- +goose Down
DROP TABLE sessions;
DROP TABLE principles;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE teams;
DROP TABLE organisation_principals;
DROP TABLE organisations;
