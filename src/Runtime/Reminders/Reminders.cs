namespace Marketplace.Runtime;

/// <summary>A grain that receives durable reminders. Reminders outlive activations and processes.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <param name="FirstTickTime">When the reminder was first due.</param>
/// <param name="Period">Its period.</param>
/// <param name="CurrentTickTime">When this tick was due (may be in the past after downtime).</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);

public interface IGrainReminder
{
    string ReminderName { get; }
}
