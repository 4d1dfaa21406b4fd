using Marketplace.Persistence.Tests.Grains;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Marketplace.Persistence.Tests.Clustering;

/// <summary>A silo and a separate client process-alike find each other only through the PostgreSQL membership table.</summary>
public sealed class PostgresClusterTests(TestPostgres postgres) : IClassFixture<TestPostgres>
{
    [PostgresFact]
    public async Task A_client_host_finds_the_silo_through_the_membership_table_and_calls_a_grain()
    {
        var cluster = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres.ConnectionString,
            ["Cluster:MembershipTable"] = "Postgres",
            ["Cluster:ClusterId"] = "cluster-test",
            ["Cluster:ServiceId"] = "marketplace-test",
        };
        var silo = new Dictionary<string, string?>(cluster)
        {
            ["Storage:Provider"] = "Postgres",
            ["Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["Cluster:GatewayPort"] = FreePort.Next().ToString(),
            ["Cluster:AdvertisedHost"] = "127.0.0.1",
            ["Cluster:ListenAddress"] = "127.0.0.1",
        };

        var siloHost = await TestHosts.StartSiloAsync(silo);
        try
        {
            var members = await postgres.QueryAsync<int>(
                "SELECT status FROM orleans_membership WHERE cluster_id = 'cluster-test'");
            Assert.Equal([3], members); // one row, Active

            // The client knows no address: only the cluster id and the database.
            var clientHost = await TestHosts.StartClientAsync(cluster);
            try
            {
                var grain = clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<IStateTestGrain>("from-client");
                await grain.Save(new TestItemState { Title = "via gateway", Price = 12.50m });
                Assert.Equal(12.50m, (await grain.Load()).Price);
            }
            finally
            {
                await TestHosts.StopAsync(clientHost);
            }
        }
        finally
        {
            await TestHosts.StopAsync(siloHost);
        }

        // A graceful stop leaves the silo's row as Dead (6), not Active.
        Assert.Equal([6], await postgres.QueryAsync<int>("SELECT status FROM orleans_membership WHERE cluster_id = 'cluster-test'"));
    }
}
