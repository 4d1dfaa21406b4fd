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

    [Fact]
    public async Task A_file_from_before_listing_modes_gets_the_mode_column_and_keeps_its_rows_as_sales()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "old.listings.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            // The listings table as it was created before listings had a mode, with one row.
            create.CommandText = """
                CREATE TABLE listings (item_id TEXT PRIMARY KEY, version INTEGER NOT NULL, removed INTEGER NOT NULL, seller_id TEXT NOT NULL,
                    region_id TEXT NOT NULL, grade INTEGER NOT NULL, status INTEGER NOT NULL, price_cents INTEGER NOT NULL,
                    listed_at_ms INTEGER NOT NULL, views INTEGER NOT NULL, search_text TEXT NOT NULL, snapshot TEXT NOT NULL);
                """;
            await create.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var store = new SqlListingStore(new SqliteListingDialect(path));
        _stores.Add(store);
        await store.UpsertAsync(Item("rent", 10m, 1) with { Mode = Marketplace.Grains.Interfaces.ListingMode.RENTAL });
        await store.UpsertAsync(Item("sale", 10m, 2));
        var page = await store.QueryAsync(new ListingQuery(Mode: Marketplace.Grains.Interfaces.ListingMode.RENTAL));
        Assert.Equal(["rent"], page.Edges.Select(e => e.Item.ItemId));
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

    [Fact]
    public async Task A_table_from_before_listing_modes_gets_the_mode_column_and_keeps_its_rows_as_sales()
    {
        var connectionString = await _databases.CreateAsync("listings");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            // The listings table as it was created before listings had a mode.
            create.CommandText = """
                CREATE TABLE listings (item_id text COLLATE "C" PRIMARY KEY, version bigint NOT NULL, removed INTEGER NOT NULL,
                    seller_id text COLLATE "C" NOT NULL, region_id text COLLATE "C" NOT NULL, grade INTEGER NOT NULL, status INTEGER NOT NULL,
                    price_cents bigint NOT NULL, listed_at_ms bigint NOT NULL, views INTEGER NOT NULL, search_text text NOT NULL, snapshot text NOT NULL);
                """;
            await create.ExecuteNonQueryAsync();
        }
        var store = new SqlListingStore(new PostgresListingDialect(connectionString));
        _stores.Add(store);
        await store.UpsertAsync(Item("rent", 10m, 1) with { Mode = Marketplace.Grains.Interfaces.ListingMode.RENTAL });
        await store.UpsertAsync(Item("sale", 10m, 2));
        var page = await store.QueryAsync(new ListingQuery(Mode: Marketplace.Grains.Interfaces.ListingMode.SALE));
        Assert.Equal(["sale"], page.Edges.Select(e => e.Item.ItemId));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        await _databases.DisposeAsync();
    }
}
