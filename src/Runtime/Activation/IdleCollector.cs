using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Activation;

/// <summary>Every collection quantum, deactivates activations idle longer than the collection age.</summary>
internal sealed class IdleCollector(Catalog catalog, TimeProvider time, IOptions<GrainCollectionOptions> options) : IDisposable
{
    private ITimer? _timer;

    public void Start()
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = time.CreateTimer(static s => ((IdleCollector)s!).Collect(), this, quantum, quantum);
    }

    public int Collect()
    {
        var now = time.GetTimestamp();
        var age = catalog.ToTimestampDelta(options.Value.CollectionAge);
        var collected = 0;
        foreach (var activation in catalog.Activations)
        {
            if (activation.CollectIfIdle(now, age)) collected++;
        }
        if (collected > 0) RuntimeLog.Collected(catalog.Logger, collected);
        return collected;
    }

    public void Dispose() => _timer?.Dispose();
}
