using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Cluster.Placement;

/// <summary>
/// Placement by rendezvous hashing over the active silos of the membership view: no directory to
/// keep consistent, the same answer on every silo and client that has the same view.
/// </summary>
public sealed class ClusterPlacement(ClusterMembershipView view, LocalSiloIdentity local) : IPlacementDirector
{
    public SiloAddress? GetOwner(GrainId grainId) => RendezvousHash.PickOwner(view.ActiveSilos, RendezvousHash.KeyOf(grainId));

    /// <summary>True on the silo the view names as owner (false on clients).</summary>
    public bool IsLocal(GrainId grainId) => local.Silo is { } self && GetOwner(grainId) == self;
}

/// <summary>The silo this process runs, or none for a client.</summary>
public sealed class LocalSiloIdentity
{
    public SiloAddress? Silo { get; set; }
}
