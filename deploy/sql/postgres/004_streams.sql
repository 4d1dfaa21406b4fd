-- Durable stream queue. Events wait in stream_queue until the pulling agent of their partition
-- delivered them (then deleted); the per-stream sequence comes from stream_sequences in the same
-- statement, so queue order and sequence order agree per stream. After repeated failed
-- deliveries an event moves to stream_dead_letters with its last error.
CREATE TABLE IF NOT EXISTS stream_sequences (
    provider   text   NOT NULL,
    stream_ns  text   NOT NULL,
    stream_key text   NOT NULL,
    sequence   bigint NOT NULL,
    PRIMARY KEY (provider, stream_ns, stream_key)
);
CREATE TABLE IF NOT EXISTS stream_queue (
    id           bigserial   PRIMARY KEY,
    provider     text        NOT NULL,
    partition    integer     NOT NULL,
    stream_ns    text        NOT NULL,
    stream_key   text        NOT NULL,
    sequence     bigint      NOT NULL,
    payload_type text        NOT NULL,
    payload      text        NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    enqueued_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS stream_queue_by_partition ON stream_queue (provider, partition, id);
CREATE TABLE IF NOT EXISTS stream_dead_letters (
    id           bigint      PRIMARY KEY,
    provider     text        NOT NULL,
    partition    integer     NOT NULL,
    stream_ns    text        NOT NULL,
    stream_key   text        NOT NULL,
    sequence     bigint      NOT NULL,
    payload_type text        NOT NULL,
    payload      text        NOT NULL,
    attempts     integer     NOT NULL,
    enqueued_at  timestamptz NOT NULL,
    failed_at    timestamptz NOT NULL,
    error        text        NOT NULL
);
