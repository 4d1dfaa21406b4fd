namespace Marketplace.Runtime.Persistence;

/// <summary>
/// Seam between activation and storage: the activator calls it for each constructor parameter
/// marked <see cref="PersistentStateAttribute"/>, then calls ReadStateAsync before OnActivateAsync.
/// </summary>
public interface IPersistentStateFactory
{
    IPersistentState<TState> Create<TState>(IGrainContext context, PersistentStateAttribute attribute);
}
