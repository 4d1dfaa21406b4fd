namespace Marketplace.Runtime.Messaging;

/// <summary>Where the outcome of a request goes: the caller's task locally, a socket for a remote caller.</summary>
public interface IResponseSink
{
    void SetException(Exception exception);
    /// <summary>For transports that only know the result as an object.</summary>
    void SetBoxedResult(object? result);
}

/// <summary>Typed completion, so local results are never boxed.</summary>
public interface IResponseSink<in TResult> : IResponseSink
{
    void SetResult(TResult result);
}
