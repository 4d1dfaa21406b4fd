using Marketplace.Runtime.Diagnostics;
using Marketplace.Runtime.Messaging;

namespace Marketplace.Runtime.Activation;

/// <summary>Turn-based scheduling: which work item may start now, and FIFO for the rest.</summary>
internal sealed partial class ActivationData
{
    private static readonly Action<object?> RunWorkItemAction = static state =>
    {
        var item = (ActivationWorkItem)state!;
        _ = item.Owner!.RunWorkItemAsync(item);
    };

    private ActivationState _state;
    private Queue<ActivationWorkItem>? _waiting;
    private int _running;          // all started, unfinished turns (including activation/deactivation)
    private int _runningBlocking;  // of those, the ones that are not [AlwaysInterleave]
    private int _runningReadOnly;  // of the blocking ones, those that are [ReadOnly]
    private long _idleSince;

    public void Enqueue(ActivationWorkItem item)
    {
        var reroute = false;
        DeadlockException? deadlock = null;
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                reroute = true;
            }
            else if (_state == ActivationState.Valid && _pendingDeactivation is null
                     && (item.AlwaysInterleave || _waiting is not { Count: > 0 }) && CanStart(item))
            {
                Start(item);
            }
            else if (item.CallChain is { } chain && chain.Contains(GrainId))
            {
                // This grain is already waiting further up the chain: queuing would wait on itself.
                deadlock = CreateDeadlock(chain);
            }
            else
            {
                (_waiting ??= new Queue<ActivationWorkItem>()).Enqueue(item);
            }
        }

        if (reroute) item.Reroute(Catalog);
        else if (deadlock is not null)
        {
            RuntimeLog.Deadlock(Catalog.Logger, deadlock.Message);
            item.Reject(deadlock);
        }
    }

    private DeadlockException CreateDeadlock(CallChain chain)
    {
        var calls = chain.ToList();
        var cycle = calls.Skip(calls.IndexOf(GrainId)).Append(GrainId).ToArray();
        return new DeadlockException(
            $"Deadlock: call cycle {string.Join(" -> ", cycle)} between non-reentrant grains; make one of them [Reentrant] or the method [AlwaysInterleave].",
            cycle);
    }

    private bool CanStart(ActivationWorkItem item) =>
        GrainClass.IsReentrant
        || item.AlwaysInterleave
        || _runningBlocking == 0
        || (item.IsReadOnly && _runningReadOnly == _runningBlocking);

    private void Start(ActivationWorkItem item)
    {
        _running++;
        if (!item.AlwaysInterleave)
        {
            _runningBlocking++;
            if (item.IsReadOnly) _runningReadOnly++;
        }
        // Idle age counts from the last request start; the collector never takes a busy activation.
        // (Stamping at completion would race with a caller that saw the response and moved the clock.)
        if (item.CountsAsActivity) _idleSince = Catalog.Time.GetTimestamp();
        item.Owner = this;
        StartOnScheduler(RunWorkItemAction, item);
    }

    /// <summary>Starts a task on this activation's scheduler, without the caller's ExecutionContext (a grain turn starts clean).</summary>
    private void StartOnScheduler(Action<object?> action, object state)
    {
        Task task;
        if (ExecutionContext.IsFlowSuppressed())
        {
            task = new Task(action, state);
        }
        else
        {
            using (ExecutionContext.SuppressFlow()) task = new Task(action, state);
        }
        task.Start(_scheduler);
    }

    private async Task RunWorkItemAsync(ActivationWorkItem item)
    {
        try
        {
            await item.ExecuteAsync(this);
        }
        catch (Exception exception)
        {
            // Work items report their own failures; this only guards the bookkeeping below.
            RuntimeLog.WorkItemFailed(Catalog.Logger, item.Description, GrainId, exception);
        }
        finally
        {
            OnWorkItemCompleted(item);
        }
    }

    private void OnWorkItemCompleted(ActivationWorkItem item)
    {
        lock (this)
        {
            _running--;
            if (!item.AlwaysInterleave)
            {
                _runningBlocking--;
                if (item.IsReadOnly) _runningReadOnly--;
            }
            if (_state == ActivationState.Valid) StartNextLocked();
        }
    }

    /// <summary>Starts waiting items in order while they may run, or begins a requested deactivation once idle.</summary>
    private void StartNextLocked()
    {
        if (_pendingDeactivation is not null)
        {
            if (_running == 0) BeginDeactivationLocked();
            return;
        }
        while (_waiting is { Count: > 0 } waiting && CanStart(waiting.Peek())) Start(waiting.Dequeue());
    }

    private List<ActivationWorkItem> TakeWaitingLocked()
    {
        if (_waiting is not { Count: > 0 } waiting) return [];
        var items = waiting.ToList();
        waiting.Clear();
        return items;
    }
}
