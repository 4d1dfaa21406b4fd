using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Streams.Queues;

internal sealed class QueueStream<T>(QueueStreamProvider provider, StreamId streamId) : IAsyncStream<T>
{
    public StreamId StreamId => streamId;

    /// <summary>The provider assigns the sequence token; a token passed by the producer is not used.</summary>
    public async Task OnNextAsync(T item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        await provider.Adapter.EnqueueAsync(streamId, item, CancellationToken.None);
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = provider.Subscriptions.Add(streamId, RequestContext.Turn?.Activation.GrainId);
        provider.Subscriptions.Bind(subscription.HandleId, QueueStreamHandle<T>.CreateBinding(observer));
        return Task.FromResult<StreamSubscriptionHandle<T>>(new QueueStreamHandle<T>(provider, streamId, subscription.HandleId, isImplicit: false));
    }

    /// <summary>The caller's own subscriptions to this stream (the calling grain's, or those made outside grains).</summary>
    public Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles()
    {
        var subscriber = RequestContext.Turn?.Activation.GrainId;
        IReadOnlyList<StreamSubscriptionHandle<T>> handles = provider.Subscriptions.ForStream(streamId)
            .Where(s => s.Subscriber == subscriber)
            .Select(s => (StreamSubscriptionHandle<T>)new QueueStreamHandle<T>(provider, streamId, s.HandleId, isImplicit: false))
            .ToArray();
        return Task.FromResult(handles);
    }
}
