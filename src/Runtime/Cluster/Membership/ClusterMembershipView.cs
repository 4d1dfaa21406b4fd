using System.Collections.Immutable;

namespace Marketplace.Runtime.Cluster.Membership;

/// <summary>
/// This process's current view of the cluster: the last table snapshot and the active silos in a
/// stable order. Placement, reminder ownership and stream partition balancing all read it, and the
/// membership service (silo) or watcher (client) replaces it as the table changes.
/// </summary>
public sealed class ClusterMembershipView
{
    private readonly Lock _gate = new();
    private Snapshot _current = new(MembershipSnapshot.Empty, []);

    public sealed record Snapshot(MembershipSnapshot Table, ImmutableArray<SiloAddress> ActiveSilos)
    {
        public long Version => Table.Version;
        public bool IsDead(SiloAddress silo) => Table.Find(silo) is { Status: SiloStatus.Dead };
    }

    /// <summary>Raised after the view changed (new version), on the thread that changed it.</summary>
    public event Action<Snapshot>? Changed;

    public Snapshot Current => Volatile.Read(ref _current);

    public ImmutableArray<SiloAddress> ActiveSilos => Current.ActiveSilos;

    /// <summary>Takes a newer table snapshot; older or equal versions are ignored.</summary>
    public bool Update(MembershipSnapshot table)
    {
        Snapshot next;
        lock (_gate)
        {
            if (table.Version <= _current.Version && _current.Table.Entries.Count > 0) return false;
            var active = table.Entries.Where(e => e.Status == SiloStatus.Active).Select(e => e.Silo)
                .OrderBy(s => s.Endpoint, StringComparer.Ordinal).ThenBy(s => s.Generation).ToImmutableArray();
            next = new Snapshot(table, active);
            Volatile.Write(ref _current, next);
        }
        Changed?.Invoke(next);
        return true;
    }
}
