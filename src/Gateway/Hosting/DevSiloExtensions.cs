using Marketplace.Grains.Analytics;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Persistence.Clustering;
using Marketplace.Persistence.Storage;
using Marketplace.Persistence.Streams;
using Marketplace.Telemetry;
using Orleans.Dashboard;

namespace Marketplace.Gateway.Hosting;

public static class DevSiloExtensions
{
    /// <summary>
    /// Dev mode: one Orleans silo in this process (localhost clustering) with the configured store
    /// (SQLite under ./data by default), the marketplace grains, memory streams for market events
    /// (Streams:Provider) and the read side's listing projection.
    /// </summary>
    public static IHostApplicationBuilder AddInProcessSilo(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            silo.UseMarketplaceClustering(configuration)
                .UseMarketplaceStorage(configuration)
                .AddMarketplaceGrains(configuration)
                .AddMarketplaceStreams(MarketStreams.ProviderName, configuration, oneProcess: true);
            if (OperatorDashboard.IsEnabled(configuration, builder.Environment)) silo.AddDashboard();
            if (TelemetrySettings.From(configuration).Tracing) silo.AddActivityPropagation();
        });
        builder.Services.AddMarketReadSide(configuration);
        EnsureSqliteDirectory(configuration);
        return builder;
    }

    /// <summary>The SQLite stores open files under ./data: create the folder so a fresh checkout just runs.</summary>
    private static void EnsureSqliteDirectory(IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"];
        if (!string.IsNullOrEmpty(provider) && !provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return;
        var path = configuration["Storage:SqlitePath"] is { Length: > 0 } p ? p : "./data/marketplace.db";
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
    }
}
