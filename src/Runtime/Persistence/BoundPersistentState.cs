using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Persistence;

/// <summary>
/// The <see cref="IPersistentState{TState}"/> a grain receives: one state name bound to one provider.
/// It is its own envelope, so the provider updates ETag and RecordExists only after a successful call.
/// </summary>
internal sealed class BoundPersistentState<TState>(
    IGrainContext context,
    string stateName,
    string storageName,
    IGrainStorage storage,
    StorageMetrics metrics,
    ILogger logger) : IPersistentState<TState>, IGrainState<TState>
{
    public TState State { get; set; } = DefaultState<TState>.Create();
    public string? Etag => ETag;
    public string? ETag { get; set; }
    public bool RecordExists { get; set; }

    public Task ReadStateAsync() => Run("read", () => storage.ReadStateAsync(stateName, context.GrainId, this));
    public Task WriteStateAsync() => Run("write", () => storage.WriteStateAsync(stateName, context.GrainId, this));
    public Task ClearStateAsync() => Run("clear", () => storage.ClearStateAsync(stateName, context.GrainId, this));

    private async Task Run(string operation, Func<Task> action)
    {
        try
        {
            await metrics.Measure(storageName, operation, action);
        }
        catch (InconsistentStateException ex)
        {
            // Our copy is stale: a fresh activation will reload the stored state.
            logger.LogWarning(ex, "ETag conflict on {Operation} of state {StateName} of grain {GrainId}; deactivating", operation, stateName, context.GrainId);
            context.DeactivateOnIdle();
            throw;
        }
    }
}
