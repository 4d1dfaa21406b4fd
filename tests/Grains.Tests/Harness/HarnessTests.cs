using Orleans.Storage;

namespace Marketplace.Grains.Tests.Harness;

/// <summary>The harness's fakes keep the rules of what they stand in for, or the grain tests would prove less.</summary>
public sealed class HarnessTests
{
    private static readonly GrainId Id = GrainId.Create("order", "o-1");

    public sealed class Counter
    {
        public int Value { get; set; }
    }

    [Fact]
    public async Task Storage_refuses_a_write_with_a_stale_etag_and_keeps_the_state_as_json()
    {
        var storage = new JsonGrainStorage();
        var first = new GrainState<Counter>(new Counter());
        var second = new GrainState<Counter>(new Counter());
        await storage.ReadStateAsync("counter", Id, first);
        await storage.ReadStateAsync("counter", Id, second);
        Assert.False(first.RecordExists);

        first.State!.Value = 1;
        await storage.WriteStateAsync("counter", Id, first);
        second.State!.Value = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Id, second)); // read before the first write
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("counter", Id, second));

        var read = new GrainState<Counter>(new Counter());
        await storage.ReadStateAsync("counter", Id, read);
        Assert.Equal((true, 1, first.ETag), (read.RecordExists, read.State!.Value, read.ETag));
        Assert.NotSame(first.State, read.State); // a copy read back from text, not the written object
    }

    [Fact]
    public async Task Reminders_keep_orleans_minimum_period()
    {
        var reminders = new HarnessReminders(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reminders.RegisterOrUpdateReminder(Id, "r", TimeSpan.Zero, TimeSpan.FromSeconds(59)));
        await reminders.RegisterOrUpdateReminder(Id, "r", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
        Assert.True(reminders.Contains(Id, "r"));
        Assert.Empty(reminders.DueAt(DateTimeOffset.UnixEpoch.AddSeconds(4)));
        Assert.Single(reminders.DueAt(DateTimeOffset.UnixEpoch.AddSeconds(5)));
    }
}
