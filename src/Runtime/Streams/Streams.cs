namespace Marketplace.Runtime.Streams;

/// <summary>A stream is addressed by namespace and key; an implicit subscriber grain has the same key.</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public static StreamId Create(string @namespace, string key) => new(@namespace, key);
    public override string ToString() => $"{Namespace}/{Key}";
}

/// <summary>Position of an event in its stream; consumers remember the last one they applied.</summary>
public sealed record StreamSequenceToken(long SequenceNumber, int EventIndex = 0) : IComparable<StreamSequenceToken>
{
    public int CompareTo(StreamSequenceToken? other) => other is null ? 1
        : SequenceNumber != other.SequenceNumber ? SequenceNumber.CompareTo(other.SequenceNumber)
        : EventIndex.CompareTo(other.EventIndex);
}

public interface IAsyncObserver<in T>
{
    Task OnNextAsync(T item, StreamSequenceToken? token = null);
    Task OnCompletedAsync() => Task.CompletedTask;
    Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

public interface IStreamProvider
{
    string Name { get; }
    IAsyncStream<T> GetStream<T>(StreamId streamId);
}

public interface IAsyncStream<T>
{
    StreamId StreamId { get; }
    /// <summary>Completes once the event is accepted by the provider (durably, for durable providers).</summary>
    Task OnNextAsync(T item, StreamSequenceToken? token = null);
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer);
    Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles();
}

public abstract class StreamSubscriptionHandle<T>
{
    public abstract StreamId StreamId { get; }
    public abstract Guid HandleId { get; }
    public abstract Task UnsubscribeAsync();
    public abstract Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer, StreamSequenceToken? token = null);
}

/// <summary>
/// Every stream in the namespace is delivered to the grain of this class whose key is the stream key,
/// activating it if needed. The grain implements <see cref="IStreamSubscriptionObserver"/> to attach its observer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string @namespace) : Attribute
{
    public string Namespace { get; } = @namespace;
}

/// <summary>Called on an implicitly subscribed grain when a stream delivers to it; resume the handle with an observer.</summary>
public interface IStreamSubscriptionObserver
{
    Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory);
}

public interface IStreamSubscriptionHandleFactory
{
    StreamId StreamId { get; }
    string ProviderName { get; }
    StreamSubscriptionHandle<T> Create<T>();
}
