-- Durable reminders. grain_hash (0 .. 2^32-1) lets each silo load only the hash ranges it owns;
-- last_tick_at records the last delivered tick, so a tick that fell due while no silo was
-- running is delivered after restart.
CREATE TABLE IF NOT EXISTS grain_reminders (
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    bigint      NOT NULL,
    start_at      timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    last_tick_at  timestamptz NULL,
    version       bigint      NOT NULL,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
);
CREATE INDEX IF NOT EXISTS grain_reminders_by_hash ON grain_reminders (grain_hash);
