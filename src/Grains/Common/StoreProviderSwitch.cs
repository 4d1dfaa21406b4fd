using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Common;

/// <summary>
/// The one Storage:Provider switch of the read side's own stores (listing projection, aggregate facts, order
/// lists): they follow the grain storage choice. Sqlite (default) puts each store in its own file beside
/// Storage:SqlitePath ("marketplace.db" -> "marketplace.&lt;suffix&gt;.db", so one store's writes never wait for
/// another's); Postgres uses ConnectionStrings:Postgres; Memory keeps everything in the process.
/// </summary>
public static class StoreProviderSwitch
{
    public static IServiceCollection AddStoreFromConfiguration<TStore>(
        this IServiceCollection services, IConfiguration configuration, string sqliteSuffix,
        Func<string, TStore> sqlite, Func<string, TStore> postgres, Func<TStore> memory) where TStore : class
    {
        var provider = configuration["Storage:Provider"] is { Length: > 0 } configured ? configured : "Sqlite";
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                var grainPath = configuration["Storage:SqlitePath"] is { Length: > 0 } p ? p : "./data/marketplace.db";
                var path = Path.ChangeExtension(grainPath, null) + "." + sqliteSuffix + ".db";
                services.AddSingleton(_ => sqlite(path));
                break;
            case "postgres":
            case "postgresql":
                var connectionString = configuration.GetConnectionString("Postgres") is { Length: > 0 } cs ? cs
                    : throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set.");
                services.AddSingleton(_ => postgres(connectionString));
                break;
            case "memory":
                services.AddSingleton(_ => memory());
                break;
            default:
                throw new InvalidOperationException($"Unknown Storage:Provider '{provider}': expected Sqlite, Postgres or Memory.");
        }
        return services;
    }
}
