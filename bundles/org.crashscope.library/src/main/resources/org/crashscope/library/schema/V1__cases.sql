-- The case library's schema: one for the embedded store (H2 in PostgreSQL mode) and a team's PostgreSQL,
-- kept to what a distributed PostgreSQL (Citus) supports: every table carries the account, every key starts with it
-- (the distribution column), no sequences, no triggers, no cross-account foreign keys.
CREATE TABLE cases (
    account VARCHAR(200) NOT NULL,
    id VARCHAR(40) NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    signature VARCHAR NOT NULL,
    signature_version INTEGER NOT NULL,
    kind VARCHAR(100),
    title VARCHAR,
    guilty_frame VARCHAR(300),
    frames VARCHAR NOT NULL,
    mechanism VARCHAR,
    kernel_release VARCHAR(300),
    arch VARCHAR(40),
    machine VARCHAR(300),
    diagnosis VARCHAR,
    known_issue VARCHAR(300),
    deliberate BOOLEAN NOT NULL,
    file_path VARCHAR,
    status VARCHAR(20) NOT NULL,
    resolution VARCHAR,
    notes VARCHAR,
    bucket_override VARCHAR,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_count INTEGER NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by VARCHAR(200),
    version INTEGER NOT NULL,
    PRIMARY KEY (account, id)
);
-- a case is looked up by its id alone: row-level security, not a WHERE, says whose it is
CREATE INDEX cases_id ON cases (id);
CREATE INDEX cases_signature ON cases (signature);
CREATE INDEX cases_kind ON cases (kind);

-- a bucket merged by a person into another: its cases are listed under the other
CREATE TABLE bucket_merges (
    account VARCHAR(200) NOT NULL,
    signature VARCHAR NOT NULL,
    into_signature VARCHAR NOT NULL,
    merged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account, signature)
);

-- custom fingerprints (Sentry's): cases of a kind through a frame get one signature
CREATE TABLE fingerprint_rules (
    account VARCHAR(200) NOT NULL,
    id VARCHAR(100) NOT NULL,
    kind_pattern VARCHAR,
    frame_pattern VARCHAR,
    fingerprint VARCHAR NOT NULL,
    created TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account, id)
);

-- known issues made from solved buckets: a rule file's text, in the rules format
CREATE TABLE known_issues (
    account VARCHAR(200) NOT NULL,
    id VARCHAR(200) NOT NULL,
    signature VARCHAR NOT NULL,
    rule_json VARCHAR NOT NULL,
    created TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account, id)
);

-- which database role works for which account (a team's store; the embedded one has one account, 'local')
CREATE TABLE analysts (
    role_name VARCHAR(200) NOT NULL,
    account VARCHAR(200) NOT NULL,
    PRIMARY KEY (role_name, account)
);
