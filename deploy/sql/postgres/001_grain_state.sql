-- Grain state: one row per (grain type, grain key, state name), so two grain types with the
-- same key and state name never collide. version is the ETag (compare-and-swap on write);
-- a NULL payload marks a cleared record and keeps the version counting up, so a stale
-- writer can never match a recycled version number.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    payload     text        NULL,
    version     bigint      NOT NULL,
    modified_at timestamptz NOT NULL,
    PRIMARY KEY (grain_type, grain_key, state_name)
);
