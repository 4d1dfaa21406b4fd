using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.OrderLists;
using Marketplace.Grains.OrderLists;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.OrderLists.OrderRows;

namespace Marketplace.Grains.Tests.OrderLists;

public sealed class MemoryOrderListStoreTests : OrderListStoreContract
{
    protected override Task<IOrderListStore> CreateStoreAsync() => Task.FromResult<IOrderListStore>(new MemoryOrderListStore());
}

public sealed class SqliteOrderListStoreTests : OrderListStoreContract, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mp-orders-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqlOrderListStore> _stores = [];

    private string File => Path.Combine(_directory, "marketplace.orders.db");

    protected override Task<IOrderListStore> CreateStoreAsync()
    {
        var store = new SqlOrderListStore(new SqliteOrderListDialect(File));
        _stores.Add(store);
        return Task.FromResult<IOrderListStore>(store);
    }

    [Fact]
    public async Task Rows_survive_reopening_the_file()
    {
        var store = await CreateStoreAsync();
        await store.UpsertAsync(Row("kept", 1, OrderStatus.PAID, version: 2));
        await using var reopened = new SqlOrderListStore(new SqliteOrderListDialect(File));
        Assert.Equal(OrderStatus.PAID, (await reopened.GetAsync("kept"))!.Status);
        Assert.False(await reopened.UpsertAsync(Row("kept", 1, OrderStatus.AWAITING_PAYMENT, version: 1)));
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
public sealed class PostgresOrderListStoreTests : OrderListStoreContract, IAsyncLifetime
{
    private readonly List<SqlOrderListStore> _stores = [];
    private readonly ScratchPostgres _databases = new();

    protected override async Task<IOrderListStore> CreateStoreAsync()
    {
        var store = new SqlOrderListStore(new PostgresOrderListDialect(await _databases.CreateAsync("orderlists")));
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
