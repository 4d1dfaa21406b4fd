namespace Marketplace.Runtime.Persistence.Memory;

/// <summary>
/// In-process storage for tests. Keeps serialized payloads (so later mutations of a state object
/// do not leak into the store) and applies the same ETag rules as the SQL stores.
/// </summary>
public sealed class MemoryGrainStorage(GrainStateSerializer serializer) : IGrainStorage
{
    private sealed record Row(string? Payload, long Version);

    private readonly Dictionary<(string Type, string Key, string State), Row> _rows = new();
    private readonly Lock _gate = new();

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        Row? row;
        lock (_gate) _rows.TryGetValue(Key(grainId, stateName), out row);
        if (row?.Payload is { } payload)
        {
            grainState.State = serializer.Deserialize<TState>(payload, grainId, stateName);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = DefaultState<TState>.Create();
            grainState.RecordExists = false;
        }
        grainState.ETag = row is null ? null : EtagVersion.Format(row.Version);
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var payload = serializer.Serialize(grainState.State);
        var version = Swap(grainId, stateName, "write", grainState.ETag, payload);
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var version = Swap(grainId, stateName, "clear", grainState.ETag, payload: null);
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = false;
        grainState.State = DefaultState<TState>.Create();
        return Task.CompletedTask;
    }

    private long Swap(GrainId grainId, string stateName, string operation, string? etag, string? payload)
    {
        var key = Key(grainId, stateName);
        long? expected = etag is null ? null : EtagVersion.Parse(etag, grainId, stateName);
        lock (_gate)
        {
            var stored = _rows.TryGetValue(key, out var row) ? row.Version : (long?)null;
            if (stored != expected) throw EtagVersion.Conflict(grainId, stateName, operation, stored, etag);
            var next = (stored ?? 0) + 1;
            _rows[key] = new Row(payload, next);
            return next;
        }
    }

    private static (string, string, string) Key(GrainId grainId, string stateName) => (grainId.Type, grainId.Key, stateName);
}
