using System.Collections.Immutable;
using Marketplace.Runtime;
using Marketplace.Runtime.Cluster;

namespace Marketplace.Cluster.Tests;

public sealed class PlacementAndTransportTests
{
    [Fact]
    public async Task Every_silo_and_client_places_a_grain_on_the_same_silo_and_it_runs_there_once()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var client = await cluster.CreateClientAsync(c => c.AddGrainTypes(typeof(CounterGrain).Assembly));
        var owners = new HashSet<SiloAddress>();
        for (var i = 0; i < 60; i++)
        {
            var key = $"grain-{i}";
            var grainId = new GrainId("counter", key);
            var expected = cluster.Silos[0].OwnerOf(grainId)!;
            Assert.All(cluster.Silos, s => Assert.Equal(expected, s.OwnerOf(grainId)));
            owners.Add(expected);

            // Called from every silo and from the client, the grain always answers from its owner.
            foreach (var silo in cluster.Silos)
                Assert.Equal(expected.ToString(), await silo.GrainFactory.GetGrain<ICounterGrain>(key).WhereAmIAsync());
            Assert.Equal(expected.ToString(), await client.GetGrain<ICounterGrain>(key).WhereAmIAsync());
            Assert.Single(cluster.Silos, s => s.HasActivation(grainId));
        }
        Assert.Equal(3, owners.Count); // 60 keys spread over all three silos
    }

    [Fact]
    public async Task Records_grain_references_and_exceptions_cross_silos()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (local, remote) = KeysOnDifferentSilos(cluster);
        var caller = cluster.Silos[0].GrainFactory;
        await caller.GetGrain<ICounterGrain>(remote).AddAsync("op-1", 40);

        var tally = new Tally("fees", 2.005m, ["a"]);
        var result = await caller.GetGrain<ICounterGrain>(local).EchoAsync(tally, caller.GetGrain<ICounterGrain>(remote));
        Assert.Equal(42.005m, result.Amount);
        Assert.Equal(ImmutableList.Create("a", remote), result.Tags);

        // The grain on the other silo receives a reference and calls back across the network.
        var back = await caller.GetGrain<ICounterGrain>(remote).EchoAsync(tally, caller.GetGrain<ICounterGrain>(local));
        Assert.Equal(2.005m, back.Amount);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => caller.GetGrain<ICounterGrain>(remote).FailAsync("bad price"));
        Assert.Equal("bad price", error.Message);
    }

    [Fact]
    public async Task Concurrent_cross_silo_calls_share_one_connection_and_all_complete()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (_, remote) = KeysOnDifferentSilos(cluster);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(remote);
        var totals = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => grain.AddAsync($"op-{i}", 1)));
        Assert.Equal(2000, totals.Max());
        Assert.Equal(2000, await grain.GetAsync());
    }

    /// <summary>A key owned by silo 0 and one owned by silo 1.</summary>
    internal static (string Local, string Remote) KeysOnDifferentSilos(Marketplace.Runtime.Cluster.Testing.TestCluster cluster)
    {
        string? local = null, remote = null;
        for (var i = 0; local is null || remote is null; i++)
        {
            var owner = cluster.Silos[0].OwnerOf(new GrainId("counter", $"k{i}"));
            if (owner == cluster.Silos[0].Address) local ??= $"k{i}";
            else if (owner == cluster.Silos[1].Address) remote ??= $"k{i}";
        }
        return (local, remote);
    }
}
