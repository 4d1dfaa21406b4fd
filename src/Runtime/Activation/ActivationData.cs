using Marketplace.Runtime.Metadata;
using Marketplace.Runtime.Reminders;
using Marketplace.Runtime.Scheduling;
using Marketplace.Runtime.Streams;
using Marketplace.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Activation;

internal enum ActivationState : byte { Activating, Valid, Deactivating, Invalid }

/// <summary>
/// One activation of a grain: its instance, its scheduler and the turn bookkeeping. It is also the
/// grain's <see cref="IGrainContext"/>, so each activation costs as few objects as possible.
/// All mutable fields are guarded by locking this object.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private readonly ActivationTaskScheduler _scheduler = new();
    private List<ActivationGrainTimer>? _timers;

    public ActivationData(Catalog catalog, GrainClassMetadata grainClass, GrainId grainId)
    {
        Catalog = catalog;
        GrainClass = grainClass;
        GrainId = grainId;
        // Born busy with its activation turn: requests arriving meanwhile wait in the queue.
        _state = ActivationState.Activating;
        _running = 1;
        _runningBlocking = 1;
    }

    public Catalog Catalog { get; }
    public GrainClassMetadata GrainClass { get; }
    public GrainId GrainId { get; }
    public object? GrainInstance { get; private set; }

    public IServiceProvider ActivationServices => Catalog.Services;
    public IGrainFactory GrainFactory => Catalog.GrainFactory;

    public IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new ActivationGrainTimer(this, callback, options);
        lock (this)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
                throw new InvalidOperationException($"Grain {GrainId} is deactivating: it cannot register timers.");
            (_timers ??= []).Add(timer);
        }
        timer.Start();
        return timer;
    }

    internal void RemoveTimer(ActivationGrainTimer timer)
    {
        lock (this) _timers?.Remove(timer);
    }

    private void DisposeTimers()
    {
        List<ActivationGrainTimer>? timers;
        lock (this)
        {
            timers = _timers;
            _timers = null;
        }
        if (timers is null) return;
        foreach (var timer in timers) timer.Dispose();
    }

    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Reminders.RegisterOrUpdateReminder(GrainId, reminderName, dueTime, period);

    public Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return Reminders.UnregisterReminder(GrainId, reminder.ReminderName);
    }

    public Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetReminder(GrainId, reminderName);

    private IReminderService Reminders => Catalog.Services.GetService<IReminderService>()
        ?? throw new InvalidOperationException($"Grain {GrainId} uses reminders, but no IReminderService is registered: add a reminder service to the silo.");

    public IStreamProvider GetStreamProvider(string name) =>
        Catalog.Services.GetKeyedService<IStreamProvider>(name)
        ?? throw new InvalidOperationException($"No stream provider named '{name}' is registered: add it with silo.AddMemoryStreams(\"{name}\").");

    public override string ToString() => $"Activation {GrainId} ({_state})";
}
