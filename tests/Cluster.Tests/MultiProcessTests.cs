using System.Collections.Concurrent;
using System.Diagnostics;
using Marketplace.Runtime;
using Marketplace.Runtime.Cluster.Placement;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Marketplace.Cluster.Tests;

/// <summary>Three silo processes on loopback, PostgreSQL, and a client under steady load; one silo is killed with SIGKILL.</summary>
public sealed class MultiProcessTests(ITestOutputHelper output)
{
    private const int Grains = 24;
    private const int Workers = 6;

    [Fact]
    public async Task Kill_9_of_a_silo_loses_no_acknowledged_call_applies_none_twice_and_a_postgres_restart_is_survived()
    {
        await using var cluster = await LoopbackCluster.StartAsync(silos: 3);
        var services = await cluster.CreateClientAsync();
        var client = services.GetRequiredService<IClusterClient>();
        var placement = services.GetRequiredService<ClusterPlacement>();
        var load = new Load(client);

        using (var running = new CancellationTokenSource())
        {
            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => load.RunWorkerAsync(w, running.Token))).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var victimEndpoint = $"127.0.0.1:{cluster.BasePort + 1}";
            var victimGrains = Enumerable.Range(0, Grains).Where(g => placement.GetOwner(new GrainId("counter", Load.Key(g)))?.Endpoint == victimEndpoint).ToArray();
            Assert.NotEmpty(victimGrains);

            var killedAt = Stopwatch.GetTimestamp();
            load.MarkKill(killedAt);
            await cluster.KillSiloAsync(1);

            // The cluster serves the dead silo's grains again: each gets an acknowledged call after the kill.
            await Eventually.True(() => victimGrains.All(load.AcknowledgedAfterKill), "every grain of the killed silo served a call again", TimeSpan.FromSeconds(30));
            var recovery = victimGrains.Max(load.FirstAcknowledgementAfterKill);
            output.WriteLine($"kill -9 to serving every grain of the dead silo: {recovery.TotalSeconds:F2} s");
            Assert.True(recovery <= TimeSpan.FromSeconds(10), $"the cluster took {recovery.TotalSeconds:F1} s to serve the dead silo's grains again");

            await Task.Delay(TimeSpan.FromSeconds(1));
            await running.CancelAsync();
            await Task.WhenAll(workers);
        }
        await load.VerifyAsync(client, output);

        // PostgreSQL restarts under the silos: they keep running and serve again once it is back.
        await cluster.StopPostgresAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.StartPostgresAsync();
        var afterRestart = await Eventually.Succeeds(() => client.GetGrain<ICounterGrain>("after-restart").AddAsync("op-1", 1), TimeSpan.FromSeconds(60), retryAny: true);
        Assert.Equal(1, afterRestart);
        Assert.True(cluster.IsSiloProcessAlive(0) && cluster.IsSiloProcessAlive(2), "a silo process crashed when PostgreSQL restarted");
        await cluster.WaitUntilReadyAsync([0, 2], activeSilos: 2);
    }

    /// <summary>Workers add 1 with a fresh operation id, retrying the same id until it is acknowledged.</summary>
    private sealed class Load(IClusterClient client)
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _acknowledged = new();
        private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _issued = new();
        private readonly ConcurrentDictionary<int, long> _firstAfterKill = new();
        private long _killedAt = long.MaxValue;

        public static string Key(int grain) => $"load-{grain}";

        public void MarkKill(long timestamp) => Interlocked.Exchange(ref _killedAt, timestamp);

        public bool AcknowledgedAfterKill(int grain) => _firstAfterKill.ContainsKey(grain);

        public TimeSpan FirstAcknowledgementAfterKill(int grain) => Stopwatch.GetElapsedTime(Interlocked.Read(ref _killedAt), _firstAfterKill[grain]);

        public async Task RunWorkerAsync(int worker, CancellationToken stopping)
        {
            for (var n = 0; !stopping.IsCancellationRequested; n++)
            {
                // Each worker cycles through all grains, so every grain gets calls all the time.
                var grain = (worker + n) % Grains;
                var key = Key(grain);
                var operation = $"w{worker}-{n}";
                _issued.GetOrAdd(key, _ => []).Add(operation);
                while (!stopping.IsCancellationRequested)
                {
                    try
                    {
                        await client.GetGrain<ICounterGrain>(key).AddAsync(operation, 1);
                        _acknowledged.GetOrAdd(key, _ => []).Add(operation);
                        var now = Stopwatch.GetTimestamp();
                        if (now > Interlocked.Read(ref _killedAt)) _firstAfterKill.TryAdd(grain, now);
                        break;
                    }
                    catch (Exception)
                    {
                        // Unacknowledged: retry the same operation id (applying it twice would show in the totals).
                        await Task.Delay(50, CancellationToken.None);
                    }
                }
                await Task.Delay(5, CancellationToken.None); // a steady, bounded load
            }
        }

        public async Task VerifyAsync(IClusterClient client, ITestOutputHelper output)
        {
            var acknowledgedCount = 0;
            foreach (var (key, acknowledged) in _acknowledged)
            {
                var state = await Eventually.Succeeds(() => client.GetGrain<ICounterGrain>(key).GetStateAsync(), TimeSpan.FromSeconds(30), retryAny: true);
                foreach (var operation in acknowledged) Assert.Contains(operation, state.Applied);
                Assert.Equal(state.Applied.Count, state.Total); // nothing applied twice
                Assert.Subset(_issued[key].ToHashSet(), state.Applied.ToHashSet());
                acknowledgedCount += acknowledged.Count;
            }
            output.WriteLine($"{acknowledgedCount} acknowledged calls verified on {_acknowledged.Count} grains");
            Assert.True(acknowledgedCount > 100, "the load acknowledged too few calls to show anything");
        }
    }
}
