using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Metadata;
using Microsoft.Extensions.DependencyInjection;
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
    private IStreamDeliveryRouter? _router;

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

    /// <summary>
    /// Stops pulling and waits for the batches being delivered, until <paramref name="cancellationToken"/>
    /// (the host's shutdown timeout): a delivery turn that never ends must not keep the silo from stopping.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping is not { } stopping) return;
        _stopping = null;
        await stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_agents).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Agents still running use the token: leave the source undisposed. Unacknowledged events come again.
            RuntimeLog.StreamAgentsAbandoned(_logger, Name);
            return;
        }
        stopping.Dispose();
    }

    private async Task PullAsync(IQueueAdapterReceiver receiver, CancellationToken stopping)
    {
        var failures = receiver as IQueueAdapterFailureHandler;
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
            catch (Exception exception) when (failures is not null)
            {
                // A durable queue may be unreachable for a while (database restart): try again shortly.
                RuntimeLog.StreamDeliveryFailed(_logger, $"partition of {Name}", "pulling agent", exception);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stopping); } catch (OperationCanceledException) { return; }
                continue;
            }
            var delivered = await DeliverBatchAsync(batch, failures);
            if (delivered.Count > 0)
            {
                try { await receiver.AckAsync(delivered, CancellationToken.None); }
                catch (Exception exception) when (failures is not null)
                {
                    // Not acknowledged: the events come again (at-least-once; consumers dedupe by token).
                    RuntimeLog.StreamDeliveryFailed(_logger, $"partition of {Name}", "acknowledgement", exception);
                }
            }
        }
    }

    /// <summary>
    /// Events of one stream go one after the other, in order; streams whose subscribers are all grains go
    /// concurrently (each delivery is a turn of its grain), so one slow consumer turn does not hold up the
    /// other streams of its batch. The next batch is read only when this one is done (a durable receiver
    /// reads unacknowledged events again from the head), so a stuck turn does hold up later batches.
    /// Streams with an observer outside grains share one sequential lane, since such an
    /// observer may not expect concurrent calls. After a failed delivery the rest of its stream is held back.
    /// Answers the delivered events in batch order.
    /// </summary>
    private async Task<List<QueuedStreamEvent>> DeliverBatchAsync(IReadOnlyList<QueuedStreamEvent> batch, IQueueAdapterFailureHandler? failures)
    {
        var runs = SplitIntoLanes(batch).Select(lane => DeliverLaneAsync(lane, failures)).ToArray();
        var done = new HashSet<QueuedStreamEvent>(ReferenceEqualityComparer.Instance);
        foreach (var run in await Task.WhenAll(runs)) done.UnionWith(run);
        return batch.Where(done.Contains).ToList();
    }

    /// <summary>
    /// Chooses each stream's lane once, at its first event in the batch: a subscription added meanwhile
    /// cannot move the rest of a stream to another lane (which would break its order), and the
    /// subscription lookup is not repeated per event.
    /// </summary>
    private List<List<QueuedStreamEvent>> SplitIntoLanes(IReadOnlyList<QueuedStreamEvent> batch)
    {
        var lanes = new List<List<QueuedStreamEvent>>();
        var laneOfStream = new Dictionary<StreamId, List<QueuedStreamEvent>>();
        List<QueuedStreamEvent>? sharedLane = null;
        foreach (var streamEvent in batch)
        {
            if (!laneOfStream.TryGetValue(streamEvent.StreamId, out var lane))
            {
                if (HasObserverOutsideGrains(streamEvent.StreamId))
                {
                    if (sharedLane is null) lanes.Add(sharedLane = []);
                    lane = sharedLane;
                }
                else
                {
                    lanes.Add(lane = []);
                }
                laneOfStream.Add(streamEvent.StreamId, lane);
            }
            lane.Add(streamEvent);
        }
        return lanes;
    }

    private bool HasObserverOutsideGrains(StreamId streamId)
    {
        foreach (var subscription in Subscriptions.ForStream(streamId))
        {
            if (subscription.Subscriber is null) return true;
        }
        return false;
    }

    private async Task<List<QueuedStreamEvent>> DeliverLaneAsync(List<QueuedStreamEvent> lane, IQueueAdapterFailureHandler? failures)
    {
        var delivered = new List<QueuedStreamEvent>(lane.Count);
        HashSet<StreamId>? heldBack = null;
        foreach (var streamEvent in lane)
        {
            if (heldBack?.Contains(streamEvent.StreamId) == true) continue;
            var error = await DeliverAsync(streamEvent);
            if (error is null || failures is null)
            {
                delivered.Add(streamEvent);
                continue;
            }
            (heldBack ??= []).Add(streamEvent.StreamId);
            try { await failures.OnDeliveryFailedAsync(streamEvent, error, CancellationToken.None); }
            catch (Exception exception) { RuntimeLog.StreamDeliveryFailed(_logger, streamEvent.StreamId.ToString(), "failure handler", exception); }
        }
        return delivered;
    }

    /// <summary>Delivers to every subscriber; returns the first failure (after trying them all), or null.</summary>
    private async Task<Exception?> DeliverAsync(QueuedStreamEvent streamEvent)
    {
        Exception? failure = null;
        foreach (var subscription in Subscriptions.ForStream(streamEvent.StreamId))
        {
            if (subscription.Subscriber is { } grainId)
            {
                failure ??= await DeliverToGrainAsync(grainId, subscription.HandleId, streamEvent, isImplicit: false);
            }
            else if (Subscriptions.Find(subscription.HandleId, null) is { } binding)
            {
                failure ??= await InvokeAsync(binding, streamEvent, "non-grain subscriber");
            }
        }
        foreach (var grainClass in _implicitByNamespace[streamEvent.StreamId.Namespace])
        {
            var handleId = StreamSubscriptions.ImplicitHandleId(grainClass.GrainType, streamEvent.StreamId);
            failure ??= await DeliverToGrainAsync(new GrainId(grainClass.GrainType, streamEvent.StreamId.Key), handleId, streamEvent, isImplicit: true);
        }
        return failure;
    }

    private Task<Exception?> DeliverToGrainAsync(GrainId grainId, Guid handleId, QueuedStreamEvent streamEvent, bool isImplicit)
    {
        _router ??= _catalog.Services.GetService<IStreamDeliveryRouter>() ?? LocalOnly;
        return _router.IsRemote(grainId)
            ? _router.DeliverRemotelyAsync(Name, grainId, handleId, isImplicit, streamEvent)
            : DeliverToLocalGrainAsync(grainId, handleId, streamEvent, isImplicit);
    }

    /// <summary>Runs the delivery as a turn of the grain's activation on this silo; null on success.</summary>
    internal async Task<Exception?> DeliverToLocalGrainAsync(GrainId grainId, Guid handleId, QueuedStreamEvent streamEvent, bool isImplicit)
    {
        Exception? failure = null;
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
                failure = await InvokeAsync(binding, streamEvent, grainId.ToString());
            }, $"stream {streamEvent.StreamId}");
        }
        catch (Exception exception)
        {
            RuntimeLog.StreamDeliveryFailed(_logger, streamEvent.StreamId.ToString(), grainId.ToString(), exception);
            failure = exception;
        }
        return failure;
    }

    private async Task<Exception?> InvokeAsync(ObserverBinding binding, QueuedStreamEvent streamEvent, string subscriber)
    {
        if (!binding.ItemType.IsInstanceOfType(streamEvent.Payload)) return null;
        try
        {
            await binding.Deliver(streamEvent.Token, streamEvent.Payload);
            return null;
        }
        catch (Exception exception)
        {
            // The memory queue logs and skips; a durable queue's receiver redelivers or dead-letters (IQueueAdapterFailureHandler).
            RuntimeLog.StreamDeliveryFailed(_logger, streamEvent.StreamId.ToString(), subscriber, exception);
            return exception;
        }
    }

    private static readonly IStreamDeliveryRouter LocalOnly = new LocalDeliveryRouter();

    private sealed class LocalDeliveryRouter : IStreamDeliveryRouter
    {
        public bool IsRemote(GrainId grainId) => false;
        public Task<Exception?> DeliverRemotelyAsync(string providerName, GrainId grainId, Guid handleId, bool isImplicit, QueuedStreamEvent streamEvent) =>
            throw new InvalidOperationException("Single-silo routing never delivers remotely.");
    }
}
