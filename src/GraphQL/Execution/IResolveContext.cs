using Marketplace.GraphQL.DataLoader;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>What a resolver knows about the field it resolves.</summary>
public interface IResolveContext
{
    /// <summary>The parent object's value (the root value for root fields, the event for subscription fields).</summary>
    object? Source { get; }
    Schema Schema { get; }
    ObjectType ParentType { get; }
    FieldDefinition Field { get; }
    /// <summary>The first field node of the (merged) selection.</summary>
    FieldNode FieldNode { get; }
    IReadOnlyList<FieldNode> FieldNodes { get; }
    OperationDefinitionNode Operation { get; }
    /// <summary>Coerced arguments (defaults applied; absent arguments are missing, explicit nulls are null).</summary>
    IReadOnlyDictionary<string, object?> Arguments { get; }
    IReadOnlyDictionary<string, object?> Variables { get; }
    /// <summary>Response path of this field: keys and list indexes.</summary>
    IReadOnlyList<object> Path { get; }
    /// <summary>The request's context object (e.g. the authenticated user).</summary>
    object? UserContext { get; }
    IServiceProvider? RequestServices { get; }
    CancellationToken CancellationToken { get; }

    /// <summary>Per-request scratch space shared by all resolvers of one request.</summary>
    IDictionary<string, object?> RequestItems { get; }

    /// <summary>Argument value converted to T (numbers converted, enums mapped), or the fallback when absent/null.</summary>
    T? GetArgument<T>(string name, T? fallback = default);

    bool HasArgument(string name);

    /// <summary>
    /// Request-scoped loader keyed by name: keys requested while the executor has other work are
    /// fetched in one batch call; results are cached for the rest of the request.
    /// </summary>
    DataLoader<TKey, TValue> GetDataLoader<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batch)
        where TKey : notnull;
}
