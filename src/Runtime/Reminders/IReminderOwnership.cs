namespace Marketplace.Runtime.Reminders;

/// <summary>
/// Which grain-hash ranges this silo ticks. A single silo owns everything; the cluster replaces this
/// with ranges from the membership view, and the service picks up changes on its next refresh, so
/// reminders of a dead silo keep firing on the survivors.
/// </summary>
public interface IReminderOwnership
{
    IReadOnlyList<ReminderHashRange> GetOwnedRanges();
}

public sealed class SingleSiloReminderOwnership : IReminderOwnership
{
    private static readonly IReadOnlyList<ReminderHashRange> All = [ReminderHashRange.Full];
    public IReadOnlyList<ReminderHashRange> GetOwnedRanges() => All;
}

public static class ReminderOwnershipExtensions
{
    public static bool Owns(this IReminderOwnership ownership, GrainId grainId)
    {
        var hash = ReminderHash.Of(grainId);
        foreach (var range in ownership.GetOwnedRanges())
            if (range.Contains(hash)) return true;
        return false;
    }
}
