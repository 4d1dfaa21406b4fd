using Marketplace.Runtime.Persistence;

namespace Marketplace.Runtime.Reminders.Tables;

/// <summary>In-process reminder table for tests; same versioning rules as the SQL tables.</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), (ReminderEntry Entry, long Version)> _rows = new();
    private readonly Lock _gate = new();

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? row.Entry : null);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        Select(entry => entry.GrainId == grainId);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(ReminderHashRange range, CancellationToken cancellationToken = default) =>
        Select(entry => range.Contains(entry.GrainHash));

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ReminderTableValidation.Validate(entry);
        lock (_gate)
        {
            var version = _rows.TryGetValue((entry.GrainId, entry.ReminderName), out var row) ? row.Version + 1 : 1;
            var etag = EtagVersion.Format(version);
            _rows[(entry.GrainId, entry.ReminderName)] = (entry with { LastTickAt = null, ETag = etag }, version);
            return Task.FromResult(etag);
        }
    }

    public Task<bool> RecordTickAsync(GrainId grainId, string reminderName, string etag, DateTimeOffset tickTime, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var row) || row.Entry.ETag != etag) return Task.FromResult(false);
            _rows[(grainId, reminderName)] = (row.Entry with { LastTickAt = tickTime }, row.Version);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_rows.Remove((grainId, reminderName)));
    }

    private Task<IReadOnlyList<ReminderEntry>> Select(Func<ReminderEntry, bool> predicate)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Select(r => r.Entry).Where(predicate).ToList());
    }
}

internal static class ReminderTableValidation
{
    public static void Validate(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.ReminderName))
            throw new ArgumentException($"A reminder of grain {entry.GrainId} needs a name.", nameof(entry));
        if (entry.Period <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(entry), entry.Period, $"Reminder '{entry.ReminderName}' of grain {entry.GrainId} needs a positive period.");
    }
}
