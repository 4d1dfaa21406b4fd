using Orleans.Hosting;

namespace Marketplace.Persistence.Storage;

/// <summary>Reminder service settings, bound from the <c>Reminders</c> section onto Orleans' <see cref="ReminderOptions"/>.</summary>
public sealed class ReminderSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reminders";

    /// <summary>
    /// Shortest period a reminder may have. Orleans' default, 1 minute: reminders are for durable
    /// deadlines, timers for anything finer. Tests lower it to see ticks within seconds.
    /// </summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a silo re-reads its share of the reminder table (Orleans' default, 5 minutes).</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Copies the settings onto Orleans' options.</summary>
    public void ApplyTo(ReminderOptions options)
    {
        options.MinimumReminderPeriod = MinimumPeriod;
        options.RefreshReminderListPeriod = RefreshPeriod;
        // Orleans requires the loading window to cover at least one refresh period.
        if (options.ReminderLoadingWindow < RefreshPeriod)
            options.ReminderLoadingWindow = RefreshPeriod;
    }
}
