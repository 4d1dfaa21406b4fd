using Marketplace.Grains.Analytics;

namespace Marketplace.Grains.Tests.Analytics;

/// <summary>
/// Group commit as a grain uses it: every step runs on one exclusive scheduler (like an activation's
/// single-threaded turns); writes are held open with TaskCompletionSources to place calls during a write.
/// </summary>
public sealed class GroupCommitTests
{
    private readonly TaskScheduler _turns = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
    private readonly List<TaskCompletionSource> _writes = [];
    private int _reloads;
    private readonly GroupCommit _commit;

    public GroupCommitTests() => _commit = new GroupCommit(
        () => { var write = new TaskCompletionSource(); _writes.Add(write); return write.Task; },
        () => { _reloads++; return Task.CompletedTask; });

    private Task<T> OnTurn<T>(Func<T> action) => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.None, _turns);
    private Task OnTurn(Action action) => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.None, _turns);

    private async Task WaitForWritesAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await OnTurn(() => _writes.Count) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expected {count} writes, saw {_writes.Count}.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Changes_made_during_a_write_share_the_next_one()
    {
        var first = await OnTurn(() => Enumerable.Range(0, 10).Select(_ => _commit.CommitAsync()).ToList());
        await WaitForWritesAsync(1);
        var second = await OnTurn(() => Enumerable.Range(0, 5).Select(_ => _commit.CommitAsync()).ToList());
        Assert.All(first.Concat(second), t => Assert.False(t.IsCompleted)); // nothing acknowledged before durable

        await OnTurn(() => _writes[0].SetResult());
        await Task.WhenAll(first);
        await WaitForWritesAsync(2);
        Assert.All(second, t => Assert.False(t.IsCompleted));
        await OnTurn(() => _writes[1].SetResult());
        await Task.WhenAll(second);
        Assert.Equal(2, await OnTurn(() => _writes.Count)); // 15 changes, 2 writes
    }

    [Fact]
    public async Task A_failed_write_reloads_once_and_fails_every_change_it_dropped()
    {
        var written = await OnTurn(() => _commit.CommitAsync());
        await WaitForWritesAsync(1);
        var gathered = await OnTurn(() => _commit.CommitAsync());
        var duplicate = await OnTurn(() => _commit.WhenDurableAsync());

        await OnTurn(() => _writes[0].SetException(new IOException("disk full")));
        await Assert.ThrowsAsync<IOException>(() => written);
        await Assert.ThrowsAsync<IOException>(() => gathered);
        await Assert.ThrowsAsync<IOException>(() => duplicate);
        Assert.Equal(1, await OnTurn(() => _reloads));
        Assert.Equal(1, await OnTurn(() => _writes.Count)); // the dropped changes are not written: their senders redeliver

        var retry = await OnTurn(() => _commit.CommitAsync());
        await WaitForWritesAsync(2);
        await OnTurn(() => _writes[1].SetResult());
        await retry;
    }

    [Fact]
    public async Task A_repeat_is_acknowledged_no_earlier_than_the_original_and_once_idle_at_once()
    {
        Assert.True((await OnTurn(() => _commit.WhenDurableAsync())).IsCompletedSuccessfully);
        var original = await OnTurn(() => _commit.CommitAsync());
        await WaitForWritesAsync(1);
        var repeat = await OnTurn(() => _commit.WhenDurableAsync());
        Assert.False(repeat.IsCompleted);
        await OnTurn(() => _writes[0].SetResult());
        await Task.WhenAll(original, repeat);
    }

    [Fact]
    public async Task One_caller_per_write_announces_the_change()
    {
        var claims = await OnTurn(() => Enumerable.Range(0, 4).Select(_ => _commit.CommitAndClaimAnnouncementAsync()).ToList());
        await WaitForWritesAsync(1);
        await OnTurn(() => _writes[0].SetResult());
        Assert.Equal(1, (await Task.WhenAll(claims)).Count(c => c));
    }
}
