using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Listings;
using Marketplace.Persistence.Clustering;
using Marketplace.Persistence.Storage;
using Marketplace.Persistence.Streams;
using Marketplace.Telemetry;
using Orleans.Dashboard;

namespace Marketplace.Gateway.Hosting;

public static class ClusterClientModeExtensions
{
    /// <summary>
    /// Cluster mode: no silo in this process. An Orleans client of the silos of Cluster:ClusterId found in the
    /// PostgreSQL membership table; subscriptions hear the silos' durable market streams; listing pages read
    /// the projection the silos maintain in PostgreSQL. Everything comes from ConnectionStrings:Postgres,
    /// whatever Storage:Provider says (the silos own storage).
    /// </summary>
    public static IHostApplicationBuilder AddClusterClientMode(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString("Postgres") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException("Gateway:Mode is Cluster but ConnectionStrings:Postgres is not set (the membership table, streams and listings live there).");
        builder.UseOrleansClient(client =>
        {
            client.UseMarketplaceClustering(configuration, MembershipTableKind.Postgres)
                .AddMarketplaceStreams(MarketStreams.ProviderName, configuration);
            if (OperatorDashboard.IsEnabled(configuration, builder.Environment)) client.AddDashboard();
            if (TelemetrySettings.From(configuration).Tracing) client.AddActivityPropagation();
        });
        builder.Services.AddSingleton<IListingStore>(_ => new SqlListingStore(new PostgresListingDialect(connectionString)));
        return builder;
    }
}
