using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;
using Marketplace.Runtime.Reminders;
using Marketplace.Runtime.Reminders.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Hosting;

/// <summary>Registers the reminder table and the <see cref="ReminderService"/> that ticks it.</summary>
public static class ReminderSiloBuilderExtensions
{
    public const string ConfigurationSection = "Reminders";
    private const string TableOptionsName = "Reminders";

    public static ISiloBuilder UseMemoryReminders(this ISiloBuilder silo, Action<ReminderOptions>? configureReminders = null) =>
        silo.UseReminderTable(_ => new MemoryReminderTable(), configureReminders);

    public static ISiloBuilder UseSqliteReminders(this ISiloBuilder silo, Action<SqliteStorageOptions> configure, Action<ReminderOptions>? configureReminders = null)
    {
        silo.Services.AddOptions<SqliteStorageOptions>(TableOptionsName).Configure(configure);
        return silo.UseReminderTable(sp => new AdoNetReminderTable(AdoNetStore.ForSqlite(
            sp.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(TableOptionsName), SqlScripts.Reminders)), configureReminders);
    }

    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder silo, Action<PostgresStorageOptions> configure, Action<ReminderOptions>? configureReminders = null)
    {
        silo.Services.AddOptions<PostgresStorageOptions>(TableOptionsName).Configure(configure);
        return silo.UseReminderTable(sp => new AdoNetReminderTable(AdoNetStore.ForPostgres(
            sp.GetRequiredService<IOptionsMonitor<PostgresStorageOptions>>().Get(TableOptionsName), SqlScripts.Reminders)), configureReminders);
    }

    /// <summary>Any table; the last registration wins. Reminder options bind from the "Reminders" section, then <paramref name="configureReminders"/>.</summary>
    public static ISiloBuilder UseReminderTable(this ISiloBuilder silo, Func<IServiceProvider, IReminderTable> createTable, Action<ReminderOptions>? configureReminders = null)
    {
        var services = silo.Services;
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ReminderOptions>().Bind(silo.Configuration.GetSection(ConfigurationSection));
        if (configureReminders is not null) services.Configure(configureReminders);
        services.RemoveAll<IReminderTable>();
        services.AddSingleton(createTable);
        services.TryAddSingleton<IReminderOwnership, SingleSiloReminderOwnership>();
        if (services.Any(d => d.ServiceType == typeof(ReminderService))) return silo;
        services.AddSingleton<ReminderService>();
        services.AddSingleton<IReminderService>(sp => sp.GetRequiredService<ReminderService>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ReminderService>());
        return silo;
    }
}
