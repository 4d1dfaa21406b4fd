using Marketplace.Persistence.Configuration;
using Marketplace.Persistence.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Marketplace.Persistence.Clustering;

/// <summary>How a cluster client (the gateway in cluster mode) finds the silos, from configuration.</summary>
public static class ClientClusteringExtensions
{
    /// <summary>
    /// Connects to the cluster described by the <c>Cluster</c> section: with
    /// <c>Cluster:MembershipTable=Postgres</c> the gateway list comes from the membership table at
    /// <c>ConnectionStrings:Postgres</c> (schema installed before connecting unless <c>Schema:Install</c>
    /// is false), otherwise the localhost silo at <c>Cluster:GatewayPort</c>. <paramref name="defaultTable"/> applies
    /// when <c>Cluster:MembershipTable</c> is not set (the gateway's cluster mode means PostgreSQL).
    /// </summary>
    /// <exception cref="InvalidOperationException">Unknown membership table, or PostgreSQL without a connection string.</exception>
    public static IClientBuilder UseMarketplaceClustering(this IClientBuilder builder, IConfiguration configuration,
        MembershipTableKind defaultTable = MembershipTableKind.Localhost)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);

        var settings = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        if (string.IsNullOrWhiteSpace(configuration[$"{ClusterSettings.Section}:{nameof(ClusterSettings.MembershipTable)}"]))
            settings.MembershipTable = defaultTable.ToString();
        var kind = settings.MembershipTableKind;

        switch (kind)
        {
            case MembershipTableKind.Postgres:
                var connectionString = ConnectionStrings.RequirePostgres(configuration, $"{ClusterSettings.Section}:MembershipTable=Postgres");
                builder.UseAdoNetClustering(o =>
                {
                    o.Invariant = ConnectionStrings.PostgresInvariant;
                    o.ConnectionString = connectionString;
                });
                builder.Services.AddClientSchema(configuration, new SchemaTarget(SchemaDatabase.Postgres, connectionString));
                break;
            case MembershipTableKind.Localhost:
                builder.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
                break;
        }

        builder.Configure<ClusterOptions>(settings.ApplyTo);
        builder.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = settings.GatewayListRefreshPeriod);
        return builder;
    }
}
