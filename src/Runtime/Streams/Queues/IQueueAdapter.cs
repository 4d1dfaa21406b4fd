namespace Marketplace.Runtime.Streams.Queues;

/// <summary>An event as stored in a queue partition, with the sequence token the queue gave it.</summary>
public sealed record QueuedStreamEvent(StreamId StreamId, object Payload, StreamSequenceToken Token);

/// <summary>
/// The seam between a queue-backed stream provider and its queue. Streams hash to partitions;
/// order is kept per stream within a partition. A pulling agent per partition reads batches,
/// delivers them and acknowledges them; a durable queue redelivers what was not acknowledged.
/// </summary>
public interface IQueueAdapter
{
    int PartitionCount { get; }

    int GetPartition(StreamId streamId);

    /// <summary>Completes once the queue accepted the event (durably, for a durable queue).</summary>
    Task<StreamSequenceToken> EnqueueAsync(StreamId streamId, object payload, CancellationToken cancellationToken);

    IQueueAdapterReceiver CreateReceiver(int partition);
}

public interface IQueueAdapterReceiver
{
    /// <summary>Up to <paramref name="maxCount"/> events in queue order; waits (or polls) while the partition is empty.</summary>
    Task<IReadOnlyList<QueuedStreamEvent>> GetBatchAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>The batch was delivered: the queue may forget it.</summary>
    Task AckAsync(IReadOnlyList<QueuedStreamEvent> batch, CancellationToken cancellationToken);
}
