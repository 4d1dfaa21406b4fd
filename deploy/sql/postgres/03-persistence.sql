-- Grain state for Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet).
--
-- One row per (service, state, grain key). state_type is what the provider calls the grain type:
-- our storage passes "<grain type>/<state name>" (e.g. "item/item"), so two grain types that share a
-- key and a state name never share a row. A grain key is a string (key_text), or a long / Guid split
-- over key_n0 and key_n1 with an optional string extension in key_text ('' when none).
--
-- version is the ETag. Orleans hands back the version it last read (NULL if it read nothing) and the
-- statement writes only if the row still has that version, answering the new version; answering
-- nothing means someone else wrote first, and Orleans raises InconsistentStateException.
-- Clearing keeps the row with a NULL payload and a higher version, so a writer holding an old
-- version can never match a reused number.
--
-- payload is the state as JSON (our System.Text.Json format, no CLR type names), so it can be read
-- and queried in place. jsonb keeps numbers exactly; it refuses the \u0000 character in strings.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id  varchar(150) NOT NULL,
    state_type  varchar(512) NOT NULL,
    key_text    text         NOT NULL,
    key_n0      bigint       NOT NULL,
    key_n1      bigint       NOT NULL,
    version     integer      NOT NULL,
    payload     jsonb        NULL,
    modified_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_type, key_text, key_n0, key_n1)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- The provider receives the JSON as UTF-8 bytes and wants bytes back.
('ReadFromStorageKey', $sql$
SELECT convert_to(payload::text, 'UTF8') AS "PayloadBinary", version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId AND state_type = @GrainTypeString
  AND key_text = coalesce(@GrainIdExtensionString, '') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
$sql$),

-- Update when the caller holds the current version, insert when the caller read nothing and nothing
-- is there; otherwise no row comes back (a conflict).
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = convert_from(@PayloadBinary, 'UTF8')::jsonb, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND state_type = @GrainTypeString
      AND key_text = coalesce(@GrainIdExtensionString, '') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleans_grain_state (service_id, state_type, key_text, key_n0, key_n1, version, payload)
    SELECT @ServiceId, @GrainTypeString, coalesce(@GrainIdExtensionString, ''), @GrainIdN0, @GrainIdN1,
           1, convert_from(@PayloadBinary, 'UTF8')::jsonb
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$sql$),

-- ClearStateAsync: keep the row, drop the payload, move the version on.
('ClearStorageKey', $sql$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId AND state_type = @GrainTypeString
  AND key_text = coalesce(@GrainIdExtensionString, '') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$sql$),

-- ClearStateAsync with DeleteStateOnClear: remove the row; the answer only has to differ from the
-- caller's version to count as success.
('DeleteStorageKey', $sql$
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId AND state_type = @GrainTypeString
  AND key_text = coalesce(@GrainIdExtensionString, '') AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$sql$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
