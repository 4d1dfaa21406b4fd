using Marketplace.Persistence.Reminders;
using Marketplace.Persistence.Schema;
using Marketplace.Persistence.Sqlite;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;

namespace Marketplace.Persistence.Tests.Reminders;

public sealed class SqliteReminderTableTests : ReminderTableContract, IDisposable
{
    private readonly TestSqlite sqlite = new();
    private readonly List<SqliteConnectionSource> sources = [];

    protected override async Task<IReminderTable> CreateTableAsync()
    {
        var source = new SqliteConnectionSource(sqlite.Path, TimeSpan.FromSeconds(5));
        sources.Add(source);
        await new SchemaInstaller(Options.Create(new SchemaOptions()), NullLogger<SchemaInstaller>.Instance)
            .InstallAsync(new SchemaTarget(SchemaDatabase.Sqlite, source.ConnectionString), default);
        var table = new SqliteReminderTable(source, Options.Create(new ClusterOptions { ServiceId = "contract-" + Guid.NewGuid().ToString("N") }));
        await table.StartAsync();
        return table;
    }

    [Fact]
    public Task Upsert_read_and_remove_follow_the_ETag() => RunUpsertReadRemove();

    [Fact]
    public Task Rows_of_one_grain() => RunReadRowsOfGrain();

    [Fact]
    public Task Rows_of_a_ring_range() => RunReadRowsOfRingRange();

    [Fact]
    public async Task Services_do_not_see_each_others_reminders()
    {
        var source = new SqliteConnectionSource(sqlite.Path, TimeSpan.FromSeconds(5));
        sources.Add(source);
        var mine = await CreateTableAsync();
        var theirs = new SqliteReminderTable(source, Options.Create(new ClusterOptions { ServiceId = "someone-else" }));
        await mine.UpsertRow(new ReminderEntry
        {
            GrainId = Orleans.Runtime.GrainId.Create("test-reminder", "x"), ReminderName = "r",
            StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(1),
        });
        Assert.Empty((await theirs.ReadRows(0u, 0u)).Reminders);
        Assert.Single((await mine.ReadRows(0u, 0u)).Reminders);
    }

    public void Dispose()
    {
        foreach (var source in sources)
            source.Dispose();
        sqlite.Dispose();
    }
}
