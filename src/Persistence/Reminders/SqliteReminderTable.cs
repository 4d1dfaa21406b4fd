using System.Globalization;
using Marketplace.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Marketplace.Persistence.Reminders;

/// <summary>
/// Orleans' reminder table on the embedded SQLite file (Orleans ships none for SQLite). Table:
/// deploy/sql/sqlite/03-reminders.sql. Rows belong to the service (<see cref="ClusterOptions.ServiceId"/>),
/// the ETag is a version number moved on by every upsert.
/// </summary>
public sealed class SqliteReminderTable(SqliteConnectionSource connections, IOptions<ClusterOptions> clusterOptions) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period_ms, version";

    private readonly string serviceId = clusterOptions.Value.ServiceId;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ReadManyAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain",
            c => c.Parameters.AddWithValue("$grain", grainId.ToString()));

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // Orleans' ring ranges exclude begin and include end; begin >= end means the range wraps past
        // 2^32-1 (begin = end is the whole ring). Hashes are stored unsigned, so plain comparisons work.
        var condition = begin < end
            ? "grain_hash > $begin AND grain_hash <= $end"
            : "(grain_hash > $begin OR grain_hash <= $end)";
        return ReadManyAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND {condition}", c =>
        {
            c.Parameters.AddWithValue("$begin", (long)begin);
            c.Parameters.AddWithValue("$end", (long)end);
        });
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await ReadManyAsync(
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name",
            c =>
            {
                c.Parameters.AddWithValue("$grain", grainId.ToString());
                c.Parameters.AddWithValue("$name", reminderName);
            }).ConfigureAwait(false);
        return rows.Reminders.FirstOrDefault();
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var connection = connections.Open();
        using var command = Command(connection, """
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_at, period_ms, grain_hash, version)
            VALUES ($service, $grain, $name, $start, $period, $hash, 1)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_at = excluded.start_at, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
                version = orleans_reminders.version + 1
            RETURNING version
            """);
        command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$name", entry.ReminderName);
        command.Parameters.AddWithValue("$start", FormatTime(entry.StartAt));
        command.Parameters.AddWithValue("$period", (long)entry.Period.TotalMilliseconds);
        command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
        var version = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return Task.FromResult<string?>(version.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        // An ETag we never handed out matches nothing.
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return Task.FromResult(false);
        using var connection = connections.Open();
        using var command = Command(connection,
            "DELETE FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND version = $version");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$version", version);
        return Task.FromResult(command.ExecuteNonQuery() > 0);
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable()
    {
        using var connection = connections.Open();
        using var command = Command(connection, "DELETE FROM orleans_reminders WHERE service_id = $service");
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    // Microsoft.Data.Sqlite runs every call synchronously (its async methods wrap the same calls), so the
    // methods here do too and return completed tasks rather than pretend otherwise.
    private Task<ReminderTableData> ReadManyAsync(string sql, Action<SqliteCommand> parameters)
    {
        using var connection = connections.Open();
        using var command = Command(connection, sql);
        parameters(command);
        using var reader = command.ExecuteReader();
        var entries = new List<ReminderEntry>();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = ParseTime(reader.GetString(2)),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return Task.FromResult(new ReminderTableData(entries));
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", serviceId);
        return command;
    }

    // Round-trip format in UTC: exact to the tick, readable, and ordered as text.
    private static string FormatTime(DateTime time) =>
        (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc))
        .ToString("O", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
