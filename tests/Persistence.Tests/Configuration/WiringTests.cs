using Marketplace.Persistence.Clustering;
using Marketplace.Persistence.Storage;
using Marketplace.Persistence.Tests.Grains;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Marketplace.Persistence.Tests.Configuration;

/// <summary>Configuration mistakes fail at start with a message naming the setting; settings reach Orleans' options.</summary>
public sealed class WiringTests
{
    private static InvalidOperationException BuildFails(Dictionary<string, string?> settings)
    {
        var configuration = TestHosts.Configuration(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        return Assert.Throws<InvalidOperationException>(() => builder.UseOrleans(silo => silo
            .UseMarketplaceClustering(configuration)
            .UseMarketplaceStorage(configuration)));
    }

    [Fact]
    public void Unknown_storage_provider_is_named()
    {
        var error = BuildFails(new() { ["Storage:Provider"] = "Mongo" });
        Assert.Contains("Storage:Provider 'Mongo'", error.Message);
        Assert.Contains("Sqlite, Postgres, Memory", error.Message);
    }

    [Fact]
    public void Postgres_storage_without_connection_string_is_named()
    {
        var error = BuildFails(new() { ["Storage:Provider"] = "postgres" });
        Assert.Contains("ConnectionStrings:Postgres", error.Message);
    }

    [Fact]
    public void Postgres_membership_without_connection_string_is_named()
    {
        var error = BuildFails(new() { ["Cluster:MembershipTable"] = "Postgres" });
        Assert.Contains("Cluster:MembershipTable=Postgres", error.Message);
        Assert.Contains("ConnectionStrings:Postgres", error.Message);
    }

    [Fact]
    public void Unknown_membership_table_is_named()
    {
        var error = BuildFails(new() { ["Cluster:MembershipTable"] = "Consul" });
        Assert.Contains("Cluster:MembershipTable 'Consul'", error.Message);
    }

    [Fact]
    public async Task Memory_storage_and_settings_reach_orleans()
    {
        var settings = TestHosts.SingleSilo(new() { ["Storage:Provider"] = "Memory" });
        settings["Cluster:ServiceId"] = "svc-from-config";
        settings["Cluster:ProbeTimeout"] = "00:00:03";
        settings["Reminders:MinimumPeriod"] = "00:00:05";
        var host = await TestHosts.StartSiloAsync(settings);
        try
        {
            Assert.Equal("svc-from-config", host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId);
            var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
            Assert.Equal(TimeSpan.FromSeconds(3), membership.ProbeTimeout);
            Assert.Equal(TimeSpan.FromSeconds(20), membership.DeathVoteExpirationTimeout);
            Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.MinimumReminderPeriod);

            var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateTestGrain>("memory");
            await grain.Save(new TestItemState { Title = "in memory" });
            Assert.Equal("in memory", (await grain.Load()).Title);
        }
        finally
        {
            await TestHosts.StopAsync(host);
        }
    }
}
