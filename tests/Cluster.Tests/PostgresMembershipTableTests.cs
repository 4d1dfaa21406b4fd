using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Cluster.Hosting;
using Marketplace.Runtime.Cluster.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Cluster.Tests;

/// <summary>The table rules against real PostgreSQL (env MARKETPLACE_TEST_POSTGRES); each test uses its own cluster id.</summary>
public sealed class PostgresMembershipTableTests
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("MARKETPLACE_TEST_POSTGRES") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException(
                "MARKETPLACE_TEST_POSTGRES is not set: start PostgreSQL with `MARKETPLACE_PG_PORT=<port> scripts/postgres.sh start` and export its connection string.");

    private static IMembershipTable CreateTable(string clusterId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Cluster:ClusterId"] = clusterId,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddClusterClient(configuration, _ => { });
        return services.BuildServiceProvider().GetRequiredService<IMembershipTable>();
    }

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining) =>
        new(new SiloAddress("127.0.0.1", port, DateTimeOffset.UtcNow.UtcTicks), status, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, []);

    [Fact]
    public async Task Changes_are_compare_and_swap_on_the_version_and_the_row_etag()
    {
        var table = CreateTable("t-" + Guid.NewGuid().ToString("N"));
        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Entries);

        var first = Entry(1000);
        Assert.True(await table.InsertRowAsync(first, empty.Version));
        Assert.False(await table.InsertRowAsync(Entry(1001), empty.Version)); // stale version loses

        var one = await table.ReadAllAsync();
        Assert.Equal(empty.Version + 1, one.Version);
        var row = Assert.Single(one.Entries);
        Assert.Equal(first.Silo, row.Silo);

        var vote = new SuspicionVote(new SiloAddress("127.0.0.1", 2000, 7), DateTimeOffset.UtcNow);
        Assert.True(await table.UpdateRowAsync(row with { Status = SiloStatus.Active, Suspicions = [vote] }, row.ETag!, one.Version));
        Assert.False(await table.UpdateRowAsync(row with { Status = SiloStatus.ShuttingDown }, row.ETag!, one.Version + 1)); // stale ETag

        var two = await table.ReadAllAsync();
        var active = two.Find(first.Silo)!;
        Assert.Equal(SiloStatus.Active, active.Status);
        Assert.Equal(vote.Voter, Assert.Single(active.Suspicions).Voter);

        // Heartbeats do not move the version; a dead row never changes again.
        await table.UpdateIAmAliveAsync(first.Silo, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(two.Version, (await table.ReadAllAsync()).Version);
        Assert.True(await table.UpdateRowAsync(active with { Status = SiloStatus.Dead }, active.ETag!, two.Version));
        var three = await table.ReadAllAsync();
        var dead = three.Find(first.Silo)!;
        Assert.False(await table.UpdateRowAsync(dead with { Status = SiloStatus.Active }, dead.ETag!, three.Version));
    }
}
