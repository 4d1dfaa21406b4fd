using System.Data.Common;
using System.Globalization;
using Marketplace.Persistence.Batching;
using Marketplace.Persistence.Serialization;
using Marketplace.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Marketplace.Persistence.Storage;

/// <summary>
/// Grain state in the embedded SQLite file, table <c>orleans_grain_state</c> (deploy/sql/sqlite/02-persistence.sql):
/// the rows Orleans' ADO.NET provider wrote before stay readable, keyed the same way.
/// </summary>
/// <remarks>
/// Why not Orleans' ADO.NET provider, which Postgres keeps: it commits every grain write on its own, through a
/// freshly parsed statement bound by name, and SQLite lets one writer into the file at a time, so the embedded
/// store's write rate was a few hundred grain writes a second however many grains were waiting. Here the writes
/// that arrive together are group-committed (<see cref="WriteBatcher{TRequest,TResult}"/>): one transaction,
/// two prepared statements reused for every row. Each write is still acknowledged only after its transaction
/// committed, and still checked against the version (ETag) its grain read, one write at a time inside the
/// transaction, so a stale activation fails alone with <see cref="InconsistentStateException"/>.
/// </remarks>
public sealed class SqliteGrainStorage(SqliteConnectionSource connections, SystemTextJsonStateSerializer serializer, IOptions<ClusterOptions> cluster)
    : IGrainStorage
{
    private const string KeyMatch =
        "service_id = $service AND state_type = $state AND key_text = $key AND key_n0 = $n0 AND key_n1 = $n1";
    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private readonly string _serviceId = cluster.Value.ServiceId;
    private readonly WriteBatcher<Write, long?> _writes = new(batch => WriteBatchAsync(connections, batch));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = RowKey.Of(_serviceId, stateName, grainId);
        string? payload = null;
        long? version = null;
        await using (var connection = (SqliteConnection)await connections.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT payload, version FROM orleans_grain_state WHERE {KeyMatch}";
            key.Bind(command);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                payload = reader.IsDBNull(0) ? null : reader.GetString(0);
                version = reader.GetInt64(1);
            }
        }
        grainState.State = payload is null ? Activator.CreateInstance<T>() : serializer.Deserialize<T>(BinaryData.FromString(payload));
        grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToString();
        grainState.ETag = await SubmitAsync("WriteState", stateName, grainId, grainState.ETag, payload);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Without an ETag this creates a cleared row (version 1), or fails if another activation wrote one meanwhile.
        grainState.ETag = await SubmitAsync("ClearState", stateName, grainId, grainState.ETag, payload: null);
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private async Task<string> SubmitAsync(string operation, string stateName, GrainId grainId, string? etag, string? payload)
    {
        long? expected = etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);
        var key = RowKey.Of(_serviceId, stateName, grainId);
        var written = await _writes.SubmitAsync(new Write(key, expected, payload));
        return written?.ToString(CultureInfo.InvariantCulture) ?? throw new InconsistentStateException(
            $"Version conflict ({operation}): ServiceId={_serviceId} State={key.StateType} GrainId={grainId} ETag={etag ?? "(none)"}: " +
            "another activation wrote this state since this one read it.", storedEtag: "unknown", currentEtag: etag ?? "");
    }

    /// <summary>One transaction for the whole batch; per write the new version, or null when its ETag was stale.</summary>
    private static async Task<IReadOnlyList<long?>> WriteBatchAsync(SqliteConnectionSource connections, IReadOnlyList<Write> batch)
    {
        var results = new long?[batch.Count];
        await using var connection = (SqliteConnection)await connections.OpenConnectionAsync();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var update = Prepare(connection, transaction,
            $"UPDATE orleans_grain_state SET payload = $payload, version = version + 1, modified_at = {Now} WHERE {KeyMatch} AND version = $version RETURNING version");
        await using var insert = Prepare(connection, transaction,
            $"INSERT INTO orleans_grain_state (service_id, state_type, key_text, key_n0, key_n1, version, payload, modified_at) " +
            $"VALUES ($service, $state, $key, $n0, $n1, 1, $payload, {Now}) ON CONFLICT DO NOTHING RETURNING version");
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i];
            // A write holding a version updates that version only; one holding none creates the row only.
            var command = write.ExpectedVersion is null ? insert : update;
            write.Key.Bind(command);
            RowKey.Set(command, "$payload", (object?)write.Payload ?? DBNull.Value);
            RowKey.Set(command, "$version", (object?)write.ExpectedVersion ?? DBNull.Value);
            results[i] = await command.ExecuteScalarAsync() is long written ? written : null;
        }
        await transaction.CommitAsync();
        return results;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in new[] { "$service", "$state", "$key", "$n0", "$n1", "$payload", "$version" })
            if (sql.Contains(name, StringComparison.Ordinal)) command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        command.Prepare();
        return command;
    }

    private sealed record Write(RowKey Key, long? ExpectedVersion, string? Payload);

    /// <summary>
    /// The row of one grain's state: state_type is "&lt;grain type&gt;/&lt;state name&gt;" (so two grain types with the
    /// same state name and key stay apart, as <see cref="GrainTypeScopedStorage"/> does for ADO.NET), and the grain key
    /// is split as Orleans' ADO.NET provider splits it: a long key in key_n1, a Guid over key_n0/key_n1, the
    /// extension or the string key in key_text.
    /// </summary>
    private sealed record RowKey(string ServiceId, string StateType, string Text, long N0, long N1)
    {
        public static RowKey Of(string serviceId, string stateName, GrainId grainId)
        {
            var stateType = GrainTypeScopedStorage.StateKey(stateName, grainId);
            if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
            {
                var bytes = guid.ToByteArray();
                return new(serviceId, stateType, guidExtension ?? "", BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8));
            }
            if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
                return new(serviceId, stateType, integerExtension ?? "", 0, integer);
            return new(serviceId, stateType, grainId.Key.ToString()!, 0, 0);
        }

        public void Bind(SqliteCommand command)
        {
            Set(command, "$service", ServiceId);
            Set(command, "$state", StateType);
            Set(command, "$key", Text);
            Set(command, "$n0", N0);
            Set(command, "$n1", N1);
        }

        /// <summary>Sets a parameter the statement names (reused, prepared commands keep theirs) and skips one it does not.</summary>
        public static void Set(SqliteCommand command, string name, object value)
        {
            if (command.Parameters.Contains(name)) command.Parameters[name].Value = value;
            else if (command.CommandText.Contains(name, StringComparison.Ordinal)) command.Parameters.AddWithValue(name, value);
        }
    }
}
