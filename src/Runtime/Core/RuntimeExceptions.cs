namespace Marketplace.Runtime;

/// <summary>
/// A request would wait on itself: a non-reentrant grain already in the call chain is called again.
/// Raised at once instead of waiting for the response timeout.
/// </summary>
public sealed class DeadlockException(string message, IReadOnlyList<GrainId> cycle) : Exception(message)
{
    /// <summary>The grains of the cycle in call order, starting and ending with the same grain.</summary>
    public IReadOnlyList<GrainId> Cycle { get; } = cycle;
}

/// <summary>No grain class is registered for a grain type or interface.</summary>
public sealed class GrainTypeNotFoundException(string message) : Exception(message);
