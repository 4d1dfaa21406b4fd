using Marketplace.Cluster.Tests;

namespace Marketplace.Load;

/// <summary>
/// Three silo processes over a private PostgreSQL and one gateway process in Gateway:Mode=Cluster, started as the
/// multi-process tests start them (LoopbackCluster: deploy/local/cluster.sh, readiness waits). Midway one silo
/// is killed with SIGKILL and, after a pause long enough for the cluster to declare it dead, started again.
/// </summary>
public sealed class ClusterTarget : ILoadTarget
{
    private const int Silos = 3;
    private const int Victim = 1;

    private readonly LoopbackCluster _cluster;

    private ClusterTarget(LoopbackCluster cluster, string adminToken)
    {
        _cluster = cluster;
        AdminToken = adminToken;
    }

    public string Description => $"cluster: {Silos} silo processes over PostgreSQL, one gateway process in Gateway:Mode=Cluster (silo {Victim} killed -9 and restarted midway)";

    public Uri Gateway => _cluster.GatewayUri(0);

    public string AdminToken { get; }

    public static async Task<ClusterTarget> StartAsync(Action<string> log)
    {
        var cluster = await LoopbackCluster.StartAsync(Silos);
        try
        {
            log($"PostgreSQL and {Silos} silos ready");
            var admin = "load-admin-" + Guid.NewGuid().ToString("N");
            // One client address sends everything here: the gateway's per-address limits would measure themselves.
            await cluster.StartGatewayAsync(0, $"--Auth:AdminToken={admin}", "--RateLimits:Enabled=false");
            log($"gateway ready on {cluster.GatewayUri(0)}");
            return new ClusterTarget(cluster, admin);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task DisruptAsync(TimeSpan trafficLength, DisruptionWindow window, Action<string> log, CancellationToken stop)
    {
        // Kill a third of the way in, so steady traffic comes before and after the failure and the restart.
        await Task.Delay(trafficLength * 0.35, stop);
        await _cluster.KillSiloAsync(Victim);
        window.Open($"kill -9 of silo {Victim} until 5 s after it was back");
        log($"silo {Victim} killed with SIGKILL");
        // Long enough for the survivors to declare it dead (a few seconds with the cluster's probe settings, docs/cluster.md).
        await Task.Delay(TimeSpan.FromSeconds(12), CancellationToken.None);
        await _cluster.StartSiloAsync(Victim);
        log($"silo {Victim} restarting");
        await _cluster.WaitUntilReadyAsync(Enumerable.Range(0, Silos), Silos, TimeSpan.FromSeconds(120));
        log($"silo {Victim} back: {Silos} active silos");
        await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
        window.Close();
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
