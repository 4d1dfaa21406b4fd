using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Analytics;

public static class AggregateFactStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAggregateFactStore"/> following the grain storage choice, as the listing store does:
    /// Storage:Provider = Sqlite (default; file beside Storage:SqlitePath, "marketplace.db" -> "marketplace.aggregates.db",
    /// its own file so its writes never wait for the listing projection's), Postgres (ConnectionStrings:Postgres,
    /// table aggregate_facts) or Memory.
    /// </summary>
    public static IServiceCollection AddAggregateFactStoreFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] is { Length: > 0 } configured ? configured : "Sqlite";
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                var grainPath = configuration["Storage:SqlitePath"] is { Length: > 0 } p ? p : "./data/marketplace.db";
                var factPath = Path.ChangeExtension(grainPath, null) + ".aggregates.db";
                services.AddSingleton<IAggregateFactStore>(_ => new SqlAggregateFactStore(new SqliteAggregateFactDialect(factPath)));
                break;
            case "postgres":
            case "postgresql":
                var connectionString = configuration.GetConnectionString("Postgres") is { Length: > 0 } cs ? cs
                    : throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set.");
                services.AddSingleton<IAggregateFactStore>(_ => new SqlAggregateFactStore(new PostgresAggregateFactDialect(connectionString)));
                break;
            case "memory":
                services.AddSingleton<IAggregateFactStore, MemoryAggregateFactStore>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Storage:Provider '{provider}': expected Sqlite, Postgres or Memory.");
        }
        return services;
    }
}
