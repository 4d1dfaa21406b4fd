using System.Collections.Concurrent;
using Marketplace.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Messaging;

/// <summary>A call waiting for its response.</summary>
internal interface IPendingCall
{
    long CallId { get; set; }
    GrainMessage Message { get; }
    void TimeOut(TimeoutException exception);
}

/// <summary>
/// Fails calls whose deadline passed. One periodic sweep on the TimeProvider instead of a timer per
/// call keeps calls cheap and lets a fake clock drive timeouts in tests.
/// </summary>
internal sealed class ResponseTracker : IDisposable
{
    private readonly ConcurrentDictionary<long, IPendingCall> _pending = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ITimer _sweep;
    private long _nextCallId;

    public ResponseTracker(TimeProvider time, IOptions<MessagingOptions> options)
    {
        _time = time;
        _timeout = options.Value.ResponseTimeout;
        // Granularity: a tenth of the timeout, between 10 ms and 1 s.
        var period = TimeSpan.FromTicks(Math.Clamp(_timeout.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _sweep = time.CreateTimer(static s => ((ResponseTracker)s!).Sweep(), this, period, period);
    }

    public TimeSpan ResponseTimeout => _timeout;

    public void Track(IPendingCall call)
    {
        call.CallId = Interlocked.Increment(ref _nextCallId);
        _pending[call.CallId] = call;
    }

    public void Forget(long callId) => _pending.TryRemove(callId, out _);

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, call) in _pending)
        {
            if (call.Message.Deadline > now || !_pending.TryRemove(id, out _)) continue;
            call.TimeOut(new TimeoutException(
                $"Call to grain {call.Message.Target} method {call.Message.Method.Name} got no response within {_timeout}."));
        }
    }

    public void Dispose() => _sweep.Dispose();
}

/// <summary>The caller's side of one call: a task that completes with the typed result.</summary>
internal sealed class PendingCall<TResult>(GrainMessage message, ResponseTracker tracker)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IResponseSink<TResult>, IPendingCall
{
    public long CallId { get; set; }
    public GrainMessage Message { get; } = message;

    void IResponseSink<TResult>.SetResult(TResult result)
    {
        tracker.Forget(CallId);
        TrySetResult(result);
    }

    void IResponseSink.SetException(Exception exception)
    {
        tracker.Forget(CallId);
        TrySetException(exception);
    }

    void IResponseSink.SetBoxedResult(object? result)
    {
        tracker.Forget(CallId);
        TrySetResult((TResult)result!);
    }

    public void TimeOut(TimeoutException exception) => TrySetException(exception);
}
