using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Persistence;

/// <summary>Binds [PersistentState] parameters to the keyed <see cref="IGrainStorage"/> named by the attribute.</summary>
public sealed class PersistentStateFactory(IServiceProvider services, StorageMetrics metrics, ILoggerFactory loggerFactory) : IPersistentStateFactory
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<PersistentStateFactory>();

    public IPersistentState<TState> Create<TState>(IGrainContext context, PersistentStateAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(attribute);
        if (string.IsNullOrWhiteSpace(attribute.StateName))
            throw new ArgumentException($"[PersistentState] on grain {context.GrainId} needs a state name.", nameof(attribute));
        if (!DefaultState<TState>.CanCreate)
            throw new InvalidOperationException(
                $"State '{attribute.StateName}' of grain {context.GrainId}: type {typeof(TState)} needs a public parameterless constructor.");

        var storageName = attribute.StorageName ?? GrainStorageNames.Default;
        var storage = services.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException(
                $"No grain storage named '{storageName}' is registered (state '{attribute.StateName}' of grain {context.GrainId}). " +
                $"Add one with silo.AddMemoryGrainStorage, AddSqliteGrainStorage, AddPostgresGrainStorage or UseStorageFromConfiguration.");

        return new BoundPersistentState<TState>(context, attribute.StateName, storageName, storage, metrics, _logger);
    }
}
