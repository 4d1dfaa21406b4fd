namespace Marketplace.GraphQL.DataLoader;

/// <summary>Loads many keys in one call. Keys missing from the result resolve to default (null).</summary>
public delegate ValueTask<IReadOnlyDictionary<TKey, TValue>> BatchLoadFunction<TKey, TValue>(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    where TKey : notnull;
