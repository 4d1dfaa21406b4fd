using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Transport;

/// <summary>Caller side: a grain call sent to another silo; the response completes the caller's sink, typed.</summary>
internal sealed class RemoteGrainCall(GrainMessage message, IResponseSink sink, ResultCodec result, WireCodec codec) : IOutstandingCall
{
    public DateTimeOffset Deadline => message.Deadline;

    public void Complete(FrameKind kind, ReadOnlySpan<byte> body)
    {
        if (kind == FrameKind.Response) result.Complete(sink, body);
        else sink.SetException(kind == FrameKind.Error ? codec.DecodeError(body) : new InvalidDataException($"A {kind} frame answered a grain call."));
    }

    public void Fail(Exception exception) => sink.SetException(exception);

    public void Expire(string remote) => sink.SetException(new TimeoutException(
        $"Call to grain {message.Target} method {message.Method.Name} got no response from {remote} by its deadline ({message.Deadline:O})."));
}

/// <summary>A stream delivery waiting for the grain's silo to confirm it (null) or report the failure.</summary>
internal sealed class DeliveryCall(DateTimeOffset deadline, WireCodec codec) : TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously), IOutstandingCall
{
    public DateTimeOffset Deadline => deadline;
    public void Complete(FrameKind kind, ReadOnlySpan<byte> body) => TrySetResult(kind == FrameKind.Error ? codec.DecodeError(body) : null);
    public void Fail(Exception exception) => TrySetResult(exception);
}

/// <summary>A probe waiting for its pong.</summary>
internal sealed class PingCall(DateTimeOffset deadline) : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), IOutstandingCall
{
    public DateTimeOffset Deadline => deadline;
    public void Complete(FrameKind kind, ReadOnlySpan<byte> body) => TrySetResult(kind == FrameKind.Pong);
    public void Fail(Exception exception) => TrySetResult(false);
}

/// <summary>
/// Callee side: where the activation puts the outcome of a request that came over the network.
/// Typed by the method's result (see <see cref="ResultCodec{TResult}"/>) so the grain method completes it without boxing.
/// </summary>
internal abstract class RemoteResponseSink : IResponseSink
{
    public abstract void SetException(Exception exception);
    public abstract void SetBoxedResult(object? result);
}

internal sealed class RemoteResponseSink<TResult>(Connection connection, long callId, ResultCodec<TResult> result, WireCodec codec)
    : RemoteResponseSink, IResponseSink<TResult>
{
    private int _completed;

    public void SetResult(TResult value)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        FrameWriter frame;
        try
        {
            frame = result.Encode(callId, value);
        }
        catch (Exception exception)
        {
            frame = codec.EncodeError(callId, new InvalidOperationException($"The result could not be serialized: {exception.Message}", exception));
        }
        Post(frame);
    }

    public override void SetBoxedResult(object? value)
    {
        switch (value)
        {
            case TResult typed: SetResult(typed); break;
            case null: SetResult(default!); break;
            default: SetException(new InvalidCastException($"The result is a {value.GetType().Name}, not a {typeof(TResult).Name}.")); break;
        }
    }

    public override void SetException(Exception exception)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        Post(codec.EncodeError(callId, exception));
    }

    private void Post(FrameWriter frame)
    {
        var sending = connection.SendAsync(frame);
        // A closed connection: the caller already failed with SiloUnavailableException.
        if (!sending.IsCompleted) _ = sending.AsTask().ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        else if (sending.IsFaulted) _ = sending.AsTask().Exception;
    }
}
