using Marketplace.Runtime.Streams;

namespace Marketplace.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime sets <see cref="GrainContext"/> right after
/// construction and before <see cref="OnActivateAsync"/>, so constructors only store their
/// injected dependencies (as in Orleans' primary-constructor grains).
/// </summary>
public abstract class Grain : IGrain
{
    private IGrainContext? _context;

    public IGrainContext GrainContext
    {
        get => _context ?? throw new InvalidOperationException("The grain is not activated yet: its context is set after construction.");
        internal set => _context = value;
    }

    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;
    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    public string GetPrimaryKeyString() => GrainContext.GrainId.Key;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();
    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterOrUpdateReminder(reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder) => GrainContext.UnregisterReminder(reminder);
    protected Task<IGrainReminder?> GetReminder(string reminderName) => GrainContext.GetReminder(reminderName);

    protected IStreamProvider GetStreamProvider(string name) => GrainContext.GetStreamProvider(name);
}
