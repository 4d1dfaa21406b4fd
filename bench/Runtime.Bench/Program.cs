using System.Diagnostics;
using Marketplace.Runtime;
using Marketplace.Runtime.Bench;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Testing;

// Usage: Marketplace.Runtime.Bench [memoryActivations=1000000] [callsPerRun=400000] [actors=1000] [callers=64]
var memoryActivations = ArgOrDefault(0, 1_000_000);
var callsPerRun = ArgOrDefault(1, 400_000);
var actorCount = ArgOrDefault(2, 1_000);
var callerCount = ArgOrDefault(3, 64);

Console.WriteLine($"calls: {actorCount} actors, {callerCount} concurrent callers, {callsPerRun} calls per run");
await using (var silo = await TestSiloHost.StartAsync(s => s.AddGrains(typeof(AccumulatorGrain).Assembly)))
{
    var grains = Enumerable.Range(0, actorCount).Select(i => silo.GrainFactory.GetGrain<IAccumulatorGrain>($"acc{i}")).ToArray();
    var mailboxes = Enumerable.Range(0, actorCount).Select(_ => new MailboxActor()).ToArray();

    // Same callers, same actor choice sequence, same work on both sides.
    Task<double> RunGrains() => RunCallsAsync(callsPerRun, callerCount, actorCount, (actor, value) => grains[actor].Add(value));
    Task<double> RunMailboxes() => RunCallsAsync(callsPerRun, callerCount, actorCount, (actor, value) => mailboxes[actor].Add(value));

    await RunGrains();
    await RunMailboxes();
    double bestGrains = 0, bestMailboxes = 0;
    for (var round = 0; round < 3; round++)
    {
        bestGrains = Math.Max(bestGrains, await RunGrains());
        bestMailboxes = Math.Max(bestMailboxes, await RunMailboxes());
    }
    foreach (var mailbox in mailboxes) mailbox.Stop();

    Console.WriteLine($"grain calls/s: {bestGrains:N0}");
    Console.WriteLine($"mailbox calls/s: {bestMailboxes:N0}");
    Console.WriteLine($"calls ratio: {bestGrains / bestMailboxes:F2}");
}

Console.WriteLine($"memory: {memoryActivations:N0} idle activations");
await using (var silo = await TestSiloHost.StartAsync(s => s.AddGrains(typeof(IdleGrain).Assembly)))
{
    // Warm the call path so one-time metadata does not count as per-activation memory.
    await silo.GrainFactory.GetGrain<IIdleGrain>("warm").Touch();
    var before = FullGcMemory();
    const int parallel = 256;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async lane =>
    {
        for (var i = lane; i < memoryActivations; i += parallel) await silo.GrainFactory.GetGrain<IIdleGrain>($"item-{i}").Touch();
    }));
    var after = FullGcMemory();
    Console.WriteLine($"bytes per activation: {(after - before) / (double)memoryActivations:F0}");
}

static async Task<double> RunCallsAsync(int totalCalls, int callers, int actors, Func<int, int, Task<int>> call)
{
    var perCaller = totalCalls / callers;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
    {
        var random = new Random(caller);
        for (var i = 0; i < perCaller; i++) await call(random.Next(actors), 1);
    })));
    return perCaller * callers / stopwatch.Elapsed.TotalSeconds;
}

static long FullGcMemory()
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: true);
}

int ArgOrDefault(int index, int fallback) =>
    args.Length > index ? (int.TryParse(args[index], out var value) && value > 0 ? value : throw new ArgumentException($"Argument {index + 1} must be a positive integer, got '{args[index]}'.")) : fallback;
