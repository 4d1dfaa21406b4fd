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

/// <summary>
/// Implemented by receivers of durable queues: a failed delivery is reported instead of skipped, the
/// agent holds back the rest of that stream's batch (per-stream order) and the queue redelivers the
/// event later, or moves it to dead letters after repeated failures.
/// </summary>
public interface IQueueAdapterFailureHandler
{
    Task OnDeliveryFailedAsync(QueuedStreamEvent streamEvent, Exception error, CancellationToken cancellationToken);
}

/// <summary>
/// Where a stream event for a grain goes when the grain lives on another silo (the cluster sets it);
/// without one every grain is delivered to on this silo.
/// </summary>
public interface IStreamDeliveryRouter
{
    /// <summary>True when <paramref name="grainId"/> is placed on another silo.</summary>
    bool IsRemote(GrainId grainId);

    /// <summary>Delivers on the grain's silo; null on success, else the failure.</summary>
    Task<Exception?> DeliverRemotelyAsync(string providerName, GrainId grainId, Guid handleId, bool isImplicit, QueuedStreamEvent streamEvent);
}
