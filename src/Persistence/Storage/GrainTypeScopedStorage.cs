using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Marketplace.Persistence.Storage;

/// <summary>
/// Puts the grain type in front of the state name before a relational provider sees it.
/// </summary>
/// <remarks>
/// Orleans hands a storage provider the state name (<c>[PersistentState("item")]</c>) and the grain id, and
/// the ADO.NET provider keys its rows by that name and the id's key only, without the grain type. A buyer
/// grain and a seller grain of the same user id that both named their state "profile" would then read and
/// overwrite one row. Keying by "&lt;grain type&gt;/&lt;state name&gt;" (e.g. "item/item") keeps them apart.
/// The grain type is the grain's Orleans identity ([GrainType] or the class-derived name), which is what
/// references and reminders already depend on.
/// </remarks>
internal sealed class GrainTypeScopedStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The key the provider stores the state under.</summary>
    public static string StateKey(string stateName, GrainId grainId) => $"{grainId.Type}/{stateName}";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(StateKey(stateName, grainId), grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(StateKey(stateName, grainId), grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(StateKey(stateName, grainId), grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.WriteStateAsync(StateKey(stateName, grainId), grainId, grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(StateKey(stateName, grainId), grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(StateKey(stateName, grainId), grainId, grainState, cancellationToken);

    // The provider initialises (reads its queries) in the silo lifecycle; Orleans finds that through us.
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
