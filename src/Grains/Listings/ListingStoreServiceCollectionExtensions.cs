using Marketplace.Grains.Interfaces.Listings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Listings;

public static class ListingStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IListingStore"/> following the grain storage choice: Storage:Provider =
    /// Sqlite (default; file beside Storage:SqlitePath, "marketplace.db" -> "marketplace.listings.db"),
    /// Postgres (ConnectionStrings:Postgres, tables listings / listing_categories) or Memory.
    /// </summary>
    public static IServiceCollection AddListingStoreFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] is { Length: > 0 } configured ? configured : "Sqlite";
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                var grainPath = configuration["Storage:SqlitePath"] is { Length: > 0 } p ? p : "./data/marketplace.db";
                var listingPath = Path.ChangeExtension(grainPath, null) + ".listings.db";
                services.AddSingleton<IListingStore>(_ => new SqlListingStore(new SqliteListingDialect(listingPath)));
                break;
            case "postgres":
            case "postgresql":
                var connectionString = configuration.GetConnectionString("Postgres") is { Length: > 0 } cs ? cs
                    : throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set.");
                services.AddSingleton<IListingStore>(_ => new SqlListingStore(new PostgresListingDialect(connectionString)));
                break;
            case "memory":
                services.AddSingleton<IListingStore, MemoryListingStore>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Storage:Provider '{provider}': expected Sqlite, Postgres or Memory.");
        }
        return services;
    }
}
