namespace Marketplace.Grains.Tests.Harness;

/// <summary>
/// An <see cref="IAsyncStream{T}"/> that only produces (grains publish, nothing subscribes): the test
/// providers implement <see cref="OnNextAsync"/> and nothing else of Orleans' wide stream interface.
/// </summary>
public abstract class ProducerOnlyStream<T>(StreamId streamId, string providerName) : IAsyncStream<T>
{
    public StreamId StreamId => streamId;
    public string ProviderName => providerName;
    public bool IsRewindable => false;

    public abstract Task OnNextAsync(T item, StreamSequenceToken? token = null);

    public async Task OnNextBatchAsync(IEnumerable<T> batch, StreamSequenceToken? token = null)
    {
        foreach (var item in batch) await OnNextAsync(item, token);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer) => throw new NotSupportedException();
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? token, string? filterData = null) => throw new NotSupportedException();
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer) => throw new NotSupportedException();
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer, StreamSequenceToken? token) => throw new NotSupportedException();
    public Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => throw new NotSupportedException();

    public bool Equals(IAsyncStream<T>? other) => other is not null && StreamId.Equals(other.StreamId) && ProviderName == other.ProviderName;
    public int CompareTo(IAsyncStream<T>? other) => other is null ? 1 : StreamId.CompareTo(other.StreamId);
    public override bool Equals(object? obj) => obj is IAsyncStream<T> other && Equals(other);
    public override int GetHashCode() => StreamId.GetHashCode();
}

/// <summary>An <see cref="IAsyncStream{T}"/> in front of a real one: everything passes through except what a subclass overrides.</summary>
public abstract class StreamDecorator<T>(IAsyncStream<T> inner) : IAsyncStream<T>
{
    protected IAsyncStream<T> Inner => inner;
    public StreamId StreamId => inner.StreamId;
    public string ProviderName => inner.ProviderName;
    public bool IsRewindable => inner.IsRewindable;

    public virtual Task OnNextAsync(T item, StreamSequenceToken? token = null) => inner.OnNextAsync(item, token);

    public async Task OnNextBatchAsync(IEnumerable<T> batch, StreamSequenceToken? token = null)
    {
        foreach (var item in batch) await OnNextAsync(item, token);
    }

    public Task OnCompletedAsync() => inner.OnCompletedAsync();
    public Task OnErrorAsync(Exception ex) => inner.OnErrorAsync(ex);

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer) => inner.SubscribeAsync(observer);
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? token, string? filterData = null) =>
        inner.SubscribeAsync(observer, token, filterData);
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer) => inner.SubscribeAsync(observer);
    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer, StreamSequenceToken? token) => inner.SubscribeAsync(observer, token);
    public Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => inner.GetAllSubscriptionHandles();

    public bool Equals(IAsyncStream<T>? other) => inner.Equals(other);
    public int CompareTo(IAsyncStream<T>? other) => inner.CompareTo(other);
    public override bool Equals(object? obj) => obj is IAsyncStream<T> other && Equals(other);
    public override int GetHashCode() => inner.GetHashCode();
}
