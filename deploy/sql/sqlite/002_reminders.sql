-- Durable reminders. grain_hash (0 .. 2^32-1) lets each silo load only the hash ranges it owns;
-- last_tick_at records the last delivered tick, so a tick that fell due while no silo was
-- running is delivered after restart. Times are Unix time in milliseconds.
CREATE TABLE IF NOT EXISTS grain_reminders (
    grain_type    TEXT    NOT NULL,
    grain_key     TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at      INTEGER NOT NULL,
    period_ms     INTEGER NOT NULL,
    last_tick_at  INTEGER NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS grain_reminders_by_hash ON grain_reminders (grain_hash);
