using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Activation;

/// <summary>Activation, deactivation and idle collection of one grain activation.</summary>
internal sealed partial class ActivationData
{
    private DeactivationReason? _pendingDeactivation;
    private TaskCompletionSource? _deactivated;
    private long _keepAliveUntil;

    /// <summary>Runs the activation turn; called once by the catalog after publishing this activation.</summary>
    public void StartActivation() => StartOnScheduler(static state => _ = ((ActivationData)state!).ActivateAsync(), this);

    private async Task ActivateAsync()
    {
        Exception? failure = null;
        RequestContext.Enter(this, CallChain.Append(null, GrainId));
        try
        {
            var (grain, stateReaders) = GrainClass.Constructor.Create(Catalog.Services, this);
            ((Grain)grain).GrainContext = this;
            GrainInstance = grain;
            foreach (var readState in stateReaders) await readState();
            await ((Grain)grain).OnActivateAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            RequestContext.Clear();
        }

        if (failure is not null)
        {
            RuntimeLog.ActivationFailed(Catalog.Logger, GrainId, failure);
            List<ActivationWorkItem> waiting;
            lock (this)
            {
                _state = ActivationState.Invalid;
                _running = _runningBlocking = _runningReadOnly = 0;
                waiting = TakeWaitingLocked();
            }
            DisposeTimers();
            Catalog.Remove(this);
            _deactivated?.TrySetResult();
            // The next call creates a fresh activation and tries again.
            foreach (var item in waiting) item.Reject(failure);
            return;
        }

        RuntimeLog.Activated(Catalog.Logger, GrainId);
        Catalog.Instruments.Activations.Add(1);
        lock (this)
        {
            _state = ActivationState.Valid;
            _running = _runningBlocking = _runningReadOnly = 0;
            _idleSince = Catalog.Time.GetTimestamp();
            StartNextLocked();
        }
    }

    /// <summary>No turn running or waiting (a caller may see its response before the turn's bookkeeping ends).</summary>
    public bool IsQuiet
    {
        get
        {
            lock (this) return _state != ActivationState.Activating && _state != ActivationState.Deactivating && _running == 0 && _waiting is not { Count: > 0 };
        }
    }

    public void DeactivateOnIdle() => Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = Catalog.Time.GetTimestamp() + Catalog.ToTimestampDelta(timeSpan);
        lock (this) _keepAliveUntil = Math.Max(_keepAliveUntil, until);
    }

    /// <summary>Deactivates once no turn is running. Returns when the activation is gone.</summary>
    public Task Deactivate(DeactivationReason reason)
    {
        lock (this)
        {
            if (_state == ActivationState.Invalid) return Task.CompletedTask;
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_pendingDeactivation is null)
            {
                _pendingDeactivation = reason;
                if (_state == ActivationState.Valid && _running == 0) BeginDeactivationLocked();
            }
            return _deactivated.Task;
        }
    }

    /// <summary>Called by the idle collector: deactivates when idle at least <paramref name="ageTimestampDelta"/>.</summary>
    public bool CollectIfIdle(long nowTimestamp, long ageTimestampDelta)
    {
        lock (this)
        {
            if (_state != ActivationState.Valid || _running != 0 || _pendingDeactivation is not null || _waiting is { Count: > 0 }) return false;
            if (nowTimestamp - _idleSince < ageTimestampDelta || nowTimestamp < _keepAliveUntil) return false;
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pendingDeactivation = new DeactivationReason(DeactivationReasonCode.IdleCollection, "Idle longer than the collection age.");
            BeginDeactivationLocked();
            return true;
        }
    }

    private void BeginDeactivationLocked()
    {
        _state = ActivationState.Deactivating;
        _running = _runningBlocking = 1;
        StartOnScheduler(static state => _ = ((ActivationData)state!).DeactivateAsync(), this);
    }

    private async Task DeactivateAsync()
    {
        var reason = _pendingDeactivation!.Value;
        DisposeTimers();
        Catalog.OnDeactivating(this);
        RequestContext.Enter(this, CallChain.Append(null, GrainId));
        try
        {
            await ((Grain)GrainInstance!).OnDeactivateAsync(reason, CancellationToken.None);
        }
        catch (Exception exception)
        {
            RuntimeLog.DeactivationFailed(Catalog.Logger, GrainId, exception);
        }
        finally
        {
            RequestContext.Clear();
        }

        List<ActivationWorkItem> waiting;
        lock (this)
        {
            _state = ActivationState.Invalid;
            _running = _runningBlocking = _runningReadOnly = 0;
            waiting = TakeWaitingLocked();
        }
        Catalog.Remove(this);
        Catalog.Instruments.Activations.Add(-1);
        RuntimeLog.Deactivated(Catalog.Logger, GrainId, reason.Code);
        _deactivated!.TrySetResult();
        // Requests that arrived while deactivating go to the grain's next activation.
        foreach (var item in waiting) item.Reroute(Catalog);
    }
}
