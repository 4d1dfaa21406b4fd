using System.Collections.Concurrent;

namespace Marketplace.Runtime.Tests.Support;

/// <summary>What test grains report about their life cycle, shared through DI.</summary>
public sealed class GrainEvents
{
    public ConcurrentQueue<string> Log { get; } = new();

    public void Add(string entry) => Log.Enqueue(entry);

    public int Count(string entry) => Log.Count(e => e == entry);

    public bool Has(string entry) => Log.Contains(entry);
}
