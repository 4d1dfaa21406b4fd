using Orleans;
using Orleans.Runtime;

namespace Marketplace.Grains.Common;

/// <summary>
/// The one durable reminder a grain aims at its next deadline (orders, rentals; docs/orders.md "Deadlines"):
/// registered or re-aimed after every change, removed when nothing is left to wake for. Its period only matters
/// when a tick's handling fails: the reminder then comes back after it.
/// </summary>
internal static class DeadlineReminders
{
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Aims the reminder at <paramref name="due"/> (removes it when null); a due time closer than <paramref name="minimumDueIn"/> fires after that.</summary>
    public static async Task AimAsync(Grain grain, string name, DateTimeOffset? due, DateTimeOffset now, TimeSpan minimumDueIn)
    {
        if (due is not { } at)
        {
            await UnregisterAsync(grain, name);
            return;
        }
        var dueIn = at - now;
        await grain.RegisterOrUpdateReminder(name, dueIn > minimumDueIn ? dueIn : minimumDueIn, RetryPeriod);
    }

    public static async Task UnregisterAsync(Grain grain, string name)
    {
        if (await grain.GetReminder(name) is { } reminder) await grain.UnregisterReminder(reminder);
    }
}
