using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Rentals;
using Marketplace.Grains.RentalLists;
using Marketplace.Grains.Tests.Harness;

namespace Marketplace.Grains.Tests.RentalLists;

/// <summary>What every rental-list store must do: keep the newest version per rental however rows arrive.</summary>
public abstract class RentalListStoreContract
{
    protected abstract Task<IRentalListStore> CreateStoreAsync();

    internal static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    internal static RentalListRow Row(string id, long version, RentalStatus status, int minutes = 0, string owner = "o1", string renter = "r1") =>
        new(id, version, status, owner, renter, "item-1", "tents", ["outdoor", "tents"], "north", T0.AddMinutes(minutes), T0.AddMinutes(minutes + (int)version));

    [Fact]
    public async Task The_newest_version_wins_under_duplicated_and_shuffled_writes()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.UpsertAsync(Row("r", 3, RentalStatus.ACTIVE)));
        Assert.False(await store.UpsertAsync(Row("r", 2, RentalStatus.PAID)));
        Assert.False(await store.UpsertAsync(Row("r", 3, RentalStatus.ACTIVE)));
        Assert.True(await store.UpsertAsync(Row("r", 4, RentalStatus.RETURNED)));
        var rows = new List<RentalListRow>();
        await foreach (var row in store.ScanAsync()) rows.Add(row);
        var stored = Assert.Single(rows);
        Assert.Equal((4L, RentalStatus.RETURNED), (stored.Version, stored.Status));
        Assert.Equal(["outdoor", "tents"], stored.CategoryPath);
    }
}

public sealed class MemoryRentalListStoreTests : RentalListStoreContract
{
    protected override Task<IRentalListStore> CreateStoreAsync() => Task.FromResult<IRentalListStore>(new MemoryRentalListStore());
}

public sealed class SqliteRentalListStoreTests : RentalListStoreContract, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mp-rentals-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqlRentalListStore> _stores = [];

    protected override Task<IRentalListStore> CreateStoreAsync()
    {
        var store = new SqlRentalListStore(new SqliteRentalListDialect(Path.Combine(_directory, "marketplace.rentals.db")));
        _stores.Add(store);
        return Task.FromResult<IRentalListStore>(store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Needs MARKETPLACE_TEST_POSTGRES (scripts/postgres.sh start); fails clearly without it.</summary>
public sealed class PostgresRentalListStoreTests : RentalListStoreContract, IAsyncLifetime
{
    private readonly List<SqlRentalListStore> _stores = [];
    private readonly ScratchPostgres _databases = new();

    protected override async Task<IRentalListStore> CreateStoreAsync()
    {
        var store = new SqlRentalListStore(new PostgresRentalListDialect(await _databases.CreateAsync("rentals")));
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

/// <summary>The in-memory index behind Query.rentals, Seller.rentalsOut and Buyer.rentals.</summary>
public sealed class RentalListIndexTests
{
    private static RentalListRow Row(string id, long version, RentalStatus status, int minutes, string owner = "o1", string renter = "r1") =>
        RentalListStoreContract.Row(id, version, status, minutes, owner, renter);

    [Fact]
    public void Pages_are_newest_first_with_cursors_filters_and_the_total()
    {
        var index = new RentalListIndex();
        index.Apply(Row("a", 1, RentalStatus.PAID, 1));
        index.Apply(Row("b", 1, RentalStatus.ACTIVE, 2, owner: "o2"));
        index.Apply(Row("c", 1, RentalStatus.PAID, 3, renter: "r2"));
        Assert.False(index.Apply(Row("c", 1, RentalStatus.CANCELLED, 3, renter: "r2"))); // same version: ignored

        var first = index.Query(new RentalListQuery(First: 2));
        Assert.Equal(["c", "b"], first.Edges.Select(e => e.Row.RentalId));
        Assert.Equal(3, first.TotalCount);
        Assert.True(first.HasNextPage);
        var second = index.Query(new RentalListQuery(First: 2, After: first.EndCursor));
        Assert.Equal(["a"], second.Edges.Select(e => e.Row.RentalId));
        Assert.False(second.HasNextPage);
        Assert.True(second.HasPreviousPage);

        Assert.Equal(["c", "a"], index.Query(new RentalListQuery(Statuses: [RentalStatus.PAID])).Edges.Select(e => e.Row.RentalId));
        Assert.Equal(["b"], index.Query(new RentalListQuery(OwnerId: "o2")).Edges.Select(e => e.Row.RentalId));
        Assert.Equal(["c"], index.Query(new RentalListQuery(RenterId: "r2")).Edges.Select(e => e.Row.RentalId));
        Assert.Equal(3, index.Query(new RentalListQuery(CategoryId: "outdoor")).TotalCount);
        Assert.Equal(0, index.Query(new RentalListQuery(RegionId: "south")).TotalCount);

        Assert.True(index.Apply(Row("a", 2, RentalStatus.COMPLETED, 1)));
        Assert.Equal(["a"], index.Query(new RentalListQuery(Statuses: [RentalStatus.COMPLETED])).Edges.Select(e => e.Row.RentalId));
        Assert.Throws<ArgumentException>(() => index.Query(new RentalListQuery(After: "not-a-cursor")));
    }
}
