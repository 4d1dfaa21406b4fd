using System.Collections.Concurrent;
using Marketplace.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Messaging;

/// <summary>A call waiting for its response.</summary>
internal interface IPendingCall
{
    /// <summary>Its key in the tracker; 0 while the tracker does not hold it.</summary>
    long CallId { get; set; }
    GrainMessage Message { get; }
    void TimeOut(TimeoutException exception);
}

/// <summary>
/// Fails calls whose deadline passed. One periodic sweep on the TimeProvider instead of a timer per
/// call keeps calls cheap and lets a fake clock drive timeouts in tests. It holds the calls served on
/// this silo and those waiting for a connection; a call sent to another silo is held by that connection
/// alone (one table per call, not two), which the same sweep expires through <see cref="AddSweep"/>.
/// </summary>
internal sealed class ResponseTracker : IDisposable
{
    private readonly ConcurrentDictionary<long, IPendingCall> _pending = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ITimer _sweep;
    private readonly Lock _otherSweepsLock = new();
    private Action<DateTimeOffset>[] _otherSweeps = [];
    private long _nextCallId;

    public ResponseTracker(TimeProvider time, IOptions<MessagingOptions> options)
    {
        _time = time;
        _timeout = options.Value.ResponseTimeout;
        // Granularity: a tenth of the timeout, between 10 ms and 1 s.
        var period = TimeSpan.FromTicks(Math.Clamp(_timeout.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _sweep = time.CreateTimer(static s => ((ResponseTracker)s!).Sweep(), this, period, period);
    }

    /// <summary>Also runs <paramref name="sweep"/> (with the current time) on every sweep: tables of calls kept elsewhere.</summary>
    public void AddSweep(Action<DateTimeOffset> sweep)
    {
        lock (_otherSweepsLock) _otherSweeps = [.. _otherSweeps, sweep];
    }

    public TimeSpan ResponseTimeout => _timeout;

    /// <summary>Holds <paramref name="response"/> until it is answered or times out, if it is a caller's call not held yet.</summary>
    public void Track(IResponseSink? response)
    {
        if (response is not IPendingCall { CallId: 0 } call) return;
        call.CallId = Interlocked.Increment(ref _nextCallId);
        _pending[call.CallId] = call;
    }

    /// <summary>The call was answered, or a connection holds it from now on.</summary>
    public void Forget(IResponseSink? response)
    {
        if (response is IPendingCall { CallId: not 0 } call) _pending.TryRemove(call.CallId, out _);
    }

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, call) in _pending)
        {
            if (call.Message.Deadline > now || !_pending.TryRemove(id, out _)) continue;
            call.TimeOut(new TimeoutException(
                $"Call to grain {call.Message.Target} method {call.Message.Method.Name} got no response within {_timeout}."));
        }
        foreach (var sweep in _otherSweeps) sweep(now);
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
        tracker.Forget(this);
        TrySetResult(result);
    }

    void IResponseSink.SetException(Exception exception)
    {
        tracker.Forget(this);
        TrySetException(exception);
    }

    void IResponseSink.SetBoxedResult(object? result)
    {
        tracker.Forget(this);
        TrySetResult((TResult)result!);
    }

    public void TimeOut(TimeoutException exception) => TrySetException(exception);
}
