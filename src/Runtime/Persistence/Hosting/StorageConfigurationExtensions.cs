using Marketplace.Runtime.Persistence;
using Microsoft.Extensions.Configuration;

namespace Marketplace.Runtime.Hosting;

/// <summary>Picks the Default grain storage and the matching reminder table from configuration.</summary>
public static class StorageConfigurationExtensions
{
    /// <summary>
    /// Storage:Provider = Sqlite (default; Storage:SqlitePath, default ./data/marketplace.db),
    /// Postgres (ConnectionStrings:Postgres) or Memory.
    /// </summary>
    public static ISiloBuilder UseStorageFromConfiguration(this ISiloBuilder silo)
    {
        var configuration = silo.Configuration;
        var provider = configuration["Storage:Provider"] is { Length: > 0 } configured ? configured : "Sqlite";
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                var path = configuration["Storage:SqlitePath"] is { Length: > 0 } p ? p : SqliteStorageOptions.DefaultPath;
                return silo.AddSqliteGrainStorage(GrainStorageNames.Default, o => o.Path = path)
                    .UseSqliteReminders(o => o.Path = path);
            case "postgres":
            case "postgresql":
                var connectionString = configuration.GetConnectionString("Postgres") is { Length: > 0 } cs ? cs
                    : throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set.");
                return silo.AddPostgresGrainStorage(GrainStorageNames.Default, o => o.ConnectionString = connectionString)
                    .UsePostgresReminders(o => o.ConnectionString = connectionString);
            case "memory":
                return silo.AddMemoryGrainStorage(GrainStorageNames.Default).UseMemoryReminders();
            default:
                throw new InvalidOperationException($"Unknown Storage:Provider '{provider}': expected Sqlite, Postgres or Memory.");
        }
    }
}
