namespace Marketplace.Grains.Analytics;

/// <summary>
/// Group commit of one grain's state: callers change the state in memory, then await
/// <see cref="CommitAsync"/>; one write covers every change made meanwhile, so a grain applying
/// n events writes far fewer than n times. Only for use inside one activation (its turns are
/// single-threaded, so the fields need no lock); the grain method awaiting it must be able to
/// interleave ([AlwaysInterleave] or a reentrant grain), otherwise nothing can join a batch.
/// A failed write runs <c>reload</c> (undoing every change not yet durable) and fails every waiter
/// whose change was lost: the batch being written and the one gathered during the write.
/// </summary>
public sealed class GroupCommit(Func<Task> write, Func<Task> reload)
{
    private Batch? _gathering; // changes made since the current write started
    private Batch? _writing;   // changes the current write covers
    private bool _running;

    /// <summary>Completes when the changes made so far are durable; throws when they were lost.</summary>
    public Task CommitAsync() => Join().Task;

    /// <summary>
    /// Like <see cref="CommitAsync"/>, and true for exactly one caller per write: the one that
    /// should announce the change (one notification per write instead of one per event).
    /// </summary>
    public async Task<bool> CommitAndClaimAnnouncementAsync()
    {
        var batch = Join();
        await batch.Task;
        return batch.ClaimAnnouncement();
    }

    /// <summary>
    /// For a caller whose change was already made by someone else (a duplicate event): completes once
    /// every change made so far is durable, so a repeat is acknowledged no earlier than the original.
    /// </summary>
    public Task WhenDurableAsync() => (_gathering ?? _writing)?.Task ?? Task.CompletedTask;

    private Batch Join()
    {
        var batch = _gathering ??= new Batch();
        if (!_running)
        {
            _running = true;
            _ = RunAsync();
        }
        return batch;
    }

    private async Task RunAsync()
    {
        try
        {
            // Let requests already queued on this activation apply their changes into the same write.
            await Task.Yield();
            while (_gathering is { } batch)
            {
                _gathering = null;
                _writing = batch;
                try
                {
                    await write();
                    _writing = null;
                    batch.Complete(null);
                }
                catch (Exception writeFailure)
                {
                    Exception failure = writeFailure;
                    try
                    {
                        await reload();
                    }
                    catch (Exception reloadFailure)
                    {
                        failure = new AggregateException(writeFailure, reloadFailure);
                    }
                    // The reload dropped the changes of both batches; their senders must redeliver.
                    var lost = _gathering;
                    _gathering = null;
                    _writing = null;
                    batch.Complete(failure);
                    lost?.Complete(failure);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    private sealed class Batch
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _announced;

        public Task Task => _done.Task;

        public void Complete(Exception? failure)
        {
            if (failure is null) _done.SetResult();
            else _done.SetException(failure);
        }

        public bool ClaimAnnouncement()
        {
            if (_announced) return false;
            _announced = true;
            return true;
        }
    }
}
