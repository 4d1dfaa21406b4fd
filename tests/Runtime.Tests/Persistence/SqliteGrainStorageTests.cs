using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;
using Microsoft.Data.Sqlite;

namespace Marketplace.Runtime.Tests.Persistence;

public sealed class SqliteGrainStorageTests : SqlGrainStorageContract, IDisposable
{
    private readonly TempFolder _folder = new();
    private string DatabasePath => _folder.File("grains.db");

    protected override IGrainStorage NewStorageInstance() =>
        new AdoNetGrainStorage(AdoNetStore.ForSqlite(new SqliteStorageOptions { Path = DatabasePath }, SqlScripts.GrainState),
            new GrainStateSerializer(), TimeProvider.System);

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_database_file_uses_the_write_ahead_log()
    {
        var state = Bind(CreateStorage(), TestStates.NewGrain());
        await state.ReadStateAsync();

        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA journal_mode;", connection);
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_folder_of_the_database_file_is_created_when_missing()
    {
        var path = _folder.File(Path.Combine("nested", "deeper", "grains.db"));
        await using var storage = new AdoNetGrainStorage(AdoNetStore.ForSqlite(new SqliteStorageOptions { Path = path }, SqlScripts.GrainState),
            new GrainStateSerializer(), TimeProvider.System);
        var state = Bind(storage, TestStates.NewGrain());
        await state.WriteStateAsync();

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Concurrent_writes_are_group_committed_and_a_stale_etag_fails_only_its_own_write()
    {
        var storage = CreateStorage();
        var ids = Enumerable.Range(0, 40).Select(_ => TestStates.NewGrain()).ToList();
        var states = ids.Select(id => Bind(storage, id)).ToList();
        var staleId = TestStates.NewGrain();
        var stale = Bind(storage, staleId);
        await stale.WriteStateAsync();
        var conflicting = Bind(storage, staleId);
        await conflicting.ReadStateAsync();
        await stale.WriteStateAsync(); // the second instance's etag is now stale

        var writes = states.Select(async (state, i) =>
        {
            state.State = TestStates.Sample() with { Title = "t" + i };
            await state.WriteStateAsync();
            await state.WriteStateAsync();
        }).ToList();
        var conflict = Assert.ThrowsAsync<InconsistentStateException>(() => conflicting.WriteStateAsync());
        await Task.WhenAll(writes);
        await conflict;

        var reader = CreateStorage();
        for (var i = 0; i < states.Count; i++)
        {
            var read = Bind(reader, ids[i]);
            await read.ReadStateAsync();
            Assert.Equal(("t" + i, states[i].Etag), (read.State.Title, read.Etag));
        }
    }

    public void Dispose() => _folder.Dispose();
}
