using System.Data.Common;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;

namespace Marketplace.Runtime.Reminders.Tables;

/// <summary>Reminder table on a SQL store (SQLite or PostgreSQL), sharing the ADO.NET design of grain storage.</summary>
internal sealed class AdoNetReminderTable(AdoNetStore store) : IReminderTable, IAsyncDisposable, IDisposable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period_ms, last_tick_at, version";
    private const string Key = "grain_type = @type AND grain_key = @key AND reminder_name = @name";

    // Upsert resets last_tick_at: a re-registered reminder starts a new schedule.
    private const string UpsertSql =
        "INSERT INTO grain_reminders (grain_type, grain_key, reminder_name, grain_hash, start_at, period_ms, last_tick_at, version) " +
        "VALUES (@type, @key, @name, @hash, @start, @period, NULL, 1) " +
        "ON CONFLICT (grain_type, grain_key, reminder_name) DO UPDATE SET start_at = excluded.start_at, " +
        "period_ms = excluded.period_ms, last_tick_at = NULL, version = grain_reminders.version + 1 RETURNING version";

    // Ranges may wrap around the top of the hash space (Begin > End).
    private const string RangeSql =
        $"SELECT {Columns} FROM grain_reminders WHERE " +
        "(@begin <= @end AND grain_hash >= @begin AND grain_hash <= @end) OR (@begin > @end AND (grain_hash >= @begin OR grain_hash <= @end))";

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM grain_reminders WHERE {Key}",
            c => c.With("@type", grainId.Type).With("@key", grainId.Key).With("@name", reminderName), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM grain_reminders WHERE grain_type = @type AND grain_key = @key",
            c => c.With("@type", grainId.Type).With("@key", grainId.Key), cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(ReminderHashRange range, CancellationToken cancellationToken = default) =>
        QueryAsync(RangeSql, c => c.With("@begin", (long)range.Begin).With("@end", (long)range.End), cancellationToken);

    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ReminderTableValidation.Validate(entry);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(UpsertSql)
            .With("@type", entry.GrainId.Type).With("@key", entry.GrainId.Key).With("@name", entry.ReminderName)
            .With("@hash", (long)entry.GrainHash).With("@start", store.Dialect.ToDbTime(entry.StartAt))
            .With("@period", (long)entry.Period.TotalMilliseconds);
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        return EtagVersion.Format(version);
    }

    public async Task<bool> RecordTickAsync(GrainId grainId, string reminderName, string etag, DateTimeOffset tickTime, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(etag, out var version)) return false;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"UPDATE grain_reminders SET last_tick_at = @tick WHERE {Key} AND version = @version")
            .With("@type", grainId.Type).With("@key", grainId.Key).With("@name", reminderName)
            .With("@tick", store.Dialect.ToDbTime(tickTime)).With("@version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"DELETE FROM grain_reminders WHERE {Key}")
            .With("@type", grainId.Type).With("@key", grainId.Key).With("@name", reminderName);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ReminderEntry>();
        var dialect = store.Dialect;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                dialect.ReadTime(reader, 3),
                TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : dialect.ReadTime(reader, 5),
                EtagVersion.Format(reader.GetInt64(6))));
        }
        return rows;
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();
    public void Dispose() => store.Dispose();
}
