namespace Marketplace.Runtime.Persistence;

/// <summary>The value a state takes when no record exists: a new instance (or default for value types).</summary>
internal static class DefaultState<TState>
{
    private static readonly Func<TState>? Factory = CreateFactory();

    /// <summary>False when the type has no public parameterless constructor: the factory reports that at activation.</summary>
    public static bool CanCreate => Factory is not null;

    public static TState Create() => Factory is { } factory
        ? factory()
        : throw new InvalidOperationException(
            $"State type {typeof(TState)} needs a public parameterless constructor (records: give every property an initializer).");

    private static Func<TState>? CreateFactory()
    {
        var type = typeof(TState);
        if (type.IsValueType) return () => default!;
        if (type == typeof(string)) return () => (TState)(object)string.Empty;
        if (type.IsAbstract || type.IsInterface || type.GetConstructor(Type.EmptyTypes) is null) return null;
        return Activator.CreateInstance<TState>;
    }
}
