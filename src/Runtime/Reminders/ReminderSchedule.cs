namespace Marketplace.Runtime.Reminders;

/// <summary>Tick arithmetic of one reminder row: ticks fall at StartAt + k * Period.</summary>
internal static class ReminderSchedule
{
    /// <summary>The first tick not yet delivered (may be in the past after downtime).</summary>
    public static DateTimeOffset NextDue(ReminderEntry entry)
    {
        if (entry.LastTickAt is not { } last || last < entry.StartAt) return entry.StartAt;
        var ticksSinceStart = (last - entry.StartAt).Ticks / entry.Period.Ticks;
        return entry.StartAt + TimeSpan.FromTicks((ticksSinceStart + 1) * entry.Period.Ticks);
    }

    /// <summary>
    /// The latest tick due at or before now. After downtime, missed ticks collapse into this one
    /// delivery (no burst), and its CurrentTickTime says how late it is.
    /// </summary>
    public static DateTimeOffset LatestDue(ReminderEntry entry, DateTimeOffset now)
    {
        if (now <= entry.StartAt) return entry.StartAt;
        var ticksSinceStart = (now - entry.StartAt).Ticks / entry.Period.Ticks;
        return entry.StartAt + TimeSpan.FromTicks(ticksSinceStart * entry.Period.Ticks);
    }
}
