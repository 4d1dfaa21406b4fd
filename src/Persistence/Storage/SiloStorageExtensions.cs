using Marketplace.Persistence.Configuration;
using Marketplace.Persistence.Reminders;
using Marketplace.Persistence.Schema;
using Marketplace.Persistence.Serialization;
using Marketplace.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;

namespace Marketplace.Persistence.Storage;

/// <summary>Grain state and reminders of a silo, from configuration.</summary>
public static class SiloStorageExtensions
{
    /// <summary>
    /// Registers the default grain storage (grains use <c>[PersistentState("name")]</c> without a storage
    /// name) with state as System.Text.Json, and the reminder service, on the database chosen by
    /// <c>Storage:Provider</c>: <c>Sqlite</c> (default; file <c>Storage:SqlitePath</c>), <c>Postgres</c>
    /// (<c>ConnectionStrings:Postgres</c>) or <c>Memory</c> (unit tests). Reminder settings come from
    /// <c>Reminders:*</c>; the database schema is installed at silo start unless <c>Schema:Install</c> is false.
    /// </summary>
    /// <exception cref="InvalidOperationException">Unknown provider, or PostgreSQL without a connection string.</exception>
    public static ISiloBuilder UseMarketplaceStorage(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);

        // Read now as well as bound: the provider decides what gets registered.
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var kind = storage.ProviderKind;
        var services = builder.Services;
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.TryAddSingleton<SystemTextJsonStateSerializer>();

        var reminders = configuration.GetSection(ReminderSettings.Section).Get<ReminderSettings>() ?? new ReminderSettings();
        services.AddOptions<ReminderSettings>().Bind(configuration.GetSection(ReminderSettings.Section));
        services.Configure<ReminderOptions>(reminders.ApplyTo);

        switch (kind)
        {
            case StorageProviderKind.Sqlite:
                UseSqlite(builder, configuration, storage);
                break;
            case StorageProviderKind.Postgres:
                UsePostgres(builder, configuration);
                break;
            case StorageProviderKind.Memory:
                builder.AddMemoryGrainStorageAsDefault((Action<Microsoft.Extensions.Options.OptionsBuilder<MemoryGrainStorageOptions>>)(options => options
                    .Configure<SystemTextJsonStateSerializer>((o, serializer) => o.GrainStorageSerializer = serializer)));
                builder.UseInMemoryReminderService();
                services.TryAddSingleton(new StorageProbe(nameof(StorageProviderKind.Memory), _ => Task.CompletedTask));
                break;
        }

        return builder;
    }

    private static void UseSqlite(ISiloBuilder builder, IConfiguration configuration, StorageOptions storage)
    {
        var services = builder.Services;
        var connectionString = SqliteConnectionSource.BuildConnectionString(storage.SqlitePath, storage.SqliteBusyTimeout);
        services.TryAddSingleton(_ => new SqliteConnectionSource(storage.SqlitePath, storage.SqliteBusyTimeout, storage.SqliteSynchronous));

        // Our own provider on SQLite (group commit, see SqliteGrainStorage); Orleans' ADO.NET one on PostgreSQL.
        services.AddKeyedSingleton<IGrainStorage>(StorageOptions.DefaultProviderName,
            (sp, _) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(sp));
        // Orleans finds the default provider as the unkeyed service, as its own AddGrainStorage registers it.
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>(StorageOptions.DefaultProviderName));

        builder.AddReminders();
        services.TryAddSingleton<SqliteReminderTable>();
        services.TryAddSingleton<IReminderTable>(sp => sp.GetRequiredService<SqliteReminderTable>());

        services.AddSiloSchema(configuration, new SchemaTarget(SchemaDatabase.Sqlite, connectionString));
        services.TryAddSingleton(sp => new StorageProbe(nameof(StorageProviderKind.Sqlite),
            async cancellation => await StorageProbe.SelectOneAsync(await sp.GetRequiredService<SqliteConnectionSource>().OpenConnectionAsync(cancellation), cancellation)));
    }

    private static void UsePostgres(ISiloBuilder builder, IConfiguration configuration)
    {
        var connectionString = ConnectionStrings.RequirePostgres(configuration, $"{StorageOptions.Section}:Provider=Postgres");
        AddRelationalStorage(builder.Services, options => options.Configure(o =>
        {
            o.Invariant = ConnectionStrings.PostgresInvariant;
            o.ConnectionString = connectionString;
        }));

        builder.UseAdoNetReminderService(o =>
        {
            o.Invariant = ConnectionStrings.PostgresInvariant;
            o.ConnectionString = connectionString;
        });

        builder.Services.AddSiloSchema(configuration, new SchemaTarget(SchemaDatabase.Postgres, connectionString));
        builder.Services.TryAddSingleton(new StorageProbe(nameof(StorageProviderKind.Postgres),
            cancellation => StorageProbe.SelectOneAsync(new Npgsql.NpgsqlConnection(connectionString), cancellation)));
    }

    private static void AddRelationalStorage(IServiceCollection services, Action<Microsoft.Extensions.Options.OptionsBuilder<AdoNetGrainStorageOptions>> configure)
    {
        const string name = StorageOptions.DefaultProviderName;
        services.AddAdoNetGrainStorage(name, options =>
        {
            configure(options);
            options.Configure<SystemTextJsonStateSerializer>((o, serializer) => o.GrainStorageSerializer = serializer);
        });

        // Registered after Orleans' own registration, so this one is what Orleans resolves for the name
        // (the last keyed registration wins), including as the silo lifecycle participant.
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) =>
            new GrainTypeScopedStorage(AdoNetGrainStorageFactory.Create(sp, name)));
    }
}
