using System.Text.Json;
using Marketplace.Runtime.Persistence.AdoNet;
using Marketplace.Runtime.Streams.Queues;

namespace Marketplace.Runtime.Streams.Postgres;

/// <summary>The pulling agent's view of one partition of the PostgreSQL queue.</summary>
internal sealed class PostgresQueueReceiver(
    string providerName,
    int partition,
    AdoNetStore store,
    PostgresStreamOptions options,
    Func<int, bool> ownsPartition,
    JsonSerializerOptions serializerOptions,
    TimeProvider time) : IQueueAdapterReceiver, IQueueAdapterFailureHandler
{
    private const string Columns = "id, stream_ns, stream_key, sequence, payload_type, payload";
    private readonly Dictionary<QueuedStreamEvent, long> _ids = new(ReferenceEqualityComparer.Instance);

    public async Task<IReadOnlyList<QueuedStreamEvent>> GetBatchAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (!ownsPartition(partition))
        {
            // Another silo owns it; look again later (ownership follows the membership view).
            await Task.Delay(options.PollInterval, time, cancellationToken);
            return [];
        }
        var rows = new List<(long Id, StreamId Stream, long Sequence, string Type, string Payload)>();
        await using (var connection = await store.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand(
            $"SELECT {Columns} FROM stream_queue WHERE provider = @provider AND partition = @partition ORDER BY id LIMIT @max"))
        {
            command.With("@provider", providerName).With("@partition", partition).With("@max", maxCount);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add((reader.GetInt64(0), new StreamId(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3), reader.GetString(4), reader.GetString(5)));
        }
        if (rows.Count == 0)
        {
            await Task.Delay(options.PollInterval, time, cancellationToken);
            return [];
        }

        _ids.Clear();
        var batch = new List<QueuedStreamEvent>(rows.Count);
        foreach (var row in rows)
        {
            object? payload;
            try
            {
                var type = Type.GetType(row.Type, throwOnError: true)!;
                payload = JsonSerializer.Deserialize(row.Payload, type, serializerOptions);
                if (payload is null) throw new JsonException("The payload is JSON null.");
            }
            catch (Exception exception)
            {
                // Unreadable now means unreadable forever: straight to dead letters, keep the partition moving.
                await DeadLetterAsync(row.Id, $"Cannot read payload as {row.Type}: {exception.Message}", cancellationToken);
                continue;
            }
            var streamEvent = new QueuedStreamEvent(row.Stream, payload, new StreamSequenceToken(row.Sequence));
            _ids[streamEvent] = row.Id;
            batch.Add(streamEvent);
        }
        return batch;
    }

    public async Task AckAsync(IReadOnlyList<QueuedStreamEvent> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(e => _ids.TryGetValue(e, out var id) ? id : -1).Where(id => id >= 0).ToArray();
        if (ids.Length == 0) return;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM stream_queue WHERE id = ANY(@ids)").With("@ids", ids);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task OnDeliveryFailedAsync(QueuedStreamEvent streamEvent, Exception error, CancellationToken cancellationToken)
    {
        if (!_ids.TryGetValue(streamEvent, out var id)) return;
        // Back off a little: the event is read again on the next batch.
        await Task.Delay(options.PollInterval, time, cancellationToken);
        // The grain's silo died or left: not the event's fault, so it does not count towards dead letters.
        if (error is Cluster.SiloUnavailableException) return;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("UPDATE stream_queue SET attempts = attempts + 1 WHERE id = @id RETURNING attempts").With("@id", id);
        var attempts = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        if (attempts >= options.MaxDeliveryAttempts) await DeadLetterAsync(id, $"{error.GetType().Name}: {error.Message}", cancellationToken);
    }

    private async Task DeadLetterAsync(long id, string error, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var move = connection.CreateCommand(
            "INSERT INTO stream_dead_letters (id, provider, partition, stream_ns, stream_key, sequence, payload_type, payload, attempts, enqueued_at, failed_at, error) " +
            "SELECT id, provider, partition, stream_ns, stream_key, sequence, payload_type, payload, attempts, enqueued_at, @now, @error FROM stream_queue WHERE id = @id " +
            "ON CONFLICT (id) DO NOTHING"))
        {
            move.Transaction = transaction;
            await move.With("@now", time.GetUtcNow().ToUniversalTime()).With("@error", error).With("@id", id).ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var delete = connection.CreateCommand("DELETE FROM stream_queue WHERE id = @id"))
        {
            delete.Transaction = transaction;
            await delete.With("@id", id).ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
