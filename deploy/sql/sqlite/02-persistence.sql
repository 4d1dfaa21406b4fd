-- Grain state on SQLite, for our SqliteGrainStorage (src/Persistence/Storage; its statements live there:
-- it group-commits the writes that arrive together). Same model as the PostgreSQL script (see its comments),
-- and the same rows Orleans' ADO.NET provider wrote here in earlier versions:
--   * one row per (service, state, grain key); state_type is "<grain type>/<state name>";
--   * version is the ETag, compare-and-swap on every write, clearing keeps the row with a NULL payload;
--   * payload is the state as JSON text (our System.Text.Json format, no CLR type names).
--   * the JSON is stored as TEXT: readable with sqlite3, and json_extract works.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id  TEXT    NOT NULL,
    state_type  TEXT    NOT NULL,
    key_text    TEXT    NOT NULL,
    key_n0      INTEGER NOT NULL,
    key_n1      INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    payload     TEXT    NULL,
    modified_at TEXT    NOT NULL,
    PRIMARY KEY (service_id, state_type, key_text, key_n0, key_n1)
) WITHOUT ROWID;
