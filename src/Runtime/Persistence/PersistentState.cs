namespace Marketplace.Runtime;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime
/// injects a state bound to the named storage provider and reads it before activation completes.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;
    /// <summary>Provider name; null means <see cref="GrainStorageNames.Default"/>.</summary>
    public string? StorageName { get; } = storageName;
}

public static class GrainStorageNames
{
    public const string Default = "Default";
}

/// <summary>State of one grain, persisted with optimistic concurrency on <see cref="Etag"/>.</summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }
    string? Etag { get; }
    bool RecordExists { get; }
    Task ReadStateAsync();
    /// <summary>Returns once the state is durable; throws <see cref="InconsistentStateException"/> on an ETag conflict.</summary>
    Task WriteStateAsync();
    Task ClearStateAsync();
}

/// <summary>The envelope a storage provider reads into and writes from.</summary>
public interface IGrainState<TState>
{
    TState State { get; set; }
    string? ETag { get; set; }
    bool RecordExists { get; set; }
}

/// <summary>A storage provider. Implementations key records by grain type, grain key and state name.</summary>
public interface IGrainStorage
{
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);
}

/// <summary>The stored ETag differs from the one this activation holds: another writer got there first.</summary>
public class InconsistentStateException(string message, string? storedEtag, string? currentEtag, Exception? inner = null)
    : Exception(message, inner)
{
    public string? StoredEtag { get; } = storedEtag;
    public string? CurrentEtag { get; } = currentEtag;
}

/// <summary>A stored payload could not be read back (corrupt or of an incompatible shape).</summary>
public class GrainStateCorruptException(string message, Exception? inner = null) : Exception(message, inner);
