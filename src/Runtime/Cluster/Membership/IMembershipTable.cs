namespace Marketplace.Runtime.Cluster.Membership;

/// <summary>
/// The shared membership table. Row changes are compare-and-swap on the table version (and the
/// row's ETag), so two silos acting on the same view cannot both win; liveness updates skip the version.
/// </summary>
public interface IMembershipTable
{
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a row if the table is still at <paramref name="expectedVersion"/> and the silo is new; false otherwise.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Replaces the row if it still has <paramref name="etag"/> and the table is still at <paramref name="expectedVersion"/>; a dead row never changes.</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Heartbeat: the silo's liveness time, without a version change.</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken = default);
}
