using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Listings;
using Npgsql;

namespace Marketplace.Grains.Tests.Listings;

public sealed class MemoryListingStoreTests : ListingStoreContract
{
    protected override Task<IListingStore> CreateStoreAsync() => Task.FromResult<IListingStore>(new MemoryListingStore());
}

public sealed class SqliteListingStoreTests : ListingStoreContract, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mp-listings-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqlListingStore> _stores = [];

    protected override Task<IListingStore> CreateStoreAsync()
    {
        var store = new SqlListingStore(new SqliteListingDialect(Path.Combine(_directory, "marketplace.listings.db")));
        _stores.Add(store);
        return Task.FromResult<IListingStore>(store);
    }

    [Fact]
    public async Task Listings_survive_reopening_the_file()
    {
        var store = await CreateStoreAsync();
        await store.UpsertAsync(Item("kept", 10m, 1));
        await using var reopened = new SqlListingStore(new SqliteListingDialect(Path.Combine(_directory, "marketplace.listings.db")));
        Assert.Equal(10m, (await reopened.GetAsync("kept"))!.Price);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Needs MARKETPLACE_TEST_POSTGRES (scripts/postgres.sh start); fails clearly without it. Each test gets its own database.</summary>
public sealed class PostgresListingStoreTests : ListingStoreContract, IAsyncLifetime
{
    private readonly List<SqlListingStore> _stores = [];
    private readonly List<string> _databases = [];

    internal static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("MARKETPLACE_TEST_POSTGRES") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException(
                "MARKETPLACE_TEST_POSTGRES is not set: start PostgreSQL with `MARKETPLACE_PG_PORT=<port> scripts/postgres.sh start` and export its connection string.");

    protected override async Task<IListingStore> CreateStoreAsync()
    {
        var server = ServerConnectionString();
        var database = "listings_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await command.ExecuteNonQueryAsync();
        }
        _databases.Add(database);
        var store = new SqlListingStore(new PostgresListingDialect(new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString()));
        _stores.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        if (_databases.Count == 0) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        foreach (var database in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
