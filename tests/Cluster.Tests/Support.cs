using Marketplace.Runtime;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Cluster.Testing;
using Marketplace.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Cluster.Tests;

public static class Eventually
{
    /// <summary>Polls with a generous deadline: for effects of failure detection and view changes.</summary>
    public static async Task True(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {because}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Retries a call that fails because a silo is unavailable, until it succeeds or the deadline passes.</summary>
    public static async Task<T> Succeeds<T>(Func<Task<T>> call, TimeSpan? timeout = null, bool retryAny = false)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when ((retryAny || exception is SiloUnavailableException or TimeoutException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(retryAny ? 200 : 50);
            }
        }
    }
}

public static class Clusters
{
    public static Task<TestCluster> StartAsync(int silos, Action<ClusterOptions>? options = null, TickLog? ticks = null)
    {
        var log = ticks ?? new TickLog();
        return TestCluster.StartAsync(silos, (cluster, silo) =>
        {
            silo.AddGrains(typeof(CounterGrain).Assembly);
            silo.Services.AddSingleton(log);
            cluster.UseSharedStorage(silo, r => { r.MinimumPeriod = TimeSpan.FromMilliseconds(100); r.PollInterval = TimeSpan.FromMilliseconds(50); r.RefreshInterval = TimeSpan.FromMilliseconds(300); });
        }, options);
    }
}
