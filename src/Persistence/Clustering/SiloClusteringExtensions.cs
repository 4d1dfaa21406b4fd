using Marketplace.Persistence.Configuration;
using Marketplace.Persistence.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Marketplace.Persistence.Clustering;

/// <summary>Cluster membership of a silo, from configuration.</summary>
public static class SiloClusteringExtensions
{
    /// <summary>
    /// Joins the cluster described by the <c>Cluster</c> section (<see cref="ClusterSettings"/>): with
    /// <c>Cluster:MembershipTable=Postgres</c> through Orleans' ADO.NET membership table at
    /// <c>ConnectionStrings:Postgres</c> (schema installed at silo start unless <c>Schema:Install</c> is
    /// false), otherwise localhost clustering. Failure detection is tuned for seconds.
    /// </summary>
    /// <exception cref="InvalidOperationException">Unknown membership table, or PostgreSQL without a connection string.</exception>
    public static ISiloBuilder UseMarketplaceClustering(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);

        var settings = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
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
                builder.Services.AddSiloSchema(configuration, new SchemaTarget(SchemaDatabase.Postgres, connectionString));
                builder.Configure<EndpointOptions>(settings.ApplyTo);
                break;
            case MembershipTableKind.Localhost:
                // Sets the endpoints (loopback) and cluster identity itself.
                builder.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
                break;
        }

        builder.Configure<ClusterOptions>(settings.ApplyTo);
        builder.Configure<ClusterMembershipOptions>(settings.ApplyTo);
        return builder;
    }
}
