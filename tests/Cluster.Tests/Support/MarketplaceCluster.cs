using Marketplace.Grains.Analytics;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Persistence.Storage;
using Marketplace.Persistence.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Marketplace.Cluster.Tests;

/// <summary>
/// Several silos in the test process (Orleans.TestingHost.InProcessTestCluster) hosting the real marketplace
/// grains, wired as src/Silo wires them (AddMarketplaceGrains, UseMarketplaceStorage, AddMarketplaceStreams,
/// the read side) on a fresh PostgreSQL database: grain state, reminders and streams are durable, so what a
/// killed silo held can be found again. Membership is the test cluster's in-process table, with failure
/// detection in about two seconds.
/// </summary>
public sealed class MarketplaceCluster : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private MarketplaceCluster(TestDatabase database, InProcessTestCluster cluster)
    {
        _database = database;
        Cluster = cluster;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public string ConnectionString => _database.ConnectionString;

    /// <param name="settings">Extra configuration, e.g. <c>Marketplace:Deadlines:Payment</c>.</param>
    public static async Task<MarketplaceCluster> StartAsync(short silos = 3, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            var values = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = database.ConnectionString,
                ["Storage:Provider"] = "Postgres",
                ["Streams:Provider"] = "Postgres",
                ["Streams:Postgres:PartitionCount"] = "4",
                ["Streams:Postgres:VisibilityTimeout"] = "00:00:10",
                ["Streams:Postgres:MaxEventDeliveryTime"] = "00:00:05",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

            var builder = new InProcessTestClusterBuilder(silos);
            builder.Options.ServiceId = "marketplace-" + Guid.NewGuid().ToString("N")[..8];
            builder.Options.ConfigureFileLogging = false;
            builder.ConfigureSilo((_, silo) =>
            {
                silo.UseMarketplaceStorage(configuration)
                    .AddMarketplaceGrains(configuration)
                    .AddMarketplaceStreams(MarketStreams.ProviderName, configuration);
                silo.Services.AddMarketReadSide(configuration);
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
                });
            });
            // A call caught on a killed silo fails after 10 s rather than 30 s, so the tests' retries come sooner.
            builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));
            var cluster = builder.Build();
            try
            {
                await cluster.DeployAsync();
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
            return new MarketplaceCluster(database, cluster);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo that holds the grain's activation now (the grain directory's answer), or null.</summary>
    public async Task<SiloAddress?> WhereIsAsync(IAddressable grain) =>
        await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

    public InProcessSiloHandle Silo(SiloAddress address) =>
        Cluster.Silos.Single(s => s.SiloAddress.Equals(address));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        catch (Exception)
        {
            // Best effort: the test's outcome is already decided.
        }
        await Cluster.DisposeAsync();
        await _database.DisposeAsync();
    }
}
