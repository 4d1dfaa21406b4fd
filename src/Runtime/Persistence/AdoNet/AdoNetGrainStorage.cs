using System.Data.Common;

namespace Marketplace.Runtime.Persistence.AdoNet;

/// <summary>
/// Grain storage on a SQL store (SQLite or PostgreSQL): one row per (grain type, grain key, state name),
/// version number as ETag, every write a single compare-and-swap statement.
/// </summary>
internal sealed class AdoNetGrainStorage(AdoNetStore store, GrainStateSerializer serializer, TimeProvider timeProvider)
    : IGrainStorage, IAsyncDisposable, IDisposable
{
    private readonly WriteBatcher<Swap, int>? _batcher = store.Dialect.GroupCommitsWrites ? new(swaps => WriteSwapsAsync(store, swaps)) : null;

    private const string Key = "grain_type = @type AND grain_key = @key AND state_name = @state";

    private const string SelectSql = $"SELECT payload, version FROM grain_state WHERE {Key}";

    // A null ETag claims "no row yet": the insert fails cleanly (no row affected) when someone else inserted first.
    private const string InsertSql =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, modified_at) " +
        "VALUES (@type, @key, @state, @payload, 1, @now) ON CONFLICT DO NOTHING";

    private const string UpdateSql =
        $"UPDATE grain_state SET payload = @payload, version = version + 1, modified_at = @now WHERE {Key} AND version = @expected";

    private const string VersionSql = $"SELECT version FROM grain_state WHERE {Key}";

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        string? payload = null;
        long? version = null;
        await using (var connection = await store.OpenAsync())
        await using (var command = Keyed(connection.CreateCommand(SelectSql), grainId, stateName))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                payload = reader.IsDBNull(0) ? null : reader.GetString(0);
                version = reader.GetInt64(1);
            }
        }

        // Deserialize before touching the envelope, so a corrupt payload leaves it as it was.
        var state = payload is null ? DefaultState<TState>.Create() : serializer.Deserialize<TState>(payload, grainId, stateName);
        grainState.State = state;
        grainState.RecordExists = payload is not null;
        grainState.ETag = version is { } v ? EtagVersion.Format(v) : null;
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        // Serialize first: a state the serializer cannot write never reaches the database.
        var payload = serializer.Serialize(grainState.State);
        var version = await SwapAsync(grainId, stateName, "write", grainState.ETag, payload);
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        // The row stays as a marker (payload NULL) so versions keep counting up across clears.
        var version = await SwapAsync(grainId, stateName, "clear", grainState.ETag, payload: null);
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = false;
        grainState.State = DefaultState<TState>.Create();
    }

    private async Task<long> SwapAsync(GrainId grainId, string stateName, string operation, string? etag, string? payload)
    {
        long? expected = etag is null ? null : EtagVersion.Parse(etag, grainId, stateName);
        var now = store.Dialect.ToDbTime(timeProvider.GetUtcNow());
        var swap = new Swap(grainId, stateName, expected, payload, now);
        int affected;
        if (_batcher is not null) affected = await _batcher.SubmitAsync(swap);
        else
        {
            await using var own = await store.OpenAsync();
            affected = await ExecuteAsync(own, null, swap);
        }
        if (affected == 1) return (expected ?? 0) + 1;

        // Conflict path only: read what is stored, for a message that helps.
        await using var connection = await store.OpenAsync();
        await using var probe = Keyed(connection.CreateCommand(VersionSql), grainId, stateName);
        var stored = await probe.ExecuteScalarAsync();
        throw EtagVersion.Conflict(grainId, stateName, operation, stored is null or DBNull ? null : Convert.ToInt64(stored), etag);
    }

    /// <summary>One transaction for every swap queued meanwhile; each keeps its own compare-and-swap result.</summary>
    private static async Task<IReadOnlyList<int>> WriteSwapsAsync(AdoNetStore store, IReadOnlyList<Swap> swaps)
    {
        var affected = new int[swaps.Count];
        await using var connection = await store.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < swaps.Count; i++) affected[i] = await ExecuteAsync(connection, transaction, swaps[i]);
        await transaction.CommitAsync();
        return affected;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, Swap swap)
    {
        await using var command = Keyed(connection.CreateCommand(swap.Expected is null ? InsertSql : UpdateSql), swap.GrainId, swap.StateName);
        command.Transaction = transaction;
        command.With("@payload", swap.Payload).With("@now", swap.Now);
        if (swap.Expected is { } e) command.With("@expected", e);
        return await command.ExecuteNonQueryAsync();
    }

    private sealed record Swap(GrainId GrainId, string StateName, long? Expected, string? Payload, object Now);

    private static DbCommand Keyed(DbCommand command, GrainId grainId, string stateName) =>
        command.With("@type", grainId.Type).With("@key", grainId.Key).With("@state", stateName);

    public ValueTask DisposeAsync() => store.DisposeAsync();
    public void Dispose() => store.Dispose();
}
