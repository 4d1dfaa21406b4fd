using Marketplace.Runtime;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Cluster.Membership;

namespace Marketplace.Cluster.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task A_killed_silos_grains_come_back_elsewhere_with_their_state_and_the_views_converge()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var factory = cluster.Silos[0].GrainFactory;
        var victim = cluster.Silos[2];
        var keys = Enumerable.Range(0, 40).Select(i => $"acct-{i}").ToArray();
        foreach (var key in keys) await factory.GetGrain<ICounterGrain>(key).AddAsync("first", 5);
        var onVictim = keys.Where(k => cluster.Silos[0].OwnerOf(new GrainId("counter", k)) == victim.Address).ToArray();
        Assert.NotEmpty(onVictim);

        await victim.KillAsync();

        // The survivors vote it dead and agree on a view without it.
        await cluster.WaitForConvergenceAsync();
        var rows = await cluster.Table.ReadAllAsync();
        Assert.Equal(SiloStatus.Dead, rows.Find(victim.Address)!.Status);

        foreach (var key in onVictim)
        {
            var grain = factory.GetGrain<ICounterGrain>(key);
            Assert.Equal(5, await Eventually.Succeeds(grain.GetAsync));
            Assert.Equal(12, await grain.AddAsync("second", 7));
            Assert.NotEqual(victim.Address.ToString(), await grain.WhereAmIAsync());
        }
    }

    [Fact]
    public async Task A_call_to_a_silo_that_died_fails_fast_instead_of_waiting_for_the_timeout()
    {
        // Detection is made slow on purpose, and the response timeout long: only the transport can make it fail.
        await using var cluster = await Clusters.StartAsync(2, o => { o.MissedProbesLimit = 1000; });
        var (_, remote) = PlacementAndTransportTests.KeysOnDifferentSilos(cluster);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(remote);
        await grain.AddAsync("op", 1);

        await cluster.Silos[1].KillAsync();

        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.GetAsync());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the call waited for the response timeout (30 s)");
    }

    [Fact]
    public async Task A_joining_silo_takes_over_its_grains_and_the_old_activations_go_away()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var factory = cluster.Silos[0].GrainFactory;
        var keys = Enumerable.Range(0, 40).Select(i => $"item-{i}").ToArray();
        foreach (var key in keys) await factory.GetGrain<ICounterGrain>(key).AddAsync("a", 3);

        var joined = await cluster.StartSiloAsync();
        await cluster.WaitForConvergenceAsync();
        var moved = keys.Where(k => joined.OwnerOf(new GrainId("counter", k)) == joined.Address).ToArray();
        Assert.NotEmpty(moved);

        foreach (var key in moved)
        {
            var grainId = new GrainId("counter", key);
            await Eventually.True(() => !cluster.Silos[0].HasActivation(grainId) && !cluster.Silos[1].HasActivation(grainId),
                $"the old activation of {key} is deactivated");
            Assert.Equal(6, await Eventually.Succeeds(() => factory.GetGrain<ICounterGrain>(key).AddAsync("b", 3)));
            Assert.True(joined.HasActivation(grainId));
        }
    }

    [Fact]
    public async Task A_silo_that_leaves_gracefully_is_marked_dead_and_never_returns_under_its_generation()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var leaving = cluster.Silos[1];
        await leaving.StopAsync();
        await cluster.WaitForConvergenceAsync();
        var table = await cluster.Table.ReadAllAsync();
        var row = table.Find(leaving.Address)!;
        Assert.Equal(SiloStatus.Dead, row.Status);

        // A dead row cannot be revived, even by a writer holding its current ETag.
        Assert.False(await cluster.Table.UpdateRowAsync(row with { Status = SiloStatus.Active }, row.ETag!, table.Version));
        Assert.Equal(SiloStatus.Dead, (await cluster.Table.ReadAllAsync()).Find(leaving.Address)!.Status);
    }

    [Fact]
    public async Task Reminders_of_a_killed_silo_keep_firing_on_the_survivors()
    {
        var ticks = new TickLog();
        await using var cluster = await Clusters.StartAsync(3, ticks: ticks);
        var factory = cluster.Silos[0].GrainFactory;
        var keys = Enumerable.Range(0, 12).Select(i => $"r{i}").ToArray();
        foreach (var key in keys) await factory.GetGrain<IReminderProbeGrain>(key).StartAsync(TimeSpan.FromMilliseconds(200));
        await Eventually.True(() => keys.All(k => ticks.Ticks.Any(t => t.Grain == k)), "every reminder ticked once");

        var victim = cluster.Silos[1];
        var ticked = ticks.Ticks.Where(t => t.Silo == victim.Address.ToString()).Select(t => t.Grain).Distinct().ToArray();
        Assert.NotEmpty(ticked);
        await victim.KillAsync();
        await cluster.WaitForConvergenceAsync();
        var after = DateTime.UtcNow;

        await Eventually.True(() => ticked.All(k => ticks.Ticks.Any(t => t.Grain == k && t.At > after && t.Silo != victim.Address.ToString())),
            "the victim's grains receive ticks on the survivors");
    }
}

public sealed class MajorityLossTests
{
    [Fact]
    public async Task A_lone_survivor_declares_the_other_silos_dead_once_they_stop_heartbeating_and_serves_their_grains()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var survivor = cluster.Silos[0];
        var keys = Enumerable.Range(0, 20).Select(i => $"m{i}").ToArray();
        foreach (var key in keys) await survivor.GrainFactory.GetGrain<ICounterGrain>(key).AddAsync("a", 2);

        await cluster.Silos[1].KillAsync();
        await cluster.Silos[2].KillAsync();

        // Each dead silo would need two votes while the other still looks alive; once its heartbeat is stale, one vote suffices.
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([survivor.Address], survivor.View.ActiveSilos.ToArray());
        foreach (var key in keys)
            Assert.Equal(2, await Eventually.Succeeds(() => survivor.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync()));
    }
}

public sealed class RestartTests
{
    [Fact]
    public async Task A_silo_restarted_on_its_endpoint_is_a_new_generation_and_its_grains_come_home_with_their_state()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var factory = cluster.Silos[0].GrainFactory;
        var old = cluster.Silos[2];
        var keys = Enumerable.Range(0, 30).Select(i => $"h{i}").Where(k => old.OwnerOf(new GrainId("counter", k)) == old.Address).ToArray();
        Assert.NotEmpty(keys);
        foreach (var key in keys) await factory.GetGrain<ICounterGrain>(key).AddAsync("a", 4);

        var restarted = await cluster.RestartSiloAsync(old);
        await cluster.WaitForConvergenceAsync();

        Assert.Equal(old.Address.Endpoint, restarted.Address.Endpoint);
        Assert.NotEqual(old.Address.Generation, restarted.Address.Generation);
        Assert.Equal(Marketplace.Runtime.Cluster.Membership.SiloStatus.Dead, (await cluster.Table.ReadAllAsync()).Find(old.Address)!.Status);
        foreach (var key in keys)
        {
            var grain = factory.GetGrain<ICounterGrain>(key);
            Assert.Equal(9, await Eventually.Succeeds(() => grain.AddAsync("b", 5)));
            Assert.Equal(restarted.Address.ToString(), await grain.WhereAmIAsync());
        }
    }
}
