namespace Marketplace.Runtime.Reminders;

/// <summary>A reminder row: first due at <see cref="StartAt"/>, then every <see cref="Period"/>.</summary>
/// <param name="LastTickAt">Due time of the last delivered tick; null until one was delivered.</param>
/// <param name="ETag">Version of the row; changes on every upsert.</param>
public sealed record ReminderEntry(
    GrainId GrainId,
    string ReminderName,
    DateTimeOffset StartAt,
    TimeSpan Period,
    DateTimeOffset? LastTickAt = null,
    string? ETag = null)
{
    public uint GrainHash => ReminderHash.Of(GrainId);
}

/// <summary>An inclusive range of grain hashes; a silo loads and ticks the reminders of the ranges it owns.</summary>
public readonly record struct ReminderHashRange(uint Begin, uint End)
{
    public static ReminderHashRange Full => new(0, uint.MaxValue);

    public bool Contains(uint hash) => Begin <= End ? hash >= Begin && hash <= End : hash >= Begin || hash <= End;
}

/// <summary>The handle grains get back; carries the row version it was registered with.</summary>
public sealed record GrainReminder(GrainId GrainId, string ReminderName, string? ETag) : IGrainReminder;
