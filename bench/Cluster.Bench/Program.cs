using System.Diagnostics;
using Marketplace.Cluster.Bench;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Items;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

// Cluster benchmark on Orleans, all measured in this run:
//  1. calls/s to grains on the calling silo vs on another silo (real TCP between two silos), same concurrency and
//     duration, alternating short rounds; prints the median ratio at 64 and at 256 concurrent callers;
//  2. bytes of managed heap per idle item grain activation holding a typical listed item, at 100,000 activations.
// Arguments: [seconds per concurrency, default 7] [activations, default 100000].
var duration = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 7);
var activations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
int[] concurrencies = [64, 256];
const int Rounds = 7;

var builder = new InProcessTestClusterBuilder(2);
builder.ConfigureSilo((_, silo) => silo
    .AddMarketplaceGrains(silo.Configuration)
    .UseInMemoryReminderService()
    .AddMemoryStreams("Market").AddMemoryGrainStorage("PubSubStore")
    .Services.AddSingleton<IGrainStorage, FixedItemStorage>()); // the default storage is the unnamed IGrainStorage
var cluster = builder.Build();
await cluster.DeployAsync();
try
{
    var caller = cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
    var other = cluster.Silos[1].ServiceProvider.GetRequiredService<IGrainFactory>();
    var keys = concurrencies.Max();
    // PreferLocalPlacement: the silo that calls first hosts the grain.
    var local = Enumerable.Range(0, keys).Select(i => $"local-{i}").ToArray();
    var remote = Enumerable.Range(0, keys).Select(i => $"remote-{i}").ToArray();
    await Task.WhenAll(local.Select(k => caller.GetGrain<IPricingGrain>(k).QuoteAsync(new Quote(k, 1m, 1))));
    await Task.WhenAll(remote.Select(k => other.GetGrain<IPricingGrain>(k).QuoteAsync(new Quote(k, 1m, 1))));

    foreach (var concurrency in concurrencies)
    {
        await MeasureAsync(caller, local[..concurrency], TimeSpan.FromSeconds(1)); // warm-up
        await MeasureAsync(caller, remote[..concurrency], TimeSpan.FromSeconds(1));
        // Alternating short rounds and medians: on a shared machine the load drifts, and both sides should see the same drift.
        var inRounds = new List<double>();
        var crossRounds = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            inRounds.Add(await MeasureAsync(caller, local[..concurrency], duration / Rounds));
            crossRounds.Add(await MeasureAsync(caller, remote[..concurrency], duration / Rounds));
        }
        var ratios = inRounds.Zip(crossRounds, (i, c) => c / i).ToList();
        Console.WriteLine($"in-silo calls:    {Median(inRounds),12:N0} /s  ({concurrency} concurrent callers)");
        Console.WriteLine($"cross-silo calls: {Median(crossRounds),12:N0} /s  ({concurrency} concurrent callers)");
        Console.WriteLine($"ratio cross/in:   {Median(ratios),12:F3}  ({concurrency} callers, median of {Rounds} alternating rounds)");
    }

    // Memory: item grains (real ItemGrain, real state object) activated and left idle on silo 1.
    await other.GetGrain<IItemGrain>("warm").GetAsync();
    var before = FullGcMemory();
    const int parallel = 256;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async lane =>
    {
        for (var i = lane; i < activations; i += parallel) await other.GetGrain<IItemGrain>($"item-{i:D6}").GetAsync();
    }));
    var after = FullGcMemory();
    Console.WriteLine($"bytes per idle item grain activation: {(after - before) / (double)activations:F0}  ({activations:N0} activations, state included; the process holds two silos)");
}
finally
{
    await cluster.StopAllSilosAsync();
    await cluster.DisposeAsync();
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static long FullGcMemory()
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: true);
}

static async Task<double> MeasureAsync(IGrainFactory factory, string[] keys, TimeSpan duration)
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
