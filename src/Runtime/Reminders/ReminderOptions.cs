namespace Marketplace.Runtime.Reminders;

public sealed class ReminderOptions
{
    /// <summary>Shorter periods are rejected at registration (tests lower it, e.g. to 100 ms).</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the service checks its loaded reminders for due ticks.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the service reloads the table (reminders registered on other silos, ownership changes).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
