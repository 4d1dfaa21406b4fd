using System.Collections.Immutable;
using Marketplace.Runtime;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Cluster.Placement;

namespace Marketplace.Cluster.Tests;

/// <summary>Placement remembers owners per view: a remembered owner must never outlive the view it was computed with.</summary>
public sealed class PlacementCacheTests
{
    private static readonly SiloAddress A = new("10.0.0.1", 11111, 1);
    private static readonly SiloAddress B = new("10.0.0.2", 11111, 1);
    private static readonly SiloAddress C = new("10.0.0.3", 11111, 1);

    private static MembershipSnapshot Table(long version, params SiloAddress[] active) => new(version,
        [.. active.Select(s => new MembershipEntry(s, SiloStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []))]);

    private static GrainId[] Grains(int count) => [.. Enumerable.Range(0, count).Select(i => new GrainId("pricing", $"sku-{i}"))];

    [Fact]
    public void Owners_follow_every_view_change_even_after_being_remembered()
    {
        var view = new ClusterMembershipView();
        var placement = new ClusterPlacement(view, new LocalSiloIdentity());
        var grains = Grains(300);

        foreach (var (version, silos) in new[] { (1L, new[] { A, B }), (2L, new[] { A, B, C }), (3L, new[] { B, C }), (4L, new[] { A, B, C }) })
        {
            view.Update(Table(version, silos));
            var active = view.ActiveSilos;
            for (var pass = 0; pass < 2; pass++) // the second pass answers from memory
                foreach (var grain in grains)
                    Assert.Equal(RendezvousHash.PickOwner(active, RendezvousHash.KeyOf(grain)), placement.GetOwner(grain));
        }
        // Silo C's grains moved when it left and came back: the cache did not keep them elsewhere.
        Assert.Contains(grains, g => placement.GetOwner(g) == C);
    }

    [Fact]
    public void An_older_view_is_answered_with_its_own_owners_and_does_not_replace_the_newer_memory()
    {
        var view = new ClusterMembershipView();
        var placement = new ClusterPlacement(view, new LocalSiloIdentity());
        view.Update(Table(1, A));
        var old = view.Current;
        view.Update(Table(2, A, B, C));
        var grains = Grains(100);
        foreach (var grain in grains) placement.GetOwner(grain); // remembered for version 2

        Assert.All(grains, g => Assert.Equal(A, placement.GetOwner(g, old)));
        Assert.Equal(3, grains.Select(g => placement.GetOwner(g)).Distinct().Count());
    }

    [Fact]
    public void An_empty_view_has_no_owner()
    {
        var view = new ClusterMembershipView();
        var placement = new ClusterPlacement(view, new LocalSiloIdentity());
        view.Update(Table(1, A));
        Assert.Equal(A, placement.GetOwner(new GrainId("pricing", "x")));
        view.Update(Table(2));
        Assert.Null(placement.GetOwner(new GrainId("pricing", "x")));
    }
}
