using Marketplace.Runtime.Reminders;

namespace Marketplace.Runtime.Tests.Reminders;

/// <summary>CRUD and range reads every reminder table must support; NewTableInstance over the same store models a restart.</summary>
public abstract class ReminderTableContract : IAsyncLifetime
{
    private readonly List<IReminderTable> _created = [];
    protected static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    protected abstract IReminderTable NewTableInstance();

    protected IReminderTable CreateTable()
    {
        var table = NewTableInstance();
        _created.Add(table);
        return table;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var table in _created)
            if (table is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    private static GrainId NewGrain() => new("escrow", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Upserted_reminder_reads_back_with_its_schedule_and_an_etag()
    {
        var table = CreateTable();
        var grain = NewGrain();
        var etag = await table.UpsertRowAsync(new ReminderEntry(grain, "deadline", Start, TimeSpan.FromMinutes(5)));

        var row = await CreateTable().ReadRowAsync(grain, "deadline");

        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("deadline", row.ReminderName);
        Assert.Equal(Start, row.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Null(row.LastTickAt);
        Assert.Equal(etag, row.ETag);
        Assert.Null(await table.ReadRowAsync(grain, "other"));
    }

    [Fact]
    public async Task Upserting_again_replaces_the_schedule_resets_the_last_tick_and_changes_the_etag()
    {
        var table = CreateTable();
        var grain = NewGrain();
        var first = await table.UpsertRowAsync(new ReminderEntry(grain, "deadline", Start, TimeSpan.FromMinutes(5)));
        Assert.True(await table.RecordTickAsync(grain, "deadline", first, Start));

        var second = await table.UpsertRowAsync(new ReminderEntry(grain, "deadline", Start.AddHours(1), TimeSpan.FromMinutes(7)));

        var row = await table.ReadRowAsync(grain, "deadline");
        Assert.NotEqual(first, second);
        Assert.Equal(second, row!.ETag);
        Assert.Equal(Start.AddHours(1), row.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(7), row.Period);
        Assert.Null(row.LastTickAt);
    }

    [Fact]
    public async Task A_tick_is_recorded_only_against_the_current_version()
    {
        var table = CreateTable();
        var grain = NewGrain();
        var old = await table.UpsertRowAsync(new ReminderEntry(grain, "r", Start, TimeSpan.FromMinutes(1)));
        var current = await table.UpsertRowAsync(new ReminderEntry(grain, "r", Start, TimeSpan.FromMinutes(1)));

        Assert.False(await table.RecordTickAsync(grain, "r", old, Start));
        Assert.Null((await table.ReadRowAsync(grain, "r"))!.LastTickAt);
        Assert.True(await table.RecordTickAsync(grain, "r", current, Start.AddMinutes(2)));
        Assert.Equal(Start.AddMinutes(2), (await CreateTable().ReadRowAsync(grain, "r"))!.LastTickAt);
    }

    [Fact]
    public async Task Rows_are_read_per_grain_and_the_grain_type_is_part_of_the_key()
    {
        var table = CreateTable();
        var key = Guid.NewGuid().ToString("N");
        var order = new GrainId("order", key);
        var rental = new GrainId("rental", key);
        await table.UpsertRowAsync(new ReminderEntry(order, "a", Start, TimeSpan.FromMinutes(1)));
        await table.UpsertRowAsync(new ReminderEntry(order, "b", Start, TimeSpan.FromMinutes(1)));
        await table.UpsertRowAsync(new ReminderEntry(rental, "a", Start, TimeSpan.FromMinutes(3)));

        var orderRows = await table.ReadRowsAsync(order);
        var rentalRows = await table.ReadRowsAsync(rental);

        Assert.Equal(["a", "b"], orderRows.Select(r => r.ReminderName).Order());
        Assert.Equal(TimeSpan.FromMinutes(3), Assert.Single(rentalRows).Period);
    }

    [Fact]
    public async Task Hash_ranges_partition_the_rows_including_a_range_that_wraps_around()
    {
        var table = CreateTable();
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToList();
        foreach (var grain in grains) await table.UpsertRowAsync(new ReminderEntry(grain, "r", Start, TimeSpan.FromMinutes(1)));
        const uint middle = uint.MaxValue / 2;
        var ours = grains.ToHashSet();

        async Task<HashSet<GrainId>> Read(ReminderHashRange range) =>
            (await table.ReadRowsAsync(range)).Select(r => r.GrainId).Where(ours.Contains).ToHashSet();

        var all = await Read(ReminderHashRange.Full);
        var low = await Read(new ReminderHashRange(0, middle));
        var high = await Read(new ReminderHashRange(middle + 1, uint.MaxValue));
        var wrapping = await Read(new ReminderHashRange(uint.MaxValue - 1000, middle)); // top sliver + low half

        Assert.Equal(ours, all);
        Assert.Empty(low.Intersect(high));
        Assert.Equal(ours, low.Union(high).ToHashSet());
        Assert.Equal(grains.Where(g => ReminderHash.Of(g) <= middle || ReminderHash.Of(g) >= uint.MaxValue - 1000).ToHashSet(), wrapping);
        Assert.NotEmpty(low);
        Assert.NotEmpty(high);
    }

    [Fact]
    public async Task Removing_deletes_the_row_once()
    {
        var table = CreateTable();
        var grain = NewGrain();
        await table.UpsertRowAsync(new ReminderEntry(grain, "r", Start, TimeSpan.FromMinutes(1)));

        Assert.True(await table.RemoveRowAsync(grain, "r"));
        Assert.False(await table.RemoveRowAsync(grain, "r"));
        Assert.Null(await CreateTable().ReadRowAsync(grain, "r"));
    }

    [Fact]
    public async Task A_reminder_without_a_positive_period_is_rejected_and_not_stored()
    {
        var table = CreateTable();
        var grain = NewGrain();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.UpsertRowAsync(new ReminderEntry(grain, "r", Start, TimeSpan.Zero)));
        Assert.Null(await table.ReadRowAsync(grain, "r"));
    }
}
