-- Cluster membership. One version row per cluster: every membership change (join, leave,
-- suspicion vote, death) bumps it by compare-and-swap in the same transaction as the row
-- change, so silos acting on a stale view lose and re-read. Heartbeats (i_am_alive) do not
-- bump it. A row is keyed by the silo's generation: a dead silo never comes back under it.
CREATE TABLE IF NOT EXISTS cluster_version (
    cluster_id text   NOT NULL PRIMARY KEY,
    version    bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS cluster_members (
    cluster_id  text        NOT NULL,
    host        text        NOT NULL,
    port        integer     NOT NULL,
    generation  bigint      NOT NULL,
    status      integer     NOT NULL,
    suspicions  text        NOT NULL,
    start_time  timestamptz NOT NULL,
    i_am_alive  timestamptz NOT NULL,
    etag        bigint      NOT NULL,
    PRIMARY KEY (cluster_id, host, port, generation)
);
