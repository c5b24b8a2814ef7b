-- Tally, publication and signing keys (issue 7). Portable SQL for H2 (PostgreSQL mode) and PostgreSQL.
-- Only public keys are stored here; the private signing key lives in a file outside the database.

-- The computed outcome of a CLOSED election, reviewable by staff before publication. outcome_json is
-- the canonical JSON of the outcome exactly as the audit bundle's outcome.json will hold it; view_json
-- is what GET /api/elections/{id}/tally returns (outcome, explanations nl/en, turnout).
CREATE TABLE tally (
    election_id BIGINT      NOT NULL PRIMARY KEY REFERENCES election (id),
    rule        VARCHAR(32) NOT NULL,
    tie_breaking VARCHAR(20000) NOT NULL,
    ballots     BIGINT      NOT NULL,
    outcome_json TEXT       NOT NULL,
    view_json   TEXT        NOT NULL,
    tallied_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A published election: the council decision, the public result and the audit bundle's identity.
-- The bundle's bytes are in publication_chunk (H2 limits one binary value to 1 MB).
CREATE TABLE publication (
    election_id      BIGINT       NOT NULL PRIMARY KEY REFERENCES election (id),
    council_decision VARCHAR(200) NOT NULL,
    key_id           VARCHAR(64)  NOT NULL,
    bundle_sha256    VARCHAR(64)  NOT NULL,
    bundle_size      BIGINT       NOT NULL,
    result_json      TEXT         NOT NULL,
    published_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE publication_chunk (
    election_id BIGINT  NOT NULL REFERENCES election (id),
    seq         INTEGER NOT NULL,
    data        BYTEA   NOT NULL,
    PRIMARY KEY (election_id, seq)
);

-- Every signing key this deployment has used, public half only, so rotated keys stay listed.
CREATE TABLE signing_key (
    key_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    public_key  VARCHAR(64) NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    first_used  TIMESTAMP WITH TIME ZONE NOT NULL
);

