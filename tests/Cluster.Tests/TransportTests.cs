using System.Collections.Concurrent;
using System.Diagnostics;
using Marketplace.Runtime;
using Marketplace.Runtime.Cluster.Testing;
using Marketplace.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Cluster.Tests;

/// <summary>What the silo-to-silo transport must keep while it batches frames and decodes them in place.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Large_and_small_payloads_interleaved_on_one_connection_each_come_back_to_their_own_caller()
    {
        // Probes share the connection with these megabytes: on a loaded machine they may queue behind them for
        // longer than the test cluster's 500 ms, and this test is about the frames, not failure detection.
        await using var cluster = await Clusters.StartAsync(2, o => o.ProbeTimeout = TimeSpan.FromSeconds(10));
        var keys = KeysOn(cluster, 1, "parcel", 8);
        var caller = cluster.Silos[0].GrainFactory;
        var random = new Random(5);
        // Bodies from a few bytes to far beyond the pipe's buffers (frames split over several reads), non-ASCII included.
        var sizes = new[] { 3, 70_000, 0, 600_000, 17, 40_000, 4_000 };
        var calls = Enumerable.Range(0, 120).Select(i =>
        {
            var key = keys[i % keys.Length];
            var body = new string((char)('a' + i % 26), sizes[i % sizes.Length]) + "é€" + i;
            var parcel = new Parcel($"p{i}", body, 10.05m + i, Enumerable.Range(i, random.Next(0, 50)).ToArray());
            return (key, parcel, answer: Task.Run(() => caller.GetGrain<IParcelGrain>(key).EchoAsync(parcel)));
        }).ToArray();

        foreach (var (key, parcel, answer) in calls)
        {
            var echoed = await answer;
            Assert.Equal($"{key}:{parcel.Id}", echoed.Id);
            Assert.Equal(parcel.Body, echoed.Body);
            Assert.Equal(parcel.Price, echoed.Price);
            Assert.Equal(parcel.Numbers, echoed.Numbers);
        }
    }

    [Fact]
    public async Task A_call_to_another_silo_that_gets_no_answer_in_time_fails_with_a_timeout_naming_grain_and_method()
    {
        // The connection alone holds a call it sent, so it must expire it: the late answer must not be awaited.
        await using var cluster = await TestCluster.StartAsync(2, (_, silo) =>
        {
            silo.AddGrains(typeof(ParcelGrain).Assembly);
            silo.Services.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(1));
        });
        var key = KeysOn(cluster, 1, "parcel", 1)[0];
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IParcelGrain>(key);
        Assert.Equal(key, await grain.NameAsync());

        var started = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => grain.StallAsync(5_000));

        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Contains($"parcel/{key}", error.Message);
        Assert.Contains("IParcelGrain.StallAsync", error.Message);
    }

    [Fact]
    public async Task Failures_and_results_interleaved_reach_the_caller_that_made_each_call()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IParcelGrain>(KeysOn(cluster, 1, "parcel", 1)[0]);
        var calls = Enumerable.Range(0, 400).Select(i => (i, call: grain.LengthOrFailAsync(i % 3 == 0 ? $"fail-{i}" : new string('x', i)))).ToArray();
        foreach (var (i, call) in calls)
        {
            if (i % 3 == 0) Assert.Equal($"refused fail-{i}", (await Assert.ThrowsAsync<ArgumentException>(() => call)).Message);
            else Assert.Equal(i, await call);
        }
    }

    [Fact]
    public async Task A_call_cycle_across_silos_fails_with_a_deadlock_because_the_call_chain_travels()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var factory = cluster.Silos[0].GrainFactory;
        var local = factory.GetGrain<IParcelGrain>(KeysOn(cluster, 0, "parcel", 1)[0]);
        var remote = factory.GetGrain<IParcelGrain>(KeysOn(cluster, 1, "parcel", 1)[0]);

        // local -> remote -> local again while local's turn waits: a cycle only the chain from silo 0 reveals on silo 1's callback.
        var error = await Assert.ThrowsAsync<DeadlockException>(() => local.CallThroughAsync(remote));
        Assert.Contains(local.GetPrimaryKeyString(), error.Message);
    }

    [Fact]
    public async Task The_callee_turn_runs_under_the_callers_trace()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Marketplace.Runtime" or "transport-test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("transport-test");
        await using var cluster = await Clusters.StartAsync(2);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<IParcelGrain>(KeysOn(cluster, 1, "parcel", 1)[0]);

        using var activity = source.StartActivity("caller")!;
        Assert.Equal($"{activity.TraceId}/{activity.SpanId}", await grain.TraceAsync());
    }

    [Fact]
    public async Task A_request_placed_with_an_older_view_is_forwarded_to_the_owner_of_the_current_one()
    {
        // Clients here re-read the table only on start, so the client keeps the two-silo view after a third joins.
        await using var cluster = await Clusters.StartAsync(2, o => o.ClientRefreshInterval = TimeSpan.FromHours(1));
        var client = await cluster.CreateClientAsync(c => c.AddGrainTypes(typeof(ParcelGrain).Assembly));
        var before = cluster.Silos.Select(s => s.Address).ToArray();
        var joined = await cluster.StartSiloAsync();
        await cluster.WaitForConvergenceAsync();
        // A key the new silo owns now and one of the first two owned before: the client still sends it there.
        var key = Enumerable.Range(0, int.MaxValue).Select(i => $"moved{i}")
            .First(k => cluster.Silos[0].OwnerOf(new GrainId("parcel", k)) == joined.Address);
        var oldOwner = Marketplace.Runtime.Cluster.Placement.RendezvousHash.PickOwner([.. before], $"parcel/{key}");

        Assert.Equal(key, await client.GetGrain<IParcelGrain>(key).NameAsync());

        Assert.True(joined.HasActivation(new GrainId("parcel", key)));
        Assert.False(cluster.Silos.Single(s => s.Address == oldOwner).HasActivation(new GrainId("parcel", key)));
    }

    /// <summary>Keys of <paramref name="grainType"/> the view places on silo <paramref name="silo"/>.</summary>
    internal static string[] KeysOn(TestCluster cluster, int silo, string grainType, int count) =>
        Enumerable.Range(0, int.MaxValue).Select(i => $"k{i}")
            .Where(k => cluster.Silos[0].OwnerOf(new GrainId(grainType, k)) == cluster.Silos[silo].Address)
            .Take(count).ToArray();
}
