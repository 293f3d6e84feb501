-- newsmetrics schema, version 1. Applied in order by pipeline/db.py; recorded in schema_migrations.
-- Every mention table keeps the offsets (start, "end") into articles.text.

CREATE TABLE IF NOT EXISTS articles (
    article_id      VARCHAR PRIMARY KEY,   -- SHA-256 of the normalised text
    path            VARCHAR NOT NULL,
    text            VARCHAR NOT NULL,
    language        VARCHAR,
    language_confidence DOUBLE,
    title           VARCHAR,
    source          VARCHAR,
    credit          VARCHAR,               -- a photo-credit line, kept apart from the body
    encoding        VARCHAR NOT NULL,
    reference_date  DATE,
    reference_date_source VARCHAR,         -- text | meta | option | inferred | none
    ingested_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- path -> article: a file is replaced when its text changes.
CREATE TABLE IF NOT EXISTS files (
    path        VARCHAR PRIMARY KEY,
    article_id  VARCHAR NOT NULL,
    size        BIGINT,
    mtime       DOUBLE
);

CREATE TABLE IF NOT EXISTS money (
    article_id  VARCHAR NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    value       DECIMAL(38, 6) NOT NULL,
    currency    VARCHAR,
    qualifier   VARCHAR,
    min         DECIMAL(38, 6),
    max         DECIMAL(38, 6),
    per         VARCHAR,
    negative    BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS dates (
    article_id  VARCHAR NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL,
    grain       VARCHAR NOT NULL,
    inferred    BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS durations (
    article_id  VARCHAR NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    value       DECIMAL(38, 6) NOT NULL,
    unit        VARCHAR NOT NULL
);

-- One row per mention; entity_id links it to entity_index.
CREATE TABLE IF NOT EXISTS entities (
    article_id  VARCHAR NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    canonical   VARCHAR NOT NULL,
    entity_id   VARCHAR NOT NULL
);

-- Canonical entities across the corpus, with every alias seen.
CREATE TABLE IF NOT EXISTS entity_index (
    entity_id   VARCHAR PRIMARY KEY,
    canonical   VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    aliases     VARCHAR[] NOT NULL,
    mentions    INTEGER NOT NULL,
    articles    INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS roles (
    article_id   VARCHAR NOT NULL,
    person       VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,
    organisation VARCHAR,
    former       BOOLEAN NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS facts (
    article_id      VARCHAR NOT NULL,
    entity          VARCHAR,
    metric          VARCHAR NOT NULL,
    value           DECIMAL(38, 6) NOT NULL,   -- signed: a loss is negative
    currency        VARCHAR,
    qualifier       VARCHAR,
    min             DECIMAL(38, 6),
    max             DECIMAL(38, 6),
    period_start    DATE,
    period_end      DATE,
    per             VARCHAR,
    status          VARCHAR NOT NULL,
    evidence        VARCHAR NOT NULL,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    duration_months DECIMAL(38, 6),
    counterparties  VARCHAR[] NOT NULL
);

-- Reconciled: one row per entity, metric, period, per and status.
CREATE TABLE IF NOT EXISTS profile (
    entity          VARCHAR NOT NULL,
    metric          VARCHAR NOT NULL,
    period_start    DATE,
    period_end      DATE,
    per             VARCHAR,
    status          VARCHAR NOT NULL,
    value           DECIMAL(38, 6),
    currency        VARCHAR,
    qualifier       VARCHAR,
    min             DECIMAL(38, 6),
    max             DECIMAL(38, 6),
    agreement       VARCHAR NOT NULL,          -- single | agree | conflict
    n_sources       INTEGER NOT NULL,
    sources         JSON NOT NULL              -- [{article_id, start, end, value, qualifier, evidence}]
);

CREATE TABLE IF NOT EXISTS checks (
    entity          VARCHAR NOT NULL,
    "check"         VARCHAR NOT NULL,          -- e.g. operating_result, runway, funding_shortfall
    period_start    DATE,
    period_end      DATE,
    value           DECIMAL(38, 6),
    currency        VARCHAR,
    unit            VARCHAR,                   -- currency | months | ratio | currency_per_month
    qualifier       VARCHAR,
    status          VARCHAR NOT NULL,          -- ok | warning | conflict | info
    detail          VARCHAR NOT NULL,
    inputs          JSON NOT NULL
);

CREATE TABLE IF NOT EXISTS rejected (
    path        VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    code        VARCHAR NOT NULL,
    detail      VARCHAR,
    rejected_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
