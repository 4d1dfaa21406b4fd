using Marketplace.Grains.Analytics;
using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Gateway.Hosting;

public static class DevSiloExtensions
{
    /// <summary>
    /// Dev mode: one silo in this process with the configured store (SQLite under ./data by default),
    /// the marketplace grains, memory streams for market events and the read side's listing projection.
    /// </summary>
    public static IHostApplicationBuilder AddInProcessSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IRiskAlertSink, DashboardRiskAlertSink>();
        builder.UseSilo(silo => silo
            .UseStorageFromConfiguration()
            .AddMarketplaceGrains(builder.Configuration)
            .AddGrains(typeof(MarketplaceOptions).Assembly)
            // Large batches: a batch's streams are delivered concurrently, so more events in flight let the
            // read-side aggregates group-commit more events per state write (a bulk load settles far sooner).
            .AddMemoryStreams(MarketStreams.ProviderName, o => o.BatchSize = 1024));
        builder.Services.AddMarketReadSide(builder.Configuration);
        EnsureSqliteDirectory(builder.Configuration);
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
