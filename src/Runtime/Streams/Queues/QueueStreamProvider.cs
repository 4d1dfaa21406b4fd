using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Metadata;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Streams.Queues;

/// <summary>
/// A stream provider over any <see cref="IQueueAdapter"/>: producers enqueue; one pulling agent per
/// partition delivers each event to the stream's explicit subscribers and implicitly subscribed
/// grains, awaiting each delivery so a stream's events arrive in order, then acknowledges the batch.
/// Deliveries to grains are turns of the subscribing activation.
/// </summary>
internal sealed class QueueStreamProvider : IStreamProvider
{
    private readonly Catalog _catalog;
    private readonly ILogger _logger;
    private readonly int _batchSize;
    private readonly ILookup<string, GrainClassMetadata> _implicitByNamespace;
    private CancellationTokenSource? _stopping;
    private Task[] _agents = [];

    public QueueStreamProvider(string name, IQueueAdapter adapter, int batchSize, Catalog catalog, GrainTypeRegistry registry, ILogger logger)
    {
        Name = name;
        Adapter = adapter;
        _batchSize = batchSize;
        _catalog = catalog;
        _logger = logger;
        _implicitByNamespace = registry.Classes
            .SelectMany(c => c.ImplicitStreamNamespaces.Select(ns => (ns, c)))
            .ToLookup(x => x.ns, x => x.c, StringComparer.Ordinal);
        catalog.Deactivating += Subscriptions.DetachActivation;
    }

    public string Name { get; }
    public IQueueAdapter Adapter { get; }
    internal StreamSubscriptions Subscriptions { get; } = new();

    public IAsyncStream<T> GetStream<T>(StreamId streamId)
    {
        if (string.IsNullOrEmpty(streamId.Namespace) || streamId.Key is null)
            throw new ArgumentException($"Stream id '{streamId}' needs a namespace and a key.", nameof(streamId));
        return new QueueStream<T>(this, streamId);
    }

    public void Start()
    {
        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _agents = Enumerable.Range(0, Adapter.PartitionCount)
            .Select(partition => Task.Run(() => PullAsync(Adapter.CreateReceiver(partition), token), CancellationToken.None))
            .ToArray();
    }

    public async Task StopAsync()
    {
        if (_stopping is null) return;
        await _stopping.CancelAsync();
        await Task.WhenAll(_agents);
        _stopping.Dispose();
        _stopping = null;
    }

    private async Task PullAsync(IQueueAdapterReceiver receiver, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            IReadOnlyList<QueuedStreamEvent> batch;
            try
            {
                batch = await receiver.GetBatchAsync(_batchSize, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            foreach (var streamEvent in batch) await DeliverAsync(streamEvent);
            if (batch.Count > 0) await receiver.AckAsync(batch, CancellationToken.None);
        }
    }

    private async Task DeliverAsync(QueuedStreamEvent streamEvent)
    {
        foreach (var subscription in Subscriptions.ForStream(streamEvent.StreamId))
        {
            if (subscription.Subscriber is { } grainId)
            {
                await DeliverToGrainAsync(grainId, subscription.HandleId, streamEvent, isImplicit: false);
            }
            else if (Subscriptions.Find(subscription.HandleId, null) is { } binding)
            {
                await InvokeAsync(binding, streamEvent, "non-grain subscriber");
            }
        }
        foreach (var grainClass in _implicitByNamespace[streamEvent.StreamId.Namespace])
        {
            var handleId = StreamSubscriptions.ImplicitHandleId(grainClass.GrainType, streamEvent.StreamId);
            await DeliverToGrainAsync(new GrainId(grainClass.GrainType, streamEvent.StreamId.Key), handleId, streamEvent, isImplicit: true);
        }
    }

    private async Task DeliverToGrainAsync(GrainId grainId, Guid handleId, QueuedStreamEvent streamEvent, bool isImplicit)
    {
        try
        {
            await _catalog.RunTurnAsync(grainId, async activation =>
            {
                var binding = Subscriptions.Find(handleId, activation);
                if (binding is null && activation.GrainInstance is IStreamSubscriptionObserver observer)
                {
                    // A fresh activation: let the grain attach its observer to the handle.
                    await observer.OnSubscribed(new QueueStreamHandleFactory(this, streamEvent.StreamId, handleId, isImplicit));
                    binding = Subscriptions.Find(handleId, activation);
                }
                if (binding is null)
                {
                    RuntimeLog.StreamNoObserver(_logger, streamEvent.StreamId.ToString(), grainId.ToString());
                    return;
                }
                await InvokeAsync(binding, streamEvent, grainId.ToString());
            }, $"stream {streamEvent.StreamId}");
        }
        catch (Exception exception)
        {
            RuntimeLog.StreamDeliveryFailed(_logger, streamEvent.StreamId.ToString(), grainId.ToString(), exception);
        }
    }

    private async Task InvokeAsync(ObserverBinding binding, QueuedStreamEvent streamEvent, string subscriber)
    {
        if (!binding.ItemType.IsInstanceOfType(streamEvent.Payload)) return;
        try
        {
            await binding.Deliver(streamEvent.Token, streamEvent.Payload);
        }
        catch (Exception exception)
        {
            // At-least-once with dead letters belongs to the durable provider; here the event is logged and skipped.
            RuntimeLog.StreamDeliveryFailed(_logger, streamEvent.StreamId.ToString(), subscriber, exception);
        }
    }
}
