using System.Collections.Concurrent;
using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Activation;

/// <summary>
/// The activations of this silo by grain id: creates them on first message, forgets them when they
/// deactivate. Also the silo's <see cref="IRequestDispatcher"/>.
/// </summary>
internal sealed class Catalog(
    IServiceProvider services,
    GrainTypeRegistry registry,
    TimeProvider time,
    RuntimeInstruments instruments,
    ILogger<Catalog> logger) : IRequestDispatcher
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private IGrainFactory? _grainFactory;
    private volatile bool _stopping;

    public IServiceProvider Services { get; } = services;
    public TimeProvider Time { get; } = time;
    public RuntimeInstruments Instruments { get; } = instruments;
    public ILogger Logger { get; } = logger;
    // Resolved late: the grain factory depends on the message center, which depends on this catalog.
    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    /// <summary>Called when an activation starts deactivating (streams detach its observers).</summary>
    public event Action<ActivationData>? Deactivating;

    public int Count => _activations.Count;
    public ICollection<ActivationData> Activations => _activations.Values;

    public void Dispatch(GrainMessage message, IResponseSink? response)
    {
        try
        {
            Enqueue(message.Target, new RequestWorkItem(message, response, Time.GetTimestamp()));
        }
        catch (Exception exception)
        {
            response?.SetException(exception);
        }
    }

    /// <summary>Runs <paramref name="action"/> as a turn of the grain, activating it if needed.</summary>
    public Task RunTurnAsync(GrainId grainId, Func<ActivationData, Task> action, string description)
    {
        var item = new TurnWorkItem(grainId, action, description);
        Enqueue(grainId, item);
        return item.Completion;
    }

    /// <summary>
    /// Queues <paramref name="item"/> on the grain's activation, creating it if needed. A new activation's
    /// turn starts only after the item that caused it is queued: started earlier, a failing activation
    /// could finish first, and the item would be rerouted to a fresh activation instead of failing.
    /// </summary>
    public void Enqueue(GrainId grainId, ActivationWorkItem item)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            existing.Enqueue(item);
            return;
        }
        if (_stopping) throw new InvalidOperationException($"The silo is shutting down: grain {grainId} cannot be activated.");
        var created = new ActivationData(this, registry.GetClass(grainId.Type), grainId);
        var activation = _activations.GetOrAdd(grainId, created);
        try
        {
            activation.Enqueue(item);
        }
        finally
        {
            if (ReferenceEquals(activation, created)) created.StartActivation();
        }
    }

    public bool TryGet(GrainId grainId, out ActivationData activation) => _activations.TryGetValue(grainId, out activation!);

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    internal void OnDeactivating(ActivationData activation) => Deactivating?.Invoke(activation);

    public long ToTimestampDelta(TimeSpan timeSpan) => (long)(timeSpan.TotalSeconds * Time.TimestampFrequency);

    /// <summary>Deactivates everything (silo shutdown); new activations are refused from now on.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var pending = _activations.Values.Select(a => a.Deactivate(reason)).ToArray();
        await Task.WhenAll(pending).WaitAsync(cancellationToken);
    }
}
