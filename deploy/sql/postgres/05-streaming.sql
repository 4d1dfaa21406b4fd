-- Durable Orleans streams on PostgreSQL (Microsoft.Orleans.Streaming.AdoNet, provider "Market" and any other
-- provider configured with Streams:Provider=Postgres).
--
-- Our own schema for the provider's ADO.NET contract: the provider reads its statements from OrleansQuery by
-- key (QueueStreamMessageKey, GetStreamMessagesKey, ConfirmStreamMessagesKey, FailStreamMessageKey,
-- EvictStreamMessagesKey, EvictStreamDeadLettersKey), binds @-named parameters and reads result columns by
-- name (case-insensitive). Everything below is safe to run at every start.
--
-- Life of an event: the producer's OnNextAsync inserts one row (a batch container serialized by Orleans) and
-- returns only after the commit, so an acknowledged event is durable. The pulling agent of the silo that owns
-- the queue leases rows (dequeued + 1, invisible for the visibility timeout), delivers them, and deletes them
-- when its cache releases them as delivered; the dequeue count is the receipt, so a stale agent cannot delete
-- a row another agent leased again. A row whose lease lapses (its silo died) becomes visible again. A given-up
-- delivery makes the row visible at once; after MaxAttempts leases, or past its expiry, it moves to the dead
-- letters, which are kept for the removal timeout.
--
-- Order: a queue hands out rows strictly in id order and never past a row that is still leased. Without this a
-- silo that takes over the queue of a killed silo would deliver newer events of a stream before the older ones
-- the dead silo had leased (they come back only when their lease lapses).

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);

-- Events waiting for delivery, one row per batch container. Times are UTC without zone (the provider compares
-- them with DateTime.UtcNow).
CREATE TABLE IF NOT EXISTS orleans_stream_messages
(
    service_id  varchar(150) NOT NULL,
    provider_id varchar(150) NOT NULL,
    queue_id    varchar(150) NOT NULL,
    message_id  bigint       GENERATED ALWAYS AS IDENTITY,
    dequeued    integer      NOT NULL DEFAULT 0,
    visible_on  timestamp    NOT NULL,
    expires_on  timestamp    NOT NULL,
    created_on  timestamp    NOT NULL,
    modified_on timestamp    NOT NULL,
    payload     bytea        NOT NULL,
    CONSTRAINT orleans_stream_messages_pk PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

-- Events that could not be delivered (attempts exhausted or expired), for operators; removed at remove_on.
CREATE TABLE IF NOT EXISTS orleans_stream_dead_letters
(
    service_id  varchar(150) NOT NULL,
    provider_id varchar(150) NOT NULL,
    queue_id    varchar(150) NOT NULL,
    message_id  bigint       NOT NULL,
    dequeued    integer      NOT NULL,
    visible_on  timestamp    NOT NULL,
    expires_on  timestamp    NOT NULL,
    created_on  timestamp    NOT NULL,
    modified_on timestamp    NOT NULL,
    dead_on     timestamp    NOT NULL,
    remove_on   timestamp    NOT NULL,
    payload     bytea        NULL,
    CONSTRAINT orleans_stream_dead_letters_pk PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);
CREATE INDEX IF NOT EXISTS orleans_stream_dead_letters_by_removal
    ON orleans_stream_dead_letters (service_id, provider_id, queue_id, remove_on);

-- One row per queue: when its next housekeeping (dead-lettering, dead letter removal) is due.
CREATE TABLE IF NOT EXISTS orleans_stream_queues
(
    service_id  varchar(150) NOT NULL,
    provider_id varchar(150) NOT NULL,
    queue_id    varchar(150) NOT NULL,
    evict_on    timestamp    NOT NULL,
    CONSTRAINT orleans_stream_queues_pk PRIMARY KEY (service_id, provider_id, queue_id)
);

-- Current time as the tables store it.
CREATE OR REPLACE FUNCTION orleans_stream_utc_now() RETURNS timestamp
LANGUAGE sql VOLATILE AS $fn$ SELECT (clock_timestamp() AT TIME ZONE 'UTC')::timestamp $fn$;

-- Every statement that changes the rows of one queue first takes this transaction-scoped lock, so the two
-- agents that may briefly both read a queue while it moves between silos take turns instead of deadlocking
-- or interleaving their leases.
CREATE OR REPLACE FUNCTION orleans_stream_lock_queue(p_service_id text, p_provider_id text, p_queue_id text)
RETURNS void
LANGUAGE sql VOLATILE AS $fn$
    SELECT pg_advisory_xact_lock(hashtextextended(p_service_id || '/' || p_provider_id || '/' || p_queue_id, 5051));
$fn$;

-- Enqueue: one row, visible at once; returns its id.
CREATE OR REPLACE FUNCTION orleans_stream_enqueue(
    p_service_id text, p_provider_id text, p_queue_id text, p_payload bytea, p_expiry_timeout integer)
RETURNS TABLE (ServiceId varchar, ProviderId varchar, QueueId varchar, MessageId bigint)
LANGUAGE sql VOLATILE AS $fn$
    WITH clock AS (SELECT orleans_stream_utc_now() AS t)
    INSERT INTO orleans_stream_messages
        (service_id, provider_id, queue_id, dequeued, visible_on, expires_on, created_on, modified_on, payload)
    SELECT p_service_id, p_provider_id, p_queue_id, 0, clock.t,
           clock.t + make_interval(secs => p_expiry_timeout), clock.t, clock.t, p_payload
    FROM clock
    RETURNING service_id, provider_id, queue_id, message_id;
$fn$;

-- Housekeeping 1: rows out of attempts (and no longer leased) or past their expiry go to the dead letters.
CREATE OR REPLACE FUNCTION orleans_stream_evict_messages(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer, p_max_attempts integer,
    p_removal_timeout integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    v_now   timestamp := orleans_stream_utc_now();
    v_moved integer;
BEGIN
    PERFORM orleans_stream_lock_queue(p_service_id, p_provider_id, p_queue_id);
    WITH doomed AS (
        SELECT m.message_id
        FROM orleans_stream_messages m
        WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
          AND m.visible_on <= v_now
          AND (m.dequeued >= p_max_attempts OR m.expires_on <= v_now)
        ORDER BY m.message_id
        LIMIT p_max_count
        FOR UPDATE
    ), moved AS (
        DELETE FROM orleans_stream_messages m
        USING doomed d
        WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
          AND m.message_id = d.message_id
        RETURNING m.*
    )
    INSERT INTO orleans_stream_dead_letters
        (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
         modified_on, dead_on, remove_on, payload)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
           modified_on, v_now, v_now + make_interval(secs => p_removal_timeout), payload
    FROM moved
    ON CONFLICT ON CONSTRAINT orleans_stream_dead_letters_pk DO NOTHING;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    RETURN v_moved;
END;
$fn$;

-- Housekeeping 2: dead letters past their retention are removed.
CREATE OR REPLACE FUNCTION orleans_stream_evict_dead_letters(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    v_now     timestamp := orleans_stream_utc_now();
    v_removed integer;
BEGIN
    DELETE FROM orleans_stream_dead_letters
    WHERE (service_id, provider_id, queue_id, message_id) IN (
        SELECT d.service_id, d.provider_id, d.queue_id, d.message_id
        FROM orleans_stream_dead_letters d
        WHERE d.service_id = p_service_id AND d.provider_id = p_provider_id AND d.queue_id = p_queue_id
          AND d.remove_on <= v_now
        LIMIT p_max_count);
    GET DIAGNOSTICS v_removed = ROW_COUNT;
    RETURN v_removed;
END;
$fn$;

-- Dequeue: runs housekeeping when this queue's turn has come (the caller that moves evict_on forward does it),
-- then leases up to p_max_count visible rows in id order, stopping before the oldest row still leased.
CREATE OR REPLACE FUNCTION orleans_stream_dequeue(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer, p_max_attempts integer,
    p_visibility_timeout integer, p_removal_timeout integer, p_eviction_interval integer,
    p_eviction_batch_size integer)
RETURNS TABLE (ServiceId varchar, ProviderId varchar, QueueId varchar, MessageId bigint, Dequeued integer,
               VisibleOn timestamp, ExpiresOn timestamp, CreatedOn timestamp, ModifiedOn timestamp,
               Payload bytea)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    v_now    timestamp;
    v_due    boolean;
    v_leased bigint;
BEGIN
    PERFORM orleans_stream_lock_queue(p_service_id, p_provider_id, p_queue_id);
    v_now := orleans_stream_utc_now();

    INSERT INTO orleans_stream_queues AS q (service_id, provider_id, queue_id, evict_on)
    VALUES (p_service_id, p_provider_id, p_queue_id, v_now + make_interval(secs => p_eviction_interval))
    ON CONFLICT ON CONSTRAINT orleans_stream_queues_pk
    DO UPDATE SET evict_on = EXCLUDED.evict_on WHERE q.evict_on <= v_now
    RETURNING true INTO v_due;
    IF v_due THEN
        PERFORM orleans_stream_evict_messages(p_service_id, p_provider_id, p_queue_id, p_eviction_batch_size,
                                              p_max_attempts, p_removal_timeout);
        PERFORM orleans_stream_evict_dead_letters(p_service_id, p_provider_id, p_queue_id, p_eviction_batch_size);
    END IF;

    SELECT min(m.message_id) INTO v_leased
    FROM orleans_stream_messages m
    WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
      AND m.visible_on > v_now;

    RETURN QUERY
    WITH batch AS (
        SELECT m.message_id
        FROM orleans_stream_messages m
        WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
          AND m.visible_on <= v_now
          AND m.dequeued < p_max_attempts
          AND m.expires_on > v_now
          AND (v_leased IS NULL OR m.message_id < v_leased)
        ORDER BY m.message_id
        LIMIT p_max_count
        FOR UPDATE
    )
    UPDATE orleans_stream_messages m
    SET dequeued = m.dequeued + 1,
        visible_on = v_now + make_interval(secs => p_visibility_timeout),
        modified_on = v_now
    FROM batch b
    WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
      AND m.message_id = b.message_id
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id, m.dequeued, m.visible_on, m.expires_on,
              m.created_on, m.modified_on, m.payload;
END;
$fn$;

-- Confirm and release. p_items is 'id:receipt|id:receipt|...'. A positive receipt confirms delivery: the row is
-- deleted if it is still at that dequeue count. A negative receipt (an agent shutting down) releases the lease:
-- the row becomes visible at once if it is still at that count. Returns the rows it acted on.
CREATE OR REPLACE FUNCTION orleans_stream_confirm(
    p_service_id text, p_provider_id text, p_queue_id text, p_items text)
RETURNS TABLE (ServiceId varchar, ProviderId varchar, QueueId varchar, MessageId bigint)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    v_now timestamp;
BEGIN
    PERFORM orleans_stream_lock_queue(p_service_id, p_provider_id, p_queue_id);
    v_now := orleans_stream_utc_now();
    RETURN QUERY
    WITH items AS (
        SELECT split_part(item, ':', 1)::bigint AS message_id, split_part(item, ':', 2)::integer AS receipt
        FROM unnest(string_to_array(p_items, '|')) AS item
        WHERE item <> ''
    ), confirmed AS (
        DELETE FROM orleans_stream_messages m
        USING items i
        WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
          AND m.message_id = i.message_id AND i.receipt > 0 AND m.dequeued = i.receipt
        RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id
    ), released AS (
        UPDATE orleans_stream_messages m
        SET visible_on = v_now, modified_on = v_now
        FROM items i
        WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
          AND m.message_id = i.message_id AND i.receipt < 0 AND m.dequeued = -i.receipt
        RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id
    )
    SELECT * FROM confirmed
    UNION ALL
    SELECT * FROM released;
END;
$fn$;

-- A delivery the pulling agent gave up on: visible again at once while attempts remain, else a dead letter.
CREATE OR REPLACE FUNCTION orleans_stream_fail(
    p_service_id text, p_provider_id text, p_queue_id text, p_message_id bigint, p_max_attempts integer,
    p_removal_timeout integer)
RETURNS void
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    v_now timestamp;
BEGIN
    PERFORM orleans_stream_lock_queue(p_service_id, p_provider_id, p_queue_id);
    v_now := orleans_stream_utc_now();
    UPDATE orleans_stream_messages m
    SET visible_on = v_now, modified_on = v_now
    WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
      AND m.message_id = p_message_id AND m.dequeued < p_max_attempts;
    IF FOUND THEN
        RETURN;
    END IF;
    WITH moved AS (
        DELETE FROM orleans_stream_messages m
        WHERE m.service_id = p_service_id AND m.provider_id = p_provider_id AND m.queue_id = p_queue_id
          AND m.message_id = p_message_id
        RETURNING m.*
    )
    INSERT INTO orleans_stream_dead_letters
        (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
         modified_on, dead_on, remove_on, payload)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
           modified_on, v_now, v_now + make_interval(secs => p_removal_timeout), payload
    FROM moved
    ON CONFLICT ON CONSTRAINT orleans_stream_dead_letters_pk DO NOTHING;
END;
$fn$;

-- The statements the provider runs, by the keys it looks up.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
    ('QueueStreamMessageKey',
     'SELECT * FROM orleans_stream_enqueue(@ServiceId, @ProviderId, @QueueId, @Payload, @ExpiryTimeout)'),
    ('GetStreamMessagesKey',
     'SELECT * FROM orleans_stream_dequeue(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @VisibilityTimeout, @RemovalTimeout, @EvictionInterval, @EvictionBatchSize)'),
    ('ConfirmStreamMessagesKey',
     'SELECT * FROM orleans_stream_confirm(@ServiceId, @ProviderId, @QueueId, @Items)'),
    ('FailStreamMessageKey',
     'SELECT orleans_stream_fail(@ServiceId, @ProviderId, @QueueId, @MessageId, @MaxAttempts, @RemovalTimeout)'),
    ('EvictStreamMessagesKey',
     'SELECT orleans_stream_evict_messages(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @RemovalTimeout)'),
    ('EvictStreamDeadLettersKey',
     'SELECT orleans_stream_evict_dead_letters(@ServiceId, @ProviderId, @QueueId, @MaxCount)')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
