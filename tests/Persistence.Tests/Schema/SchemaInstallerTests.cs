using Marketplace.Persistence.Schema;
using Marketplace.Persistence.Sqlite;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.Persistence.Tests.Schema;

/// <summary>The deploy/sql scripts install on empty databases, and again on installed ones (every start does).</summary>
public sealed class SchemaInstallerTests(TestPostgres postgres) : IClassFixture<TestPostgres>, IDisposable
{
    // Every key Orleans' ADO.NET providers look up (clustering: silo and gateway list; grain storage; reminders).
    private static readonly string[] PostgresKeys =
    [
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey",
        "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
        "DeleteMembershipTableEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private readonly TestSqlite sqlite = new();

    private static SchemaInstaller Installer() => new(Options.Create(new SchemaOptions()), NullLogger<SchemaInstaller>.Instance);

    [Fact]
    public void Scripts_are_embedded_in_file_name_order()
    {
        Assert.Equal(["01-queries.sql", "02-clustering.sql", "03-persistence.sql", "04-reminders.sql"],
            SchemaScripts.For(SchemaDatabase.Postgres).Select(s => s.Name).Take(4));
        Assert.Equal(["01-queries.sql", "02-persistence.sql", "03-reminders.sql"],
            SchemaScripts.For(SchemaDatabase.Sqlite).Select(s => s.Name));
    }

    [PostgresFact]
    public async Task Postgres_scripts_apply_twice()
    {
        var target = new SchemaTarget(SchemaDatabase.Postgres, postgres.ConnectionString);
        await Installer().InstallAsync(target, default);
        await Installer().InstallAsync(target, default);

        var keys = await postgres.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery");
        Assert.Empty(PostgresKeys.Except(keys));
        var tables = await postgres.QueryAsync<string>(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
        Assert.Superset(new HashSet<string> { "orleans_grain_state", "orleans_membership", "orleans_membership_version", "orleans_reminders", "orleansquery" },
            tables.ToHashSet());
    }

    [PostgresFact]
    public async Task Three_installers_starting_together_on_an_empty_database_all_succeed()
    {
        // Without the advisory lock, concurrent CREATE TABLE IF NOT EXISTS fails with a unique violation
        // on the catalog for all but one of them.
        var fresh = await postgres.CreateExtraDatabaseAsync("race");
        var target = new SchemaTarget(SchemaDatabase.Postgres, fresh);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Installer().InstallAsync(target, default))));

        var keys = await postgres.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery", fresh);
        Assert.Empty(PostgresKeys.Except(keys));
    }

    [Fact]
    public async Task Sqlite_scripts_apply_twice_and_turn_on_write_ahead_logging()
    {
        var target = new SchemaTarget(SchemaDatabase.Sqlite, SqliteConnectionSource.BuildConnectionString(sqlite.Path, TimeSpan.FromSeconds(5)));
        await Installer().InstallAsync(target, default);
        await Installer().InstallAsync(target, default);

        // No OrleansQuery: no Orleans ADO.NET provider runs on SQLite (our grain storage and reminder table keep their SQL).
        Assert.Equal(["orleans_grain_state", "orleans_reminders"],
            sqlite.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name COLLATE NOCASE"));
        Assert.Equal("wal", sqlite.Query<string>("PRAGMA journal_mode").Single());
    }

    [Fact]
    public async Task Install_false_leaves_the_database_alone()
    {
        var options = new SchemaOptions { Install = false };
        options.Targets.Add(new SchemaTarget(SchemaDatabase.Sqlite, SqliteConnectionSource.BuildConnectionString(sqlite.Path, TimeSpan.FromSeconds(5))));
        await new SchemaInstaller(Options.Create(options), NullLogger<SchemaInstaller>.Instance).EnsureInstalledAsync(default);

        Assert.False(File.Exists(sqlite.Path));
    }

    public void Dispose() => sqlite.Dispose();
}
