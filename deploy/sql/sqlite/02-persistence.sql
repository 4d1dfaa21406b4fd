-- Grain state for Orleans' ADO.NET grain storage on SQLite (invariant System.Data.SQLite, served by
-- Microsoft.Data.Sqlite). Same model as the PostgreSQL script (see its comments):
--   * one row per (service, state, grain key); state_type is "<grain type>/<state name>";
--   * version is the ETag, compare-and-swap on every write, clearing keeps the row with a NULL payload;
--   * payload is the state as JSON text (our System.Text.Json format, no CLR type names).
-- The provider exchanges the JSON as UTF-8 bytes: stored as TEXT (readable with sqlite3, json_extract
-- works), cast to and from BLOB in the statements.
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

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', '
SELECT CAST(payload AS BLOB) AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND state_type = @GrainTypeString
  AND key_text = coalesce(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
'),

-- SQLite has no data-changing CTEs, so the write is two statements, each a transaction of its own,
-- and at most one of them changes a row: the update when the caller holds a version, the insert
-- when it holds none. Neither answering a row is a conflict.
('WriteToStorageKey', '
UPDATE orleans_grain_state
SET payload = CAST(@PayloadBinary AS TEXT), version = version + 1,
    modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE service_id = @ServiceId AND state_type = @GrainTypeString
  AND key_text = coalesce(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
INSERT INTO orleans_grain_state (service_id, state_type, key_text, key_n0, key_n1, version, payload, modified_at)
SELECT @ServiceId, @GrainTypeString, coalesce(@GrainIdExtensionString, ''''), @GrainIdN0, @GrainIdN1,
       1, CAST(@PayloadBinary AS TEXT), strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
'),

('ClearStorageKey', '
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE service_id = @ServiceId AND state_type = @GrainTypeString
  AND key_text = coalesce(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion
'),

('DeleteStorageKey', '
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId AND state_type = @GrainTypeString
  AND key_text = coalesce(@GrainIdExtensionString, '''') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion
')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
