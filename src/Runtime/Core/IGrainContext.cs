using Marketplace.Runtime.Streams;

namespace Marketplace.Runtime;

/// <summary>
/// What the runtime gives one activation: its identity, services and life-cycle controls.
/// <see cref="Grain"/> forwards to it; grain code rarely sees it directly.
/// </summary>
public interface IGrainContext
{
    GrainId GrainId { get; }
    IServiceProvider ActivationServices { get; }
    IGrainFactory GrainFactory { get; }

    /// <summary>Deactivate once the current request completes.</summary>
    void DeactivateOnIdle();

    /// <summary>Keep the activation at least this long even when idle.</summary>
    void DelayDeactivation(TimeSpan timeSpan);

    /// <summary>A timer that runs its callback as a turn of this activation and dies with it.</summary>
    IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);

    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);
    Task UnregisterReminder(IGrainReminder reminder);
    Task<IGrainReminder?> GetReminder(string reminderName);

    IStreamProvider GetStreamProvider(string name);
}

public enum DeactivationReasonCode { None, IdleCollection, ApplicationRequested, ApplicationError, ShuttingDown, InconsistentState }

public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description);
