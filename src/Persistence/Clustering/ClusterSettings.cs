using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;

namespace Marketplace.Persistence.Clustering;

/// <summary>
/// Cluster identity, endpoints and failure detection, bound from the <c>Cluster</c> section. The membership
/// defaults are tuned so a silo that dies without saying goodbye (kill -9, lost node) is declared dead
/// within a few seconds rather than Orleans' default of about half a minute; every value can be set back.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cluster";

    /// <summary>Which silos form one cluster; silos of one deployment share it (membership is per cluster id).</summary>
    public string ClusterId { get; set; } = "marketplace";

    /// <summary>Which application the data belongs to; stays the same across deployments (state and reminders are per service id).</summary>
    public string ServiceId { get; set; } = "marketplace";

    /// <summary><c>Localhost</c> (default) or <c>Postgres</c>; case does not matter.</summary>
    public string MembershipTable { get; set; } = nameof(MembershipTableKind.Localhost);

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = EndpointOptions.DEFAULT_SILO_PORT;

    /// <summary>Port clients connect to (0 = this silo is no gateway).</summary>
    public int GatewayPort { get; set; } = EndpointOptions.DEFAULT_GATEWAY_PORT;

    /// <summary>
    /// The address other silos and clients reach this silo at (IP or host name, e.g. a pod IP); empty lets
    /// Orleans pick this machine's first non-loopback address.
    /// </summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>
    /// The local address to listen on (e.g. 0.0.0.0 in a container, where the advertised address is the
    /// pod's); empty listens on the advertised address.
    /// </summary>
    public string? ListenAddress { get; set; }

    // Failure detection. A dead silo is declared once NumVotesForDeathDeclaration silos have each missed
    // NumMissedProbesLimit probes in a row: about ProbeTimeout x NumMissedProbesLimit, here ~6 s.

    /// <summary>Initial probe timeout and probe period: 2 s (Orleans: 5 s) so three misses take seconds, not 15 s; Orleans adapts it between half and four times this per silo from measured replies.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo suspects another: 3 (Orleans' default), so one lost packet or GC pause is no suspicion.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Votes needed to declare a silo dead: 2 (Orleans' default), so no single silo with a bad link can kill another.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How long a suspicion vote counts: 20 s (Orleans: 2 min); votes must meet within it, and a stale vote from a healed partition expires soon.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Periodic re-read of the membership table: 5 s (Orleans: 1 min), the fallback when gossip about a change is lost.</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeat written to the table: 5 s (Orleans: 30 s); with the limit below, stale entries of silos nobody probes show up within 15 s.</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed heartbeats before an entry counts as stale: 3 (Orleans' default).</summary>
    public int NumMissedTableIAmAliveLimit { get; set; } = 3;

    /// <summary>Dead silo rows are deleted after 1 h (Orleans: 7 days): restarts in a cluster with fast detection leave many tombstones, and an hour is enough to diagnose.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Clients re-read the gateway list every 5 s (Orleans: 1 min), so they stop using a dead gateway and find new ones quickly.</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The membership table, parsed, with an error that names the setting when it is unknown.</summary>
    public MembershipTableKind MembershipTableKind =>
        Enum.TryParse<MembershipTableKind>(MembershipTable, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new InvalidOperationException(
                $"Unknown {Section}:{nameof(MembershipTable)} '{MembershipTable}'. Use one of: {string.Join(", ", Enum.GetNames<MembershipTableKind>())}.");

    /// <summary>Copies the identity onto Orleans' options.</summary>
    public void ApplyTo(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    /// <summary>Copies the failure-detection settings onto Orleans' options.</summary>
    public void ApplyTo(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        options.TableRefreshTimeout = TableRefreshTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        options.NumMissedTableIAmAliveLimit = NumMissedTableIAmAliveLimit;
        options.DefunctSiloExpiration = DefunctSiloExpiration;
        // Orleans never removes a dead row younger than this; keep it within the expiration above.
        if (options.DefunctSiloMinimumRetention > DefunctSiloExpiration)
            options.DefunctSiloMinimumRetention = DefunctSiloExpiration;
    }

    /// <summary>Copies ports and addresses onto Orleans' options.</summary>
    public void ApplyTo(EndpointOptions options)
    {
        options.SiloPort = SiloPort;
        options.GatewayPort = GatewayPort;
        if (!string.IsNullOrWhiteSpace(AdvertisedHost))
            options.AdvertisedIPAddress = Resolve(AdvertisedHost, $"{Section}:{nameof(AdvertisedHost)}");
        if (!string.IsNullOrWhiteSpace(ListenAddress))
        {
            var listen = Resolve(ListenAddress, $"{Section}:{nameof(ListenAddress)}");
            options.SiloListeningEndpoint = new IPEndPoint(listen, SiloPort);
            options.GatewayListeningEndpoint = GatewayPort > 0 ? new IPEndPoint(listen, GatewayPort) : null;
        }
    }

    private static IPAddress Resolve(string host, string setting)
    {
        if (IPAddress.TryParse(host, out var address))
            return address;
        try
        {
            // A host name (e.g. the pod's) stands for its IPv4 address: Orleans advertises one address.
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                   ?? throw new InvalidOperationException($"{setting} '{host}' has no IPv4 address.");
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"{setting} '{host}' cannot be resolved: {e.Message}", e);
        }
    }
}
