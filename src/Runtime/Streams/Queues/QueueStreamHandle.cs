using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Streams.Queues;

internal sealed class QueueStreamHandle<T>(QueueStreamProvider provider, StreamId streamId, Guid handleId, bool isImplicit) : StreamSubscriptionHandle<T>
{
    public override StreamId StreamId => streamId;
    public override Guid HandleId => handleId;

    public override Task UnsubscribeAsync()
    {
        if (isImplicit) throw new InvalidOperationException($"Implicit subscriptions to {streamId} cannot be removed: they follow the grain class attribute.");
        provider.Subscriptions.Remove(streamId, handleId);
        return Task.CompletedTask;
    }

    /// <summary>Attaches the observer to this handle for the calling activation (or for non-grain code).</summary>
    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(observer);
        provider.Subscriptions.Bind(handleId, CreateBinding(observer));
        return Task.FromResult<StreamSubscriptionHandle<T>>(this);
    }

    internal static ObserverBinding CreateBinding(IAsyncObserver<T> observer) => new(
        RequestContext.Turn?.Activation,
        typeof(T),
        (token, item) => observer.OnNextAsync((T)item, token));

    public override bool Equals(object? obj) => obj is QueueStreamHandle<T> other && other.HandleId == HandleId;
    public override int GetHashCode() => HandleId.GetHashCode();
}

internal sealed class QueueStreamHandleFactory(QueueStreamProvider provider, StreamId streamId, Guid handleId, bool isImplicit)
    : IStreamSubscriptionHandleFactory
{
    public StreamId StreamId => streamId;
    public string ProviderName => provider.Name;
    public StreamSubscriptionHandle<T> Create<T>() => new QueueStreamHandle<T>(provider, streamId, handleId, isImplicit);
}
