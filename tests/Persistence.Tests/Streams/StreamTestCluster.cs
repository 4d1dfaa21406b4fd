using Marketplace.Persistence.Streams;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Marketplace.Persistence.Tests.Streams;

/// <summary>Builds in-process clusters whose silos and client get the "Market" provider from configuration,
/// exactly as the hosts do (AddMarketplaceStreams), on the test class's database.</summary>
public static class StreamTestCluster
{
    public static IConfiguration Configuration(string? connectionString, IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Streams:Provider"] = connectionString is null ? "Memory" : "Postgres",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Streams:Postgres:PartitionCount"] = "4",
            ["Streams:Postgres:PollingPeriod"] = "00:00:00.050",
            ["Streams:Postgres:VisibilityTimeout"] = "00:00:10",
            ["Streams:Postgres:MaxEventDeliveryTime"] = "00:00:05",
            ["Streams:Postgres:EvictionInterval"] = "00:00:01",
            // The grain-state table script (03-persistence.sql) is written in parallel; until it lands the
            // tests keep the pub-sub state of explicit subscriptions in memory. Implicit subscriptions need none.
            ["Streams:Postgres:PubSubStore"] = "Memory",
        };
        if (overrides is not null)
            foreach (var (k, v) in overrides) values[k] = v;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static async Task<InProcessTestCluster> StartAsync(IConfiguration configuration, short silos = 2)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = "streams-" + Guid.NewGuid().ToString("N")[..8];
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMarketplaceStreams(StreamNames.Provider, configuration);
            // Fast failure detection, as the cluster configuration does, so a killed silo's queues move soon.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
            });
        });
        builder.ConfigureClient(client => client.AddMarketplaceStreams(StreamNames.Provider, configuration));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
