using System.Collections.Concurrent;
using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Transport;

/// <summary>Caller side: a grain call sent to another silo; the response completes the caller's sink.</summary>
internal sealed class RemoteGrainCall(GrainMessage message, IResponseSink sink, WireCodec codec) : IOutstandingCall
{
    private readonly Type _resultType = WireCodec.ResultTypeOf(message.Method);

    public DateTimeOffset Deadline => message.Deadline;

    public void Complete(WireFrame response)
    {
        if (response.Kind == FrameKind.Error) sink.SetException(WireCodec.DecodeError(response));
        else sink.SetBoxedResult(codec.DecodeResult(response, _resultType));
    }

    public void Fail(Exception exception) => sink.SetException(exception);
}

/// <summary>A stream delivery waiting for the grain's silo to confirm it (null) or report the failure.</summary>
internal sealed class DeliveryCall(DateTimeOffset deadline) : TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously), IOutstandingCall
{
    public DateTimeOffset Deadline => deadline;
    public void Complete(WireFrame response) => TrySetResult(response.Kind == FrameKind.Error ? WireCodec.DecodeError(response) : null);
    public void Fail(Exception exception) => TrySetResult(exception);
}

/// <summary>A probe waiting for its pong.</summary>
internal sealed class PingCall(DateTimeOffset deadline) : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), IOutstandingCall
{
    public DateTimeOffset Deadline => deadline;
    public void Complete(WireFrame response) => TrySetResult(response.Kind == FrameKind.Pong);
    public void Fail(Exception exception) => TrySetResult(false);
}

/// <summary>
/// Callee side: where the activation puts the outcome of a request that came over the network.
/// Typed by the method's result so the grain method completes it without boxing; sends one frame back.
/// </summary>
internal abstract class RemoteResponseSink : IResponseSink
{
    private static readonly ConcurrentDictionary<Type, Func<Connection, long, WireCodec, RemoteResponseSink>> Factories = new();

    public static RemoteResponseSink Create(Type resultType, Connection connection, long callId, WireCodec codec) =>
        Factories.GetOrAdd(resultType, static type =>
            typeof(RemoteResponseSink).GetMethod(nameof(CreateTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).CreateDelegate<Func<Connection, long, WireCodec, RemoteResponseSink>>())(connection, callId, codec);

    private static RemoteResponseSink CreateTyped<TResult>(Connection connection, long callId, WireCodec codec) =>
        new RemoteResponseSink<TResult>(connection, callId, codec);

    public abstract void SetException(Exception exception);
    public abstract void SetBoxedResult(object? result);
}

internal sealed class RemoteResponseSink<TResult>(Connection connection, long callId, WireCodec codec) : RemoteResponseSink, IResponseSink<TResult>
{
    private int _completed;

    public void SetResult(TResult result) => Send(result);

    public override void SetBoxedResult(object? result) => Send(result);

    public override void SetException(Exception exception)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        Post(WireCodec.EncodeError(callId, exception));
    }

    private void Send(object? result)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        WireFrame frame;
        try
        {
            frame = new WireFrame { Kind = FrameKind.Response, CallId = callId, Body = codec.EncodeResult(result, typeof(TResult)) };
        }
        catch (Exception exception)
        {
            frame = WireCodec.EncodeError(callId, new InvalidOperationException($"The result could not be serialized: {exception.Message}", exception));
        }
        Post(frame);
    }

    private void Post(WireFrame frame)
    {
        var sending = connection.SendAsync(frame);
        // A closed connection: the caller already failed with SiloUnavailableException.
        if (!sending.IsCompleted) _ = sending.AsTask().ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        else if (sending.IsFaulted) _ = sending.AsTask().Exception;
    }
}
