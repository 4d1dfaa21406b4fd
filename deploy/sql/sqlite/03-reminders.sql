-- Durable reminders on SQLite. Orleans has no SQLite reminder table; ours
-- (Marketplace.Persistence.Reminders.SqliteReminderTable) keeps its statements in code and this table
-- in the same file as the grain state.
--   grain_hash: the grain's position on Orleans' hash ring, 0 .. 2^32-1 (unsigned), so a silo can
--               load the ring range it owns;
--   start_at:   first tick, UTC, ISO-8601 with 100 ns digits (round-trips .NET's DateTime exactly);
--   version:    the ETag; every upsert moves it on, a delete must name it.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_at      TEXT    NOT NULL,
    period_ms     INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);
