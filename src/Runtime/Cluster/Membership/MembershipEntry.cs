using System.Collections.Immutable;

namespace Marketplace.Runtime.Cluster.Membership;

public enum SiloStatus { Joining = 1, Active = 2, ShuttingDown = 3, Dead = 4 }

/// <summary>A silo's vote that another silo failed its probes.</summary>
public sealed record SuspicionVote(SiloAddress Voter, DateTimeOffset At);

/// <summary>One row of the membership table. <see cref="ETag"/> is the row version for compare-and-swap.</summary>
public sealed record MembershipEntry(
    SiloAddress Silo,
    SiloStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    ImmutableList<SuspicionVote> Suspicions,
    string? ETag = null);

/// <summary>The whole table at one version; every membership change bumps the version (compare-and-swap).</summary>
public sealed record MembershipSnapshot(long Version, ImmutableList<MembershipEntry> Entries)
{
    public static MembershipSnapshot Empty { get; } = new(0, []);

    public MembershipEntry? Find(SiloAddress silo) => Entries.FirstOrDefault(e => e.Silo == silo);
}
