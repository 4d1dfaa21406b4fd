using System.Text.Json;
using Marketplace.Runtime.Persistence.AdoNet;
using Marketplace.Runtime.Streams.Queues;

namespace Marketplace.Runtime.Streams.Postgres;

/// <summary>
/// A durable stream queue in PostgreSQL (deploy/sql/postgres/004_streams.sql). Enqueue commits
/// before it returns; a partition's receiver reads the oldest events, deletes them once delivered,
/// counts failed attempts and moves an event to dead letters after <see cref="PostgresStreamOptions.MaxDeliveryAttempts"/>.
/// Only the silo that owns a partition (by the membership view) reads it; unacknowledged events
/// are read again by the next owner, so delivery is at-least-once and consumers dedupe by token.
/// </summary>
internal sealed class PostgresQueueAdapter(
    string providerName,
    AdoNetStore store,
    PostgresStreamOptions options,
    Func<int, bool> ownsPartition,
    JsonSerializerOptions serializerOptions,
    TimeProvider time) : IQueueAdapter
{
    public const string Script = "004_streams.sql";

    private const string Queued =
        "WITH next AS (INSERT INTO stream_sequences (provider, stream_ns, stream_key, sequence) VALUES (@provider, @ns, @key, 1) " +
        "ON CONFLICT (provider, stream_ns, stream_key) DO UPDATE SET sequence = stream_sequences.sequence + 1 RETURNING sequence), " +
        "queued AS (INSERT INTO stream_queue (provider, partition, stream_ns, stream_key, sequence, payload_type, payload, attempts, enqueued_at) " +
        "SELECT @provider, @partition, @ns, @key, next.sequence, @type, @payload, 0, @now FROM next RETURNING sequence) ";

    private const string EnqueueSql = Queued + "SELECT sequence FROM queued";

    // pg_notify in the same statement: listeners (cluster clients) hear of the event when it commits, never before.
    private const string EnqueueAndNotifySql = Queued +
        "SELECT sequence, pg_notify(@channel, json_build_object('p', @provider::text, 'n', @ns::text, 'k', @key::text, 's', sequence, " +
        "'t', @notifyType::text, 'd', @notifyPayload::text)::text) FROM queued";

    public int PartitionCount => options.PartitionCount;

    public int GetPartition(StreamId streamId) =>
        (int)(Cluster.Placement.RendezvousHash.Score("partition", streamId.ToString()) % (ulong)options.PartitionCount);

    public async Task<StreamSequenceToken> EnqueueAsync(StreamId streamId, object payload, CancellationToken cancellationToken)
    {
        var type = payload.GetType();
        var json = JsonSerializer.Serialize(payload, type, serializerOptions);
        var notification = options.NotifyListeners ? StreamNotification.Fit(providerName, streamId, type.AssemblyQualifiedName!, json) : null;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(notification is null ? EnqueueSql : EnqueueAndNotifySql)
            .With("@provider", providerName).With("@partition", GetPartition(streamId))
            .With("@ns", streamId.Namespace).With("@key", streamId.Key)
            .With("@type", type.AssemblyQualifiedName).With("@payload", json).With("@now", time.GetUtcNow().ToUniversalTime());
        if (notification is not null)
            command.With("@channel", StreamNotification.Channel).With("@notifyType", notification.Value.Type).With("@notifyPayload", notification.Value.Payload);
        var sequence = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        return new StreamSequenceToken(sequence);
    }

    public IQueueAdapterReceiver CreateReceiver(int partition) => new PostgresQueueReceiver(providerName, partition, store, options, ownsPartition, serializerOptions, time);
}
