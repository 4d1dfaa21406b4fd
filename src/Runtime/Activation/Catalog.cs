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
        ActivationData activation;
        try
        {
            activation = GetOrCreate(message.Target);
        }
        catch (Exception exception)
        {
            response?.SetException(exception);
            return;
        }
        activation.Enqueue(new RequestWorkItem(message, response, Time.GetTimestamp()));
    }

    /// <summary>Runs <paramref name="action"/> as a turn of the grain, activating it if needed.</summary>
    public Task RunTurnAsync(GrainId grainId, Func<ActivationData, Task> action, string description)
    {
        var item = new TurnWorkItem(grainId, action, description);
        GetOrCreate(grainId).Enqueue(item);
        return item.Completion;
    }

    public ActivationData GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing)) return existing;
        if (_stopping) throw new InvalidOperationException($"The silo is shutting down: grain {grainId} cannot be activated.");
        var created = new ActivationData(this, registry.GetClass(grainId.Type), grainId);
        var activation = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(activation, created)) created.StartActivation();
        return activation;
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
