using System.Diagnostics;

namespace Marketplace.Load;

/// <summary>
/// The stretch of the run around a failure (from the kill until the restarted silo has been ready a few seconds),
/// so errors inside it are reported apart from the steady state's.
/// </summary>
public sealed class DisruptionWindow
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public string? What { get; private set; }

    public void Open(string what)
    {
        What = what;
        Interlocked.Exchange(ref _start, Stopwatch.GetTimestamp());
    }

    public void Close() => Interlocked.Exchange(ref _end, Stopwatch.GetTimestamp());

    public bool Opened => Interlocked.Read(ref _start) != long.MaxValue;

    /// <summary>Whether a request that started and ended at these timestamps overlapped the window.</summary>
    public bool Overlaps(long started, long ended) => ended >= Interlocked.Read(ref _start) && started <= Interlocked.Read(ref _end);

    public TimeSpan Length => Opened && _end != long.MaxValue ? Stopwatch.GetElapsedTime(_start, _end) : TimeSpan.Zero;
}
