namespace Marketplace.Runtime.Scheduling;

/// <summary>
/// Runs the tasks of one activation one at a time, in order, on the thread pool. Every await inside
/// a turn resumes here (TaskScheduler.Current), so grain state is never touched by two threads at
/// once. Kept small because there is one per activation: the queue is created on first use and no
/// thread, channel or semaphore is held while idle.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // After this many tasks the scheduler yields its thread so one busy activation cannot starve others.
    private const int TasksPerQuantum = 64;

    private Queue<Task>? _queue;
    private bool _scheduled;

    protected override void QueueTask(Task task)
    {
        lock (this)
        {
            (_queue ??= new Queue<Task>()).Enqueue(task);
            if (_scheduled) return;
            _scheduled = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        for (var executed = 0; executed < TasksPerQuantum; executed++)
        {
            Task task;
            lock (this)
            {
                if (_queue!.Count == 0)
                {
                    _scheduled = false;
                    return;
                }
                task = _queue.Dequeue();
            }
            TryExecuteTask(task);
        }
        // Quantum used up with work left: go to the back of the thread pool queue.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>
    /// Never inline: a continuation run inside another task's synchronous code would split that turn.
    /// Everything goes through the queue, so each piece runs to its next await before the next starts.
    /// </summary>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (this) return _queue?.ToArray() ?? [];
    }

    public override int MaximumConcurrencyLevel => 1;
}
