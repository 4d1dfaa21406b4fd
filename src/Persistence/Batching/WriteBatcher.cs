namespace Marketplace.Persistence.Batching;

/// <summary>
/// Group commit for concurrent writers of one database: requests that arrive while a batch is being
/// written are written together in the next batch (one transaction, one sync to disk), so n concurrent
/// writers cost far fewer than n commits. Each request completes only after its own batch committed,
/// so an acknowledged write is as durable as with a commit per write. A failed batch is retried one
/// request at a time, so one bad request fails alone.
/// </summary>
/// <param name="writeBatch">Writes the requests in one transaction and answers one result per request, in order.</param>
public sealed class WriteBatcher<TRequest, TResult>(
    Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> writeBatch, int maxBatchSize = 256)
{
    private readonly Lock _gate = new();
    private List<Pending> _queue = [];
    private bool _draining;

    public Task<TResult> SubmitAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(request);
        bool start;
        lock (_gate)
        {
            _queue.Add(pending);
            start = !_draining;
            _draining = true;
        }
        if (start) _ = Task.Run(DrainAsync, CancellationToken.None);
        // Once queued the write goes ahead; a cancelled caller just stops waiting for it.
        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }
                if (_queue.Count <= maxBatchSize)
                {
                    batch = _queue;
                    _queue = [];
                }
                else
                {
                    batch = _queue.GetRange(0, maxBatchSize);
                    _queue.RemoveRange(0, maxBatchSize);
                }
            }
            await WriteAsync(batch);
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            var results = await writeBatch(batch.ConvertAll(p => p.Request));
            if (results.Count != batch.Count) throw new InvalidOperationException($"A batch of {batch.Count} writes answered {results.Count} results.");
            for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var pending in batch) await WriteAsync([pending]);
        }
        catch (Exception ex)
        {
            batch[0].Completion.TrySetException(ex);
        }
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;
        // Continuations run elsewhere, so the drain loop moves on to the next batch at once.
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
