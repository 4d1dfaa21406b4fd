using Marketplace.Grains.Tests.Harness;
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
    private readonly ScratchPostgres _databases = new();

    protected override async Task<IListingStore> CreateStoreAsync()
    {
        var store = new SqlListingStore(new PostgresListingDialect(await _databases.CreateAsync("listings")));
        _stores.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        await _databases.DisposeAsync();
    }
}
