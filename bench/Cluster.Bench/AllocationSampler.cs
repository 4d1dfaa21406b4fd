using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Marketplace.Cluster.Bench;

/// <summary>
/// Profiling aid (CLUSTER_BENCH_ALLOC=1 with CLUSTER_BENCH_ONLY): counts the runtime's allocation
/// samples (one per ~100 KB allocated) by type, to see what a call allocates without external tools.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _samples = new();

    public IEnumerable<(string Type, long Samples)> Top(int count) =>
        _samples.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.PayloadNames is null) return;
        var index = e.PayloadNames.IndexOf("TypeName");
        var type = index >= 0 ? e.Payload?[index] as string ?? "?" : "?";
        _samples.AddOrUpdate(type, 1, static (_, n) => n + 1);
    }
}
