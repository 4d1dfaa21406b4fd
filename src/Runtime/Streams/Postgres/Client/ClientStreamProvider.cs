using Marketplace.Runtime.Streams.Queues;

namespace Marketplace.Runtime.Streams.Postgres.Client;

/// <summary>
/// The durable PostgreSQL stream provider as seen from a cluster client (the gateway): producing
/// enqueues like a silo does; subscribing registers a live observer in this process, fed by
/// <see cref="StreamNotificationListener"/> from the NOTIFY each enqueue sends on commit. Client
/// subscriptions are live (events from the moment of subscribing) and not durable: when the listening
/// connection was lost, every observer gets <see cref="StreamEventsMissedException"/> through OnErrorAsync.
/// </summary>
internal sealed class ClientStreamProvider(string name, IQueueAdapter adapter) : IStreamProvider
{
    private readonly object _sync = new();
    private readonly Dictionary<StreamId, List<ClientSubscription>> _byStream = [];

    public string Name { get; } = name;

    public IAsyncStream<T> GetStream<T>(StreamId streamId)
    {
        if (string.IsNullOrEmpty(streamId.Namespace) || streamId.Key is null)
            throw new ArgumentException($"Stream id '{streamId}' needs a namespace and a key.", nameof(streamId));
        return new ClientStream<T>(this, streamId);
    }

    internal Task<StreamSequenceToken> EnqueueAsync(StreamId streamId, object item) => adapter.EnqueueAsync(streamId, item, CancellationToken.None);

    internal void Add(ClientSubscription subscription)
    {
        lock (_sync)
        {
            if (!_byStream.TryGetValue(subscription.StreamId, out var list)) _byStream[subscription.StreamId] = list = [];
            list.RemoveAll(s => s.HandleId == subscription.HandleId);
            list.Add(subscription);
        }
    }

    internal void Remove(StreamId streamId, Guid handleId)
    {
        lock (_sync)
        {
            if (!_byStream.TryGetValue(streamId, out var list)) return;
            list.RemoveAll(s => s.HandleId == handleId);
            if (list.Count == 0) _byStream.Remove(streamId);
        }
    }

    internal IReadOnlyList<ClientSubscription> ForStream(StreamId streamId)
    {
        lock (_sync) return _byStream.TryGetValue(streamId, out var list) ? list.ToArray() : [];
    }

    internal IReadOnlyList<ClientSubscription> All()
    {
        lock (_sync) return _byStream.Values.SelectMany(l => l).ToArray();
    }
}

/// <summary>An observer attached in this process; <see cref="ItemType"/> filters the events it accepts.</summary>
internal sealed record ClientSubscription(Guid HandleId, StreamId StreamId, Type ItemType,
    Func<StreamSequenceToken, object, Task> OnNext, Func<Exception, Task> OnError);

/// <summary>Events of a stream were published while this client was not listening (its connection to PostgreSQL broke) or could not be read.</summary>
public sealed class StreamEventsMissedException(StreamId streamId, string reason)
    : Exception($"Events of stream {streamId} may have been missed: {reason}")
{
    public StreamId StreamId { get; } = streamId;
}

internal sealed class ClientStream<T>(ClientStreamProvider provider, StreamId streamId) : IAsyncStream<T>
{
    public StreamId StreamId => streamId;

    public async Task OnNextAsync(T item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        await provider.EnqueueAsync(streamId, item);
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var handle = new ClientStreamHandle<T>(provider, streamId, Guid.NewGuid());
        provider.Add(handle.Bind(observer));
        return Task.FromResult<StreamSubscriptionHandle<T>>(handle);
    }

    public Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles()
    {
        IReadOnlyList<StreamSubscriptionHandle<T>> handles = provider.ForStream(streamId)
            .Where(s => s.ItemType == typeof(T))
            .Select(s => (StreamSubscriptionHandle<T>)new ClientStreamHandle<T>(provider, streamId, s.HandleId))
            .ToArray();
        return Task.FromResult(handles);
    }
}

internal sealed class ClientStreamHandle<T>(ClientStreamProvider provider, StreamId streamId, Guid handleId) : StreamSubscriptionHandle<T>
{
    public override StreamId StreamId => streamId;
    public override Guid HandleId => handleId;

    public override Task UnsubscribeAsync()
    {
        provider.Remove(streamId, handleId);
        return Task.CompletedTask;
    }

    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(observer);
        provider.Add(Bind(observer));
        return Task.FromResult<StreamSubscriptionHandle<T>>(this);
    }

    internal ClientSubscription Bind(IAsyncObserver<T> observer) =>
        new(handleId, streamId, typeof(T), (token, item) => observer.OnNextAsync((T)item, token), observer.OnErrorAsync);

    public override bool Equals(object? obj) => obj is ClientStreamHandle<T> other && other.HandleId == HandleId;
    public override int GetHashCode() => HandleId.GetHashCode();
}
