-- Cluster membership for Orleans' ADO.NET clustering provider (Microsoft.Orleans.Clustering.AdoNet):
-- used by every silo (the membership protocol) and by every client (which reads the gateway list).
--
-- Model: one row per cluster in orleans_membership_version, one row per silo incarnation in
-- orleans_membership. Orleans changes membership optimistically: it reads the table with its version,
-- decides, and writes back only if the version is still the one it read. Every join, status change
-- or suspicion vote therefore bumps the version in the same statement as the row change; a writer
-- acting on a stale view changes nothing and re-reads. Heartbeats (i_am_alive_time) do not bump it.
--
-- Orleans' parameter names are fixed (@DeploymentId is the cluster id, @Version the version the
-- caller read); the column aliases in the result sets are the names Orleans reads.

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    cluster_id  varchar(150) NOT NULL PRIMARY KEY,
    version     integer      NOT NULL DEFAULT 0,
    changed_at  timestamptz  NOT NULL DEFAULT now()
);

-- A silo incarnation is (address, port, generation): a restarted silo gets a new generation and a new
-- row, so the dead incarnation's row stays as a tombstone until the defunct-silo cleanup removes it.
-- status is Orleans' SiloStatus number (3 = Active, 6 = Dead); suspect_times is Orleans' own
-- "silo,time|silo,time" list of suspicion votes.
CREATE TABLE IF NOT EXISTS orleans_membership (
    cluster_id      varchar(150) NOT NULL
                    REFERENCES orleans_membership_version (cluster_id) ON DELETE CASCADE,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer      NOT NULL DEFAULT 0,
    suspect_times   text         NULL,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the cluster's version row on first start; true only for the silo that created it.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_version (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created) AS "Inserted"
$sql$),

-- The whole cluster: the version row always comes back, joined to zero or more silo rows.
('MembershipReadAllKey', $sql$
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
$sql$),

-- One silo, with the same shape (the version row comes back even when the silo has no row).
('MembershipReadRowKey', $sql$
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.cluster_id = v.cluster_id
     AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId
$sql$),

-- A silo joins: the version moves only if nobody changed the cluster since the caller read it and
-- the incarnation is new, and the row is added only if the version moved. One statement, so both
-- or neither happen. Answers whether the row was added.
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership
                      WHERE cluster_id = @DeploymentId AND address = @Address
                        AND port = @Port AND generation = @Generation)
    RETURNING cluster_id),
added AS (
    INSERT INTO orleans_membership (cluster_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT b.cluster_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, coalesce(@ProxyPort, 0), NULL, @StartTime, @IAmAliveTime
    FROM bumped b
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM added) AS "Inserted"
$sql$),

-- Status change or suspicion vote: same compare-and-swap on the version as a join.
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership
                  WHERE cluster_id = @DeploymentId AND address = @Address
                    AND port = @Port AND generation = @Generation)
    RETURNING cluster_id),
changed AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped b
    WHERE m.cluster_id = b.cluster_id AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM changed) AS "Updated"
$sql$),

-- Heartbeat: unconditional, and deliberately not a membership change (no version bump).
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$sql$),

-- Active silos that accept clients: what a cluster client connects to.
('GatewaysQueryKey', $sql$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$),

-- Tombstones of silos that are no longer active and have not sent a heartbeat since the cut-off.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
WHERE cluster_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$sql$),

-- Drops a whole cluster (tests and tooling); the silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership_version WHERE cluster_id = @DeploymentId
$sql$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
