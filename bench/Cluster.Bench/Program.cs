using System.Diagnostics;
using Marketplace.Cluster.Bench;
using Marketplace.Runtime;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Cluster.Testing;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Persistence;

// Cluster benchmark, all measured in this run:
//  1. calls/s to grains on the calling silo (no serialization) vs. on another silo (TCP, binary values),
//     same concurrency and duration; prints the ratio (aim >= 0.25) at 64 and at 256 concurrent callers:
//     a wave of calls pays two sends and two wake-ups whatever its size, so the ratio grows with load;
//  2. time from killing a silo (it stops answering, like kill -9) to the first successful call on a
//     grain it hosted, with the production failure-detection settings (aim <= 10 s).
// Arguments: [seconds per concurrency, default 7] [concurrent callers, default 64 then 256].
var duration = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 7);
int[] concurrencies = args.Length > 1 ? [int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)] : [64, 256];
const int Rounds = 7;

await using (var cluster = await TestCluster.StartAsync(2, silo => silo.AddGrains(typeof(PricingGrain).Assembly)))
{
    var caller = cluster.Silos[0];
    var localKeys = KeysOwnedBy(cluster, caller.Address, concurrencies.Max());
    var remoteKeys = KeysOwnedBy(cluster, cluster.Silos[1].Address, concurrencies.Max());

    if (Environment.GetEnvironmentVariable("CLUSTER_BENCH_ONLY") is { } only)
    {
        // Profiling aid: one side only, for the whole duration (with perf, CLUSTER_BENCH_ALLOC=1).
        var keys = (only == "in" ? localKeys : remoteKeys)[..concurrencies[0]];
        await MeasureAsync(caller.GrainFactory, keys, TimeSpan.FromSeconds(1));
        using var sampler = Environment.GetEnvironmentVariable("CLUSTER_BENCH_ALLOC") is null ? null : new AllocationSampler();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var rate = await MeasureAsync(caller.GrainFactory, keys, duration);
        var calls = rate * duration.TotalSeconds;
        var bytesPerCall = (GC.GetTotalAllocatedBytes() - allocatedBefore) / calls;
        var cpuPerCall = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / calls;
        Console.WriteLine($"{only}: {rate:N0} calls/s, {cpuPerCall:F1} us CPU and {bytesPerCall:N0} bytes allocated per call (both silos)");
        foreach (var (type, samples) in sampler?.Top(25) ?? []) Console.WriteLine($"{samples,8} {type}");
        return;
    }
    foreach (var concurrency in concurrencies)
    {
        var local = localKeys[..concurrency];
        var remote = remoteKeys[..concurrency];
        await MeasureAsync(caller.GrainFactory, local, TimeSpan.FromSeconds(1)); // warm-up
        await MeasureAsync(caller.GrainFactory, remote, TimeSpan.FromSeconds(1));
        // Alternating short rounds and medians: on a shared machine the load drifts, and both sides should see the same drift.
        var inRounds = new List<double>();
        var crossRounds = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            inRounds.Add(await MeasureAsync(caller.GrainFactory, local, duration / Rounds));
            crossRounds.Add(await MeasureAsync(caller.GrainFactory, remote, duration / Rounds));
        }
        var ratios = inRounds.Zip(crossRounds, (i, c) => c / i).ToList();
        Console.WriteLine($"in-silo calls:    {Median(inRounds),12:N0} /s  ({concurrency} concurrent callers)");
        Console.WriteLine($"cross-silo calls: {Median(crossRounds),12:N0} /s  ({concurrency} concurrent callers, one TCP connection)");
        Console.WriteLine($"ratio cross/in:   {Median(ratios),12:F3}  ({concurrency} callers, median of {Rounds} alternating rounds; aim >= 0.25)");
    }
}

// Production detection settings: probe every 1 s, 2 missed probes, client re-reads the table every 1 s.
TimeSpan failover;
await using (var cluster = await TestCluster.StartAsync(3, (c, silo) =>
{
    silo.AddGrains(typeof(PricingGrain).Assembly);
    c.UseSharedStorage(silo);
}, o =>
{
    o.ProbeInterval = TimeSpan.FromSeconds(1);
    o.ProbeTimeout = TimeSpan.FromSeconds(1);
    o.MissedProbesLimit = 2;
    o.ClientRefreshInterval = TimeSpan.FromSeconds(1);
}))
{
    var client = await cluster.CreateClientAsync(c => c.AddGrainTypes(typeof(PricingGrain).Assembly));
    var victim = cluster.Silos[2];
    var key = KeysOwnedBy(cluster, victim.Address, 1)[0];
    var grain = client.GetGrain<IPricingGrain>(key);
    await grain.QuoteAsync(new Quote("sku", 1m, 1));

    var killed = Stopwatch.GetTimestamp();
    await victim.KillAsync();
    while (true)
    {
        try
        {
            await grain.QuoteAsync(new Quote("sku", 1m, 1));
            break;
        }
        catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException)
        {
            await Task.Delay(20);
        }
    }
    failover = Stopwatch.GetElapsedTime(killed);
}
Console.WriteLine($"kill to first successful call on a grain of the dead silo: {failover.TotalSeconds:F2} s  (aim <= 10 s)");
return;

static string[] KeysOwnedBy(TestCluster cluster, SiloAddress silo, int count) =>
    Enumerable.Range(0, int.MaxValue).Select(i => $"sku-{i}")
        .Where(k => cluster.Silos[0].OwnerOf(new GrainId("pricing", k)) == silo).Take(count).ToArray();

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static async Task<double> MeasureAsync(IClusterClient factory, string[] keys, TimeSpan duration)
{
    long calls = 0;
    var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(keys.Select(key => Task.Run(async () =>
    {
        var grain = factory.GetGrain<IPricingGrain>(key);
        var request = new Quote(key, 10m, 2);
        long mine = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            await grain.QuoteAsync(request);
            mine++;
        }
        Interlocked.Add(ref calls, mine);
    })));
    return calls / Stopwatch.GetElapsedTime(started).TotalSeconds;
}
