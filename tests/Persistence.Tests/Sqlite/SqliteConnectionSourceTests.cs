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

        // Another connection holds the file's write lock for a while...
        using var holder = source.Open();
        using var hold = holder.BeginTransaction(deferred: false);
        using (var write = holder.CreateCommand())
        {
            write.Transaction = hold;
            write.CommandText = "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('held', 'x')";
            write.ExecuteNonQuery();
        }

        // ...while 20 writers through the source try to write.
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(() =>
        {
            using var connection = source.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('writer-{i}', 'x')";
            command.ExecuteNonQuery();
        })).ToList();
        await Task.Delay(500);
        hold.Commit();
        await Task.WhenAll(writers);

        Assert.Equal(21L, sqlite.Query<long>("SELECT count(*) FROM OrleansQuery WHERE QueryKey = 'held' OR QueryKey LIKE 'writer-%'").Single());
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
