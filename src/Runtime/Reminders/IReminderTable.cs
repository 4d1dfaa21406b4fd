namespace Marketplace.Runtime.Reminders;

/// <summary>Durable store of reminders, keyed by (grain type, grain key, reminder name).</summary>
public interface IReminderTable
{
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Every reminder whose grain hash lies in the range (the rows a silo owning it must tick).</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(ReminderHashRange range, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the reminder (resetting its last tick); returns the new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Records a delivered tick, only if the row is still the version that was ticked.</summary>
    Task<bool> RecordTickAsync(GrainId grainId, string reminderName, string etag, DateTimeOffset tickTime, CancellationToken cancellationToken = default);

    /// <summary>Deletes the reminder; false when there was none.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);
}
