namespace Marketplace.GraphQL.DataLoader;

/// <summary>Something that can have keys waiting for a batch call.</summary>
internal interface IBatchDispatcher
{
    bool HasPendingKeys { get; }
    void Dispatch();
}

/// <summary>
/// Request-scoped batching loader. <see cref="LoadAsync"/> queues the key; the executor calls
/// dispatch when it has no more synchronous work, so keys asked for by sibling resolvers go
/// out in one batch call. Each key's result is cached for the request.
/// </summary>
public sealed class DataLoader<TKey, TValue> : IBatchDispatcher
    where TKey : notnull
{
    private readonly BatchLoadFunction<TKey, TValue> _batch;
    private readonly DataLoaderScope _scope;
    private readonly Dictionary<TKey, Task<TValue?>> _cache = new();
    private List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> _queue = new();
    private readonly object _gate = new();

    internal DataLoader(BatchLoadFunction<TKey, TValue> batch, DataLoaderScope scope)
    {
        _batch = batch;
        _scope = scope;
    }

    public bool HasPendingKeys
    {
        get
        {
            lock (_gate) return _queue.Count > 0;
        }
    }

    /// <summary>Number of batch calls made (diagnostics and tests).</summary>
    public int BatchCount { get; private set; }

    public Task<TValue?> LoadAsync(TKey key)
    {
        bool first;
        Task<TValue?> task;
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var cached)) return cached;
            var source = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _cache[key] = source.Task;
            first = _queue.Count == 0;
            _queue.Add(new(key, source));
            task = source.Task;
        }

        if (first) _scope.NotifyPending(this);
        return task;
    }

    public async Task<IReadOnlyList<TValue?>> LoadManyAsync(IEnumerable<TKey> keys)
    {
        var tasks = keys.Select(LoadAsync).ToArray();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Puts a value in the cache (e.g. an object fetched another way).</summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_gate) _cache.TryAdd(key, Task.FromResult<TValue?>(value));
    }

    public void Dispatch()
    {
        List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> batch;
        lock (_gate)
        {
            if (_queue.Count == 0) return;
            batch = _queue;
            _queue = new();
            BatchCount++;
        }

        _ = RunBatchAsync(batch);
    }

    private async Task RunBatchAsync(List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> batch)
    {
        try
        {
            var keys = new TKey[batch.Count];
            for (var i = 0; i < keys.Length; i++) keys[i] = batch[i].Key;
            var results = await _batch(keys, _scope.CancellationToken).ConfigureAwait(false);
            foreach (var (key, source) in batch)
                source.TrySetResult(results.TryGetValue(key, out var value) ? value : default);
        }
        catch (Exception ex)
        {
            foreach (var (_, source) in batch) source.TrySetException(ex);
        }
    }
}

/// <summary>The loaders of one request, and the executor's hook to dispatch them.</summary>
public sealed class DataLoaderScope
{
    private readonly Dictionary<string, object> _loaders = new(StringComparer.Ordinal);
    private readonly List<IBatchDispatcher> _pending = new();
    private readonly object _gate = new();

    public DataLoaderScope(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    public CancellationToken CancellationToken { get; }

    /// <summary>Raised when a loader gets its first queued key; the executor wakes up to dispatch if idle.</summary>
    internal Action? PendingSignal { get; set; }

    public DataLoader<TKey, TValue> GetOrCreate<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batch)
        where TKey : notnull
    {
        lock (_gate)
        {
            if (_loaders.TryGetValue(name, out var existing))
                return existing as DataLoader<TKey, TValue>
                    ?? throw new InvalidOperationException($"Data loader '{name}' was already created with other key/value types.");
            var loader = new DataLoader<TKey, TValue>(batch, this);
            _loaders[name] = loader;
            return loader;
        }
    }

    internal void NotifyPending(IBatchDispatcher loader)
    {
        lock (_gate) _pending.Add(loader);
        PendingSignal?.Invoke();
    }

    internal bool HasPending
    {
        get
        {
            lock (_gate) return _pending.Count > 0;
        }
    }

    /// <summary>Starts a batch call on every loader that has queued keys.</summary>
    public void DispatchAll()
    {
        IBatchDispatcher[] loaders;
        lock (_gate)
        {
            if (_pending.Count == 0) return;
            loaders = _pending.ToArray();
            _pending.Clear();
        }

        foreach (var loader in loaders) loader.Dispatch();
    }
}
