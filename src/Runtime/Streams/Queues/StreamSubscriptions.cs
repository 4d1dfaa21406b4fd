using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Runtime.Activation;

namespace Marketplace.Runtime.Streams.Queues;

/// <summary>An explicit subscription: who subscribed (a grain, or null for code outside grains).</summary>
internal sealed record StreamSubscription(Guid HandleId, StreamId StreamId, GrainId? Subscriber);

/// <summary>
/// The observer currently attached to a subscription handle. For grains it is bound to one activation:
/// a later activation must resume the handle (or be asked to through IStreamSubscriptionObserver).
/// </summary>
internal sealed record ObserverBinding(ActivationData? Activation, Type ItemType, Func<StreamSequenceToken, object, Task> Deliver);

/// <summary>Subscriptions and attached observers of one stream provider.</summary>
internal sealed class StreamSubscriptions
{
    private readonly object _sync = new();
    private readonly Dictionary<StreamId, List<StreamSubscription>> _byStream = [];
    private readonly ConcurrentDictionary<Guid, ObserverBinding> _bindings = new();

    public StreamSubscription Add(StreamId streamId, GrainId? subscriber)
    {
        var subscription = new StreamSubscription(Guid.NewGuid(), streamId, subscriber);
        lock (_sync)
        {
            if (!_byStream.TryGetValue(streamId, out var list)) _byStream[streamId] = list = [];
            list.Add(subscription);
        }
        return subscription;
    }

    public void Remove(StreamId streamId, Guid handleId)
    {
        lock (_sync)
        {
            if (_byStream.TryGetValue(streamId, out var list)) list.RemoveAll(s => s.HandleId == handleId);
        }
        _bindings.TryRemove(handleId, out _);
    }

    public IReadOnlyList<StreamSubscription> ForStream(StreamId streamId)
    {
        lock (_sync) return _byStream.TryGetValue(streamId, out var list) ? list.ToArray() : [];
    }

    public void Bind(Guid handleId, ObserverBinding binding) => _bindings[handleId] = binding;

    /// <summary>The observer for this handle, if attached by this very activation (or outside grains).</summary>
    public ObserverBinding? Find(Guid handleId, ActivationData? activation) =>
        _bindings.TryGetValue(handleId, out var binding) && ReferenceEquals(binding.Activation, activation) ? binding : null;

    /// <summary>Observers die with their activation; the subscriptions stay.</summary>
    public void DetachActivation(ActivationData activation)
    {
        foreach (var (handleId, binding) in _bindings)
        {
            if (ReferenceEquals(binding.Activation, activation)) _bindings.TryRemove(KeyValuePair.Create(handleId, binding));
        }
    }

    /// <summary>Implicit subscriptions have no stored record: their handle id is derived from grain type and stream.</summary>
    public static Guid ImplicitHandleId(string grainType, StreamId streamId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"implicit|{grainType}|{streamId.Namespace}|{streamId.Key}")));
}
