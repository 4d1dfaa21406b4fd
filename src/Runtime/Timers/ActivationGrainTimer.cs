using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Timers;

/// <summary>
/// A grain timer: the TimeProvider timer only queues a tick; the tick runs as a turn of the
/// activation. The next tick is armed after the callback finished, so ticks never overlap.
/// Ticks do not count as activity, so a timer alone does not keep a grain from idle collection.
/// </summary>
internal sealed class ActivationGrainTimer : ActivationWorkItem, IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly bool _interleave;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private bool _queued;

    public ActivationGrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _interleave = options.Interleave;
        _dueTime = options.DueTime;
        _period = options.Period;
        _timer = activation.Catalog.Time.CreateTimer(static s => ((ActivationGrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override bool AlwaysInterleave => _interleave;
    public override bool CountsAsActivity => false;
    public override string Description => "grain timer";

    public void Start() => Arm(_dueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        lock (this)
        {
            _dueTime = dueTime;
            _period = period;
            // While a tick is queued or running, the new schedule applies when it finishes.
            if (_queued) return;
        }
        Arm(dueTime);
    }

    private void Arm(TimeSpan dueTime)
    {
        if (_disposed.IsCancellationRequested || dueTime == Timeout.InfiniteTimeSpan) return;
        try
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: no more ticks, as intended.
        }
    }

    private void OnDue()
    {
        lock (this)
        {
            if (_disposed.IsCancellationRequested || _queued) return;
            _queued = true;
        }
        _activation.Enqueue(this);
    }

    public override async Task ExecuteAsync(ActivationData activation)
    {
        if (_disposed.IsCancellationRequested) return;
        RequestContext.Enter(activation, CallChain.Append(null, activation.GrainId));
        try
        {
            await _callback(_disposed.Token);
        }
        catch (Exception exception)
        {
            RuntimeLog.TimerFailed(activation.Catalog.Logger, activation.GrainId, exception);
        }
        finally
        {
            RequestContext.Clear();
            TimeSpan next;
            lock (this)
            {
                _queued = false;
                next = _period;
            }
            Arm(next);
        }
    }

    // A tick that finds its activation gone is dropped: timers die with their activation.
    public override void Reject(Exception exception) => Dispose();
    public override void Reroute(Catalog catalog) => Dispose();

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested) return;
        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or more, or infinite.");
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive, or infinite for a single tick.");
    }
}
