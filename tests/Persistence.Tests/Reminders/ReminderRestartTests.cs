using Marketplace.Persistence.Tests.Grains;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;

namespace Marketplace.Persistence.Tests.Reminders;

/// <summary>A reminder registered on one silo fires on the next one after a full stop (it is durable).</summary>
public abstract class ReminderRestartTests
{
    protected abstract Dictionary<string, string?> StorageSettings { get; }

    protected async Task RunSurvivesRestart()
    {
        var grainKey = "deadline-" + Guid.NewGuid().ToString("N")[..8];
        var first = await TestHosts.StartSiloAsync(TestHosts.SingleSilo(StorageSettings));
        try
        {
            // Due well after the first silo is gone, so only the second one can deliver it.
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderTestGrain>(grainKey);
            await grain.Register("payment-deadline", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));
            Assert.True(await grain.IsRegistered("payment-deadline"));
        }
        finally
        {
            await TestHosts.StopAsync(first);
        }

        var second = await TestHosts.StartSiloAsync(TestHosts.SingleSilo(StorageSettings));
        try
        {
            var log = second.Services.GetRequiredService<ReminderLog>();
            // A deadline for the wait, not a speed assertion: delivery normally takes a few seconds.
            var giveUp = DateTime.UtcNow.AddSeconds(60);
            while (!log.Has(grainKey, "payment-deadline") && DateTime.UtcNow < giveUp)
                await Task.Delay(200);
            Assert.True(log.Has(grainKey, "payment-deadline"), "the reminder did not fire on the restarted silo");
        }
        finally
        {
            await TestHosts.StopAsync(second);
        }
    }
}

public sealed class SqliteReminderRestartTests : ReminderRestartTests, IDisposable
{
    private readonly TestSqlite sqlite = new();

    protected override Dictionary<string, string?> StorageSettings => TestHosts.Sqlite(sqlite.Path);

    [Fact]
    public Task A_reminder_survives_a_silo_restart_and_fires() => RunSurvivesRestart();

    public void Dispose() => sqlite.Dispose();
}

public sealed class PostgresReminderRestartTests(TestPostgres postgres) : ReminderRestartTests, IClassFixture<TestPostgres>
{
    protected override Dictionary<string, string?> StorageSettings => TestHosts.Postgres(postgres.ConnectionString);

    [PostgresFact]
    public Task A_reminder_survives_a_silo_restart_and_fires() => RunSurvivesRestart();
}
