using Marketplace.Grains.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Analytics;

public static class AggregateFactStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAggregateFactStore"/> following Storage:Provider (<see cref="StoreProviderSwitch"/>):
    /// Sqlite "marketplace.aggregates.db" (its own file so its writes never wait for the listing projection's),
    /// Postgres table aggregate_facts, or Memory.
    /// </summary>
    public static IServiceCollection AddAggregateFactStoreFromConfiguration(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStoreFromConfiguration<IAggregateFactStore>(configuration, "aggregates",
            sqlite: path => new SqlAggregateFactStore(new SqliteAggregateFactDialect(path)),
            postgres: connectionString => new SqlAggregateFactStore(new PostgresAggregateFactDialect(connectionString)),
            memory: () => new MemoryAggregateFactStore());
}
