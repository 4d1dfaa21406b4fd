using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces.Listings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Listings;

public static class ListingStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IListingStore"/> following Storage:Provider (<see cref="StoreProviderSwitch"/>):
    /// Sqlite "marketplace.listings.db", Postgres tables listings / listing_categories, or Memory.
    /// </summary>
    public static IServiceCollection AddListingStoreFromConfiguration(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStoreFromConfiguration<IListingStore>(configuration, "listings",
            sqlite: path => new SqlListingStore(new SqliteListingDialect(path)),
            postgres: connectionString => new SqlListingStore(new PostgresListingDialect(connectionString)),
            memory: () => new MemoryListingStore());
}
