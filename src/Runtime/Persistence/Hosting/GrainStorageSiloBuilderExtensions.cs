using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;
using Marketplace.Runtime.Persistence.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Hosting;

/// <summary>Registers grain storage providers as keyed <see cref="IGrainStorage"/> services, one per name.</summary>
public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>In-memory storage for tests; ETag-checked like the real stores.</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder silo, string name = GrainStorageNames.Default, Action<MemoryStorageOptions>? configure = null)
    {
        AddCommon(silo.Services);
        silo.Services.AddOptions<MemoryStorageOptions>(name).Configure(o => configure?.Invoke(o));
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
            new MemoryGrainStorage(new GrainStateSerializer(Options<MemoryStorageOptions>(sp, name).SerializerOptions)));
        return silo;
    }

    /// <summary>A SQLite file: the embedded single-node store.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, Action<SqliteStorageOptions> configure)
    {
        AddCommon(silo.Services);
        silo.Services.AddOptions<SqliteStorageOptions>(name).Configure(configure);
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
        {
            var options = Options<SqliteStorageOptions>(sp, name);
            return new AdoNetGrainStorage(AdoNetStore.ForSqlite(options, SqlScripts.GrainState),
                new GrainStateSerializer(options.SerializerOptions), sp.GetRequiredService<TimeProvider>());
        });
        return silo;
    }

    /// <summary>PostgreSQL through an Npgsql data source: the cluster store.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder silo, string name, Action<PostgresStorageOptions> configure)
    {
        AddCommon(silo.Services);
        silo.Services.AddOptions<PostgresStorageOptions>(name).Configure(configure);
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
        {
            var options = Options<PostgresStorageOptions>(sp, name);
            return new AdoNetGrainStorage(AdoNetStore.ForPostgres(options, SqlScripts.GrainState),
                new GrainStateSerializer(options.SerializerOptions), sp.GetRequiredService<TimeProvider>());
        });
        return silo;
    }

    private static void AddCommon(IServiceCollection services)
    {
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageMetrics>();
        services.TryAddSingleton<IPersistentStateFactory, PersistentStateFactory>();
    }

    private static T Options<T>(IServiceProvider services, string name) where T : class =>
        services.GetRequiredService<IOptionsMonitor<T>>().Get(name);
}
