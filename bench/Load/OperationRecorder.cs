using System.Collections.Concurrent;

namespace Marketplace.Load;

/// <summary>One request: its operation, when it ran (Stopwatch timestamps), and its error kind (null when it succeeded).</summary>
public sealed record Sample(string Operation, long Started, long Ended, string? Error);

/// <summary>Every request of the traffic phase, kept whole so percentiles are exact (a run is tens of thousands of requests).</summary>
public sealed class OperationRecorder
{
    private readonly ConcurrentQueue<Sample> _samples = new();
    private int _sent;

    /// <summary>Requests started so far (the count bound reads it).</summary>
    public int Sent => Volatile.Read(ref _sent);

    public void Starting() => Interlocked.Increment(ref _sent);

    public void Add(Sample sample) => _samples.Enqueue(sample);

    public IReadOnlyList<Sample> Samples => _samples.ToArray();
}
