using Orleans;
using Orleans.Runtime;

namespace Marketplace.Persistence.Tests.Reminders;

/// <summary>
/// What Orleans' reminder service relies on from any <see cref="IReminderTable"/>, run against our SQLite
/// table and against Orleans' ADO.NET table on our PostgreSQL scripts.
/// </summary>
public abstract class ReminderTableContract
{
    protected abstract Task<IReminderTable> CreateTableAsync();

    private static ReminderEntry Entry(GrainId grain, string name, DateTime start, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = start, Period = period };

    private static GrainId Grain(string key) => GrainId.Create("test-reminder", key);

    // Both tables keep at least millisecond precision.
    private static void AssertSameTime(DateTime expected, DateTime actual) =>
        Assert.InRange((actual.ToUniversalTime() - expected).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

    protected async Task RunUpsertReadRemove()
    {
        var table = await CreateTableAsync();
        var grain = Grain("contract-1");
        var start = new DateTime(2026, 3, 1, 12, 30, 15, 123, DateTimeKind.Utc);

        Assert.Null(await table.ReadRow(grain, "payment-deadline"));
        var first = await table.UpsertRow(Entry(grain, "payment-deadline", start, TimeSpan.FromMinutes(30)));
        Assert.False(string.IsNullOrEmpty(first));

        var read = await table.ReadRow(grain, "payment-deadline");
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("payment-deadline", read.ReminderName);
        AssertSameTime(start, read.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(30), read.Period);
        Assert.Equal(first, read.ETag);

        // Changing a reminder changes its ETag; the old one no longer removes it.
        var second = await table.UpsertRow(Entry(grain, "payment-deadline", start.AddHours(1), TimeSpan.FromHours(72)));
        Assert.NotEqual(first, second);
        read = await table.ReadRow(grain, "payment-deadline");
        AssertSameTime(start.AddHours(1), read!.StartAt);
        Assert.Equal(TimeSpan.FromHours(72), read.Period);

        Assert.False(await table.RemoveRow(grain, "payment-deadline", first!));
        Assert.NotNull(await table.ReadRow(grain, "payment-deadline"));
        Assert.True(await table.RemoveRow(grain, "payment-deadline", second!));
        Assert.Null(await table.ReadRow(grain, "payment-deadline"));
        Assert.False(await table.RemoveRow(grain, "payment-deadline", second!));
    }

    protected async Task RunReadRowsOfGrain()
    {
        var table = await CreateTableAsync();
        var grain = Grain("contract-2");
        var now = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        await table.UpsertRow(Entry(grain, "ship-by", now, TimeSpan.FromHours(72)));
        await table.UpsertRow(Entry(grain, "protection", now, TimeSpan.FromHours(72)));
        await table.UpsertRow(Entry(Grain("contract-2-other"), "ship-by", now, TimeSpan.FromHours(72)));

        var rows = await table.ReadRows(grain);
        Assert.Equal(["protection", "ship-by"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    protected async Task RunReadRowsOfRingRange()
    {
        var table = await CreateTableAsync();
        var now = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        // Grains spread over the ring, some above 2^31 (negative as signed numbers, which is how the
        // PostgreSQL table stores them), ordered by their hash.
        var grains = Enumerable.Range(0, 40).Select(i => Grain($"ring-{i}"))
            .OrderBy(g => g.GetUniformHashCode()).ToList();
        Assert.Contains(grains, g => g.GetUniformHashCode() > int.MaxValue);
        Assert.Contains(grains, g => g.GetUniformHashCode() <= int.MaxValue);
        foreach (var grain in grains)
            await table.UpsertRow(Entry(grain, "r", now, TimeSpan.FromMinutes(1)));

        async Task AssertRange(uint begin, uint end)
        {
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order();
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order();
            Assert.Equal(expected, actual);
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).ToList();
        // Exclusive begin, inclusive end, exactly on stored hashes.
        await AssertRange(hashes[3], hashes[10]);
        // A range across 2^31 (wraps in signed order, not in unsigned).
        var low = hashes.Last(h => h <= int.MaxValue);
        var high = hashes.First(h => h > int.MaxValue);
        await AssertRange(low - 1, high);
        // A range across 2^32 (wraps in unsigned order).
        await AssertRange(hashes[^3], hashes[2]);
        // Within the upper half only.
        await AssertRange(high, hashes[^1]);
        // begin = end: the whole ring.
        await AssertRange(hashes[5], hashes[5]);
        Assert.Equal(grains.Count, (await table.ReadRows(0u, 0u)).Reminders.Count);

        await table.TestOnlyClearTable();
        Assert.Empty((await table.ReadRows(0u, 0u)).Reminders);
    }

    // Orleans' ring range: (begin, end], wrapping when begin >= end.
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
