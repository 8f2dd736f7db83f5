-- +goose Up
-- Signals and knelpunten (PRODUCT.md C5). The minimal signals a case's
-- solve raised become raised signals (state 'concept'): their text is the
-- proposal, their rule references anchors. A filed signal is in a
-- knelpunt; a knelpunt climbs team → board → ministry → parliament, each
-- rung a request for account of type knelpunt (knelpunt_rungs). The
-- figures per law, article and policy rule are kept in the transaction
-- that files a signal (rule_figures), so the public page reads them
-- without counting a million signals.
CREATE TABLE knelpunten (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    solution        TEXT NOT NULL DEFAULT '',
    proposal        TEXT NOT NULL DEFAULT '',
    level           TEXT NOT NULL DEFAULT 'team' CHECK (level IN ('team', 'bestuur', 'ministerie', 'parlement')),
    state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'voorgelegd', 'overgenomen', 'niet-overgenomen', 'samengevoegd', 'afgerond')),
    request_id      INTEGER REFERENCES requests(id),
    merged_into     INTEGER REFERENCES knelpunten(id),
    letter_id       INTEGER,
    adopted_at      TIMESTAMP,
    signals         INTEGER NOT NULL DEFAULT 0,
    citizens_low    INTEGER NOT NULL DEFAULT 0,
    citizens_high   INTEGER NOT NULL DEFAULT 0,
    cost_once       INTEGER NOT NULL DEFAULT 0,
    cost_yearly     INTEGER NOT NULL DEFAULT 0,
    refs            TEXT NOT NULL DEFAULT '[]',
    principles      TEXT NOT NULL DEFAULT '[]',
    created_by      INTEGER REFERENCES users(id),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX knelpunten_organisation ON knelpunten(organisation_id, id);
CREATE INDEX knelpunten_state ON knelpunten(state, level);
CREATE INDEX knelpunten_letter ON knelpunten(letter_id);

CREATE TABLE knelpunt_rungs (
    knelpunt_id INTEGER NOT NULL REFERENCES knelpunten(id),
    position    INTEGER NOT NULL,
    level       TEXT NOT NULL,
    request_id  INTEGER NOT NULL UNIQUE REFERENCES requests(id),
    at          TIMESTAMP NOT NULL,
    PRIMARY KEY (knelpunt_id, position)
);

CREATE TABLE knelpunt_events (
    knelpunt_id INTEGER NOT NULL REFERENCES knelpunten(id),
    seq         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    by_user     INTEGER REFERENCES users(id),
    signals     TEXT NOT NULL DEFAULT '[]',
    other       INTEGER,
    level       TEXT NOT NULL DEFAULT '',
    request_id  INTEGER,
    letter_id   INTEGER,
    at          TIMESTAMP NOT NULL,
    PRIMARY KEY (knelpunt_id, seq)
);

ALTER TABLE signals RENAME COLUMN text TO proposal;
ALTER TABLE signals ADD COLUMN anchors TEXT NOT NULL DEFAULT '[]';
UPDATE signals SET anchors = (SELECT json_group_array(json_object('ref', value, 'version', 0)) FROM json_each(signals.rule_refs));
ALTER TABLE signals DROP COLUMN rule_refs;
ALTER TABLE signals ADD COLUMN state TEXT NOT NULL DEFAULT 'concept' CHECK (state IN ('concept', 'ingediend'));
ALTER TABLE signals ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE signals ADD COLUMN affected_group TEXT NOT NULL DEFAULT '';
ALTER TABLE signals ADD COLUMN effect TEXT NOT NULL DEFAULT '';
ALTER TABLE signals ADD COLUMN citizens_low INTEGER NOT NULL DEFAULT 0;
ALTER TABLE signals ADD COLUMN citizens_high INTEGER NOT NULL DEFAULT 0;
ALTER TABLE signals ADD COLUMN citizens_method TEXT NOT NULL DEFAULT '';
ALTER TABLE signals ADD COLUMN solution TEXT NOT NULL DEFAULT '';
ALTER TABLE signals ADD COLUMN cost_once INTEGER NOT NULL DEFAULT 0;
ALTER TABLE signals ADD COLUMN cost_yearly INTEGER NOT NULL DEFAULT 0;
ALTER TABLE signals ADD COLUMN cost_borne_by TEXT NOT NULL DEFAULT '';
ALTER TABLE signals ADD COLUMN conflicts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE signals ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE signals ADD COLUMN knelpunt_id INTEGER REFERENCES knelpunten(id);
ALTER TABLE signals ADD COLUMN filed_by INTEGER REFERENCES users(id);
ALTER TABLE signals ADD COLUMN filed_at TIMESTAMP;
CREATE INDEX signals_knelpunt ON signals(knelpunt_id, id);
CREATE INDEX signals_organisation ON signals(organisation_id, id);

CREATE TABLE signal_events (
    id          INTEGER PRIMARY KEY,
    signal_id   INTEGER NOT NULL REFERENCES signals(id),
    type        TEXT NOT NULL,
    from_knelpunt INTEGER REFERENCES knelpunten(id),
    to_knelpunt INTEGER REFERENCES knelpunten(id),
    by_user     INTEGER REFERENCES users(id),
    at          TIMESTAMP NOT NULL
);
CREATE INDEX signal_events_signal ON signal_events(signal_id, id);
INSERT INTO signal_events (signal_id, type, at) SELECT id, 'opgeworpen', created_at FROM signals;

-- The figure keys (ruleref.FigureKeys) of each filed signal, for the
-- similar-signal candidates (newest first per key) and the filters.
CREATE TABLE signal_keys (
    key             TEXT NOT NULL,
    signal_id       INTEGER NOT NULL REFERENCES signals(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (key, signal_id)
) WITHOUT ROWID;
-- Moving a knelpunt's signals (merge, split) reads their keys by signal.
CREATE INDEX signal_keys_signal ON signal_keys(signal_id);
-- A filer's suggestions come from their own organisation's signals: the
-- newest per key, however many other organisations filed on it.
CREATE INDEX signal_keys_organisation ON signal_keys(key, organisation_id, signal_id);

-- The figure keys of the signals of each knelpunt that is not merged.
CREATE TABLE knelpunt_keys (
    key         TEXT NOT NULL,
    knelpunt_id INTEGER NOT NULL REFERENCES knelpunten(id),
    PRIMARY KEY (key, knelpunt_id)
) WITHOUT ROWID;
CREATE INDEX knelpunt_keys_knelpunt ON knelpunt_keys(knelpunt_id);

CREATE TABLE rule_figures (
    key           TEXT PRIMARY KEY,
    level         TEXT NOT NULL CHECK (level IN ('wet', 'artikel', 'beleidsregel')),
    law           TEXT NOT NULL,
    ref           TEXT NOT NULL,
    signals       INTEGER NOT NULL DEFAULT 0,
    organisations INTEGER NOT NULL DEFAULT 0,
    knelpunten    INTEGER NOT NULL DEFAULT 0,
    citizens_low  INTEGER NOT NULL DEFAULT 0,
    citizens_high INTEGER NOT NULL DEFAULT 0,
    cost_once     INTEGER NOT NULL DEFAULT 0,
    cost_yearly   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX rule_figures_level ON rule_figures(level, signals DESC, key);
CREATE INDEX rule_figures_law ON rule_figures(law, level, signals DESC, key);

CREATE TABLE rule_figure_organisations (
    key             TEXT NOT NULL REFERENCES rule_figures(key),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    signals         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, organisation_id)
) WITHOUT ROWID;

CREATE TABLE policy_rules (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    code            TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version > 0),
    title           TEXT NOT NULL,
    url             TEXT NOT NULL DEFAULT '',
    registered_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, code, version)
);

CREATE TABLE letters (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    ministry_id     INTEGER NOT NULL REFERENCES organisations(id),
    reference       TEXT NOT NULL UNIQUE,
    date            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    period_from     TIMESTAMP NOT NULL,
    period_to       TIMESTAMP NOT NULL,
    knelpunt_ids    TEXT NOT NULL DEFAULT '[]',
    html            BLOB NOT NULL,
    pdf             BLOB NOT NULL,
    html_sha256     TEXT NOT NULL,
    pdf_sha256      TEXT NOT NULL,
    sent_by         INTEGER REFERENCES users(id),
    sent_at         TIMESTAMP NOT NULL
);
CREATE INDEX letters_organisation ON letters(organisation_id, id);
CREATE INDEX letters_ministry ON letters(ministry_id, id);

-- +goose Down
DROP TABLE letters;
DROP TABLE policy_rules;
DROP TABLE rule_figure_organisations;
DROP TABLE rule_figures;
DROP TABLE knelpunt_keys;
DROP TABLE signal_keys;
DROP TABLE signal_events;
DROP INDEX signals_knelpunt;
DROP INDEX signals_organisation;
ALTER TABLE signals DROP COLUMN filed_at;
ALTER TABLE signals DROP COLUMN filed_by;
ALTER TABLE signals DROP COLUMN knelpunt_id;
ALTER TABLE signals DROP COLUMN evidence;
ALTER TABLE signals DROP COLUMN conflicts;
ALTER TABLE signals DROP COLUMN cost_borne_by;
ALTER TABLE signals DROP COLUMN cost_yearly;
ALTER TABLE signals DROP COLUMN cost_once;
ALTER TABLE signals DROP COLUMN solution;
ALTER TABLE signals DROP COLUMN citizens_method;
ALTER TABLE signals DROP COLUMN citizens_high;
ALTER TABLE signals DROP COLUMN citizens_low;
ALTER TABLE signals DROP COLUMN effect;
ALTER TABLE signals DROP COLUMN affected_group;
ALTER TABLE signals DROP COLUMN title;
ALTER TABLE signals DROP COLUMN state;
ALTER TABLE signals ADD COLUMN rule_refs TEXT NOT NULL DEFAULT '[]';
UPDATE signals SET rule_refs = (SELECT json_group_array(json_extract(value, '$.ref')) FROM json_each(signals.anchors));
ALTER TABLE signals DROP COLUMN anchors;
ALTER TABLE signals RENAME COLUMN proposal TO text;
DROP TABLE knelpunt_events;
DROP TABLE knelpunt_rungs;
DROP TABLE knelpunten;
