using Marketplace.Persistence.Clustering;
using Marketplace.Persistence.Storage;
using Marketplace.Persistence.Tests.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Marketplace.Persistence.Tests.Infrastructure;

/// <summary>Real silos and clients built the way the Silo and Gateway hosts build them: generic host + our wiring.</summary>
public static class TestHosts
{
    /// <summary>Settings of a single localhost silo on the given storage, with fresh ports and fast reminders.</summary>
    public static Dictionary<string, string?> SingleSilo(Dictionary<string, string?> storage) => new(storage)
    {
        ["Cluster:MembershipTable"] = "Localhost",
        ["Cluster:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
        ["Cluster:SiloPort"] = FreePort.Next().ToString(),
        ["Cluster:GatewayPort"] = FreePort.Next().ToString(),
        ["Reminders:MinimumPeriod"] = "00:00:01",
    };

    public static Dictionary<string, string?> Sqlite(string path) => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = path,
    };

    public static Dictionary<string, string?> Postgres(string connectionString) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:Postgres"] = connectionString,
    };

    public static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    /// <summary>Builds and starts a silo host; the test disposes it.</summary>
    public static async Task<IHost> StartSiloAsync(Dictionary<string, string?> settings)
    {
        var configuration = Configuration(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ReminderLog>();
        builder.UseOrleans(silo => silo
            .UseMarketplaceClustering(configuration)
            .UseMarketplaceStorage(configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Builds and starts a separate cluster-client host; the test disposes it.</summary>
    public static async Task<IHost> StartClientAsync(Dictionary<string, string?> settings)
    {
        var configuration = Configuration(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseMarketplaceClustering(configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Stops a host the way a deployment does (graceful), then releases it.</summary>
    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }
}
