using System.Collections.Concurrent;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Cluster.Placement;

/// <summary>
/// Placement by rendezvous hashing over the active silos of the membership view: no directory to
/// keep consistent, the same answer on every silo and client that has the same view.
/// </summary>
public sealed class ClusterPlacement(ClusterMembershipView view, LocalSiloIdentity local) : IPlacementDirector
{
    /// <summary>Owners remembered per view; past this many grains the memory starts over (a lookup is cheap to redo).</summary>
    internal const int MaxCachedOwners = 100_000;

    private OwnerCache _cache = new(view.Current);

    public SiloAddress? GetOwner(GrainId grainId) => GetOwner(grainId, view.Current);

    /// <summary>
    /// The owner of <paramref name="grainId"/> in <paramref name="snapshot"/>. Every call routes through
    /// here, so the answer is kept per grain until the view changes: hashing builds a key string and
    /// scores it against every silo, a lookup only hashes the id.
    /// </summary>
    public SiloAddress? GetOwner(GrainId grainId, ClusterMembershipView.Snapshot snapshot)
    {
        var cache = Volatile.Read(ref _cache);
        if (!ReferenceEquals(cache.Snapshot, snapshot))
        {
            // Another view (newer, or older for a caller still holding it): only a newer one replaces the cache.
            var owner = RendezvousHash.PickOwner(snapshot.ActiveSilos, RendezvousHash.KeyOf(grainId));
            if (snapshot.Version < cache.Snapshot.Version) return owner;
            // Racing callers may each start a cache for the new view; the last one stays, the others' entries are recomputed.
            cache = new OwnerCache(snapshot);
            if (cache.Owners.TryAdd(grainId, owner)) cache.Added = 1;
            Volatile.Write(ref _cache, cache);
            return owner;
        }
        if (cache.Owners.TryGetValue(grainId, out var known)) return known;
        var picked = RendezvousHash.PickOwner(snapshot.ActiveSilos, RendezvousHash.KeyOf(grainId));
        // Counted here rather than with Owners.Count, which takes every lock of the dictionary.
        if (cache.Owners.TryAdd(grainId, picked) && Interlocked.Increment(ref cache.Added) >= MaxCachedOwners)
            Interlocked.CompareExchange(ref _cache, new OwnerCache(snapshot), cache);
        return picked;
    }

    /// <summary>True on the silo the view names as owner (false on clients).</summary>
    public bool IsLocal(GrainId grainId) => local.Silo is { } self && GetOwner(grainId) == self;

    private sealed class OwnerCache(ClusterMembershipView.Snapshot snapshot)
    {
        public ClusterMembershipView.Snapshot Snapshot { get; } = snapshot;
        public ConcurrentDictionary<GrainId, SiloAddress?> Owners { get; } = new();
        public int Added;
    }
}

/// <summary>The silo this process runs, or none for a client.</summary>
public sealed class LocalSiloIdentity
{
    public SiloAddress? Silo { get; set; }
}
