namespace Marketplace.Runtime.Reminders;

/// <summary>
/// Durable reminders of the silo: stored in the reminder table, ticked by the silo that owns them,
/// delivered as an <see cref="IRemindable.ReceiveReminder"/> grain call (activating the grain if needed).
/// </summary>
public interface IReminderService
{
    Task<IGrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period);
    Task UnregisterReminder(GrainId grainId, string reminderName);
    Task<IGrainReminder?> GetReminder(GrainId grainId, string reminderName);
}
