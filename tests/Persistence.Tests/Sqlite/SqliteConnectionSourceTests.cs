using Marketplace.Persistence.Schema;
using Marketplace.Persistence.Sqlite;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.Persistence.Tests.Sqlite;

public sealed class SqliteConnectionSourceTests : IDisposable
{
    private readonly TestSqlite sqlite = new();

    [Fact]
    public async Task A_writer_waits_for_a_held_write_lock_instead_of_failing()
    {
        using var source = new SqliteConnectionSource(sqlite.Path, TimeSpan.FromSeconds(30));
        await new SchemaInstaller(Options.Create(new SchemaOptions()), NullLogger<SchemaInstaller>.Instance)
            .InstallAsync(new SchemaTarget(SchemaDatabase.Sqlite, source.ConnectionString), default);

        using (var create = source.Open())
        using (var table = create.CreateCommand())
        {
            table.CommandText = "CREATE TABLE probe (k TEXT PRIMARY KEY)";
            table.ExecuteNonQuery();
        }

        // Another process (here a connection not from the source) holds the file's write lock for a while...
        using var holder = new Microsoft.Data.Sqlite.SqliteConnection(source.ConnectionString);
        holder.Open();
        using var hold = holder.BeginTransaction(deferred: false);
        using (var write = holder.CreateCommand())
        {
            write.Transaction = hold;
            write.CommandText = "INSERT INTO probe (k) VALUES ('held')";
            write.ExecuteNonQuery();
        }

        // ...while 20 writers through the source try to write.
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(() =>
        {
            using var connection = source.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO probe (k) VALUES ('writer-{i}')";
            command.ExecuteNonQuery();
        })).ToList();
        await Task.Delay(500);
        hold.Commit();
        await Task.WhenAll(writers);

        Assert.Equal(21L, sqlite.Query<long>("SELECT count(*) FROM probe WHERE k = 'held' OR k LIKE 'writer-%'").Single());
    }

    [Fact]
    public async Task Connections_from_the_source_take_turns_and_the_next_one_waits_without_a_thread()
    {
        using var source = new SqliteConnectionSource(sqlite.Path, TimeSpan.FromSeconds(30));
        SqliteConnectionSource.EnsureDirectory(source.ConnectionString);
        var first = await source.OpenConnectionAsync();
        var second = source.OpenConnectionAsync().AsTask();
        var third = source.OpenConnectionAsync().AsTask();
        await Task.Delay(200);
        Assert.False(second.IsCompleted, "a second connection opened while the first was open");

        await first.DisposeAsync();
        var next = await Task.WhenAny(second, third);
        await Task.Delay(200);
        Assert.False((next == second ? third : second).IsCompleted, "two connections were open at once");
        await (await next).DisposeAsync();
        await (await (next == second ? third : second)).DisposeAsync();

        // Closing gives the turn back too, and only once however often it is closed or disposed.
        var closed = source.Open();
        closed.Close();
        closed.Dispose();
        using var again = source.Open();
        Assert.False(source.OpenConnectionAsync().AsTask().Wait(200), "the turn was given back twice");
    }

    [Fact]
    public void Connections_carry_the_busy_timeout()
    {
        using var source = new SqliteConnectionSource(sqlite.Path, TimeSpan.FromSeconds(7));
        SqliteConnectionSource.EnsureDirectory(source.ConnectionString);
        using var connection = source.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(7000L, (long)command.ExecuteScalar()!);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Theory]
    [InlineData(Marketplace.Persistence.Storage.SqliteSynchronous.Normal, 1L)]
    [InlineData(Marketplace.Persistence.Storage.SqliteSynchronous.Full, 2L)]
    public void Connections_carry_the_configured_synchronous_setting(Marketplace.Persistence.Storage.SqliteSynchronous setting, long pragmaValue)
    {
        using var source = new SqliteConnectionSource(sqlite.Path, TimeSpan.FromSeconds(7), setting);
        SqliteConnectionSource.EnsureDirectory(source.ConnectionString);
        using var connection = source.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(pragmaValue, (long)command.ExecuteScalar()!);
    }

    public void Dispose() => sqlite.Dispose();
}
