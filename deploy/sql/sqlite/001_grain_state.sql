-- Grain state: one row per (grain type, grain key, state name), so two grain types with the
-- same key and state name never collide. version is the ETag (compare-and-swap on write);
-- a NULL payload marks a cleared record and keeps the version counting up, so a stale
-- writer can never match a recycled version number. modified_at is Unix time in milliseconds.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    payload     TEXT    NULL,
    version     INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, state_name)
) WITHOUT ROWID;
