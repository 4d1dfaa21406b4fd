namespace Marketplace.Runtime.Cluster;

/// <summary>Cluster settings, bound from configuration section "Cluster".</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Silos and clients with the same id (and table) form one cluster.</summary>
    public string ClusterId { get; set; } = "marketplace";

    /// <summary>Membership table: "Postgres" (ConnectionStrings:Postgres) or "Memory" (one process, tests).</summary>
    public string MembershipTable { get; set; } = "Postgres";

    /// <summary>Address other silos and clients use to reach this silo.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Address the silo listens on.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Silo-to-silo and client-to-silo TCP port; 0 picks a free one (tests).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>How often each silo probes the others and reads the table.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A probe without an answer within this time counts as missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row after which a silo votes the target suspect.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>Votes (from distinct live silos) that declare a silo dead; capped by the live silos able to vote.</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>Votes older than this no longer count.</summary>
    public TimeSpan VoteExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a silo writes its liveness time.</summary>
    public TimeSpan IAmAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often clients re-read the membership table.</summary>
    public TimeSpan ClientRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Frames queued per connection before senders wait (back-pressure).</summary>
    public int SendQueueLimit { get; set; } = 10_000;

    /// <summary>Timeout to open a connection to a silo.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
