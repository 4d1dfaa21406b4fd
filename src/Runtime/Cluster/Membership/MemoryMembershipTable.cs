namespace Marketplace.Runtime.Cluster.Membership;

/// <summary>In-process table for silos of one test process; same rules as the PostgreSQL table.</summary>
public sealed class MemoryMembershipTable : IMembershipTable
{
    private readonly Lock _gate = new();
    private MembershipSnapshot _snapshot = MembershipSnapshot.Empty;
    private long _nextEtag;

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_snapshot);
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_snapshot.Version != expectedVersion || _snapshot.Find(entry.Silo) is not null) return Task.FromResult(false);
            _snapshot = new MembershipSnapshot(expectedVersion + 1, _snapshot.Entries.Add(entry with { ETag = NextEtag() }));
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var existing = _snapshot.Find(entry.Silo);
            if (_snapshot.Version != expectedVersion || existing is null || existing.ETag != etag || existing.Status == SiloStatus.Dead)
                return Task.FromResult(false);
            _snapshot = new MembershipSnapshot(expectedVersion + 1, _snapshot.Entries.Replace(existing, entry with { ETag = NextEtag() }));
            return Task.FromResult(true);
        }
    }

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_snapshot.Find(silo) is { } existing)
                _snapshot = _snapshot with { Entries = _snapshot.Entries.Replace(existing, existing with { IAmAliveTime = time }) };
        }
        return Task.CompletedTask;
    }

    private string NextEtag() => (++_nextEtag).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
