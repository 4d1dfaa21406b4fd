using System.Threading.Channels;
using Marketplace.Runtime.Streams.Queues;

namespace Marketplace.Runtime.Streams.Memory;

/// <summary>
/// In-process queue: one channel per partition (not per stream or activation). Sequence numbers are
/// assigned per stream under the partition lock, so queue order and token order agree.
/// Nothing is durable, so acknowledging has nothing to remove.
/// </summary>
internal sealed class MemoryQueueAdapter(int partitionCount) : IQueueAdapter
{
    private readonly Partition[] _partitions = Enumerable.Range(0, partitionCount).Select(_ => new Partition()).ToArray();

    public int PartitionCount => _partitions.Length;

    public int GetPartition(StreamId streamId) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(streamId.ToString()) % (uint)_partitions.Length);

    public Task<StreamSequenceToken> EnqueueAsync(StreamId streamId, object payload, CancellationToken cancellationToken)
    {
        var partition = _partitions[GetPartition(streamId)];
        StreamSequenceToken token;
        lock (partition)
        {
            partition.Sequences.TryGetValue(streamId, out var last);
            partition.Sequences[streamId] = last + 1;
            token = new StreamSequenceToken(last + 1);
            if (!partition.Queue.Writer.TryWrite(new QueuedStreamEvent(streamId, payload, token)))
                throw new InvalidOperationException($"Stream queue for {streamId} is closed: the silo is stopping.");
        }
        return Task.FromResult(token);
    }

    public IQueueAdapterReceiver CreateReceiver(int partition) => new Receiver(_partitions[partition]);

    public void Close()
    {
        foreach (var partition in _partitions) partition.Queue.Writer.TryComplete();
    }

    private sealed class Partition
    {
        public Channel<QueuedStreamEvent> Queue { get; } = Channel.CreateUnbounded<QueuedStreamEvent>(new UnboundedChannelOptions { SingleReader = true });
        public Dictionary<StreamId, long> Sequences { get; } = [];
    }

    private sealed class Receiver(Partition partition) : IQueueAdapterReceiver
    {
        public async Task<IReadOnlyList<QueuedStreamEvent>> GetBatchAsync(int maxCount, CancellationToken cancellationToken)
        {
            var reader = partition.Queue.Reader;
            if (!await reader.WaitToReadAsync(cancellationToken)) return [];
            var batch = new List<QueuedStreamEvent>();
            while (batch.Count < maxCount && reader.TryRead(out var item)) batch.Add(item);
            return batch;
        }

        public Task AckAsync(IReadOnlyList<QueuedStreamEvent> batch, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
