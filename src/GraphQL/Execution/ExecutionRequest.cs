using System.Text.Json;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Execution;

/// <summary>One GraphQL request as the transport received it.</summary>
public sealed record ExecutionRequest
{
    /// <summary>Document text; used when <see cref="Document"/> is null (and as the cache key).</summary>
    public string? Query { get; init; }
    /// <summary>An already parsed document (skips the parse cache).</summary>
    public DocumentNode? Document { get; init; }
    public string? OperationName { get; init; }
    /// <summary>Variables as plain values (string, bool, numbers, lists, dictionaries).</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    /// <summary>Variables as JSON (an object or null); used when <see cref="Variables"/> is null.</summary>
    public JsonElement? VariablesJson { get; init; }
    /// <summary>Request "extensions" (e.g. persisted query hashes); passed through to resolvers.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
    /// <summary>Caller state (e.g. the authenticated user / ClaimsPrincipal), handed to resolvers as UserContext.</summary>
    public object? Context { get; init; }
    public IServiceProvider? RequestServices { get; init; }
    /// <summary>Value of the root object (source of root fields).</summary>
    public object? RootValue { get; init; }
    /// <summary>Operation types this request may run (e.g. only Query for HTTP GET). Null = all.</summary>
    public IReadOnlySet<OperationType>? AllowedOperations { get; init; }
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>Executes GraphQL requests against one schema.</summary>
public interface IDocumentExecutor
{
    /// <summary>Parses (cached), validates (cached), coerces variables and executes a query or mutation.</summary>
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request);

    /// <summary>
    /// For subscription operations: creates the source stream and maps each event to a result
    /// (spec 6.2.3). Queries and mutations give a stream of one result. Errors before the stream
    /// exists (syntax, validation, variables, subscribe resolver failure) come back as
    /// <see cref="SubscriptionResult.ErrorResult"/>.
    /// </summary>
    Task<SubscriptionResult> SubscribeAsync(ExecutionRequest request);
}

/// <summary>Either an error result or a stream of results.</summary>
public sealed class SubscriptionResult
{
    private SubscriptionResult(ExecutionResult? error, IAsyncEnumerable<ExecutionResult>? stream)
    {
        ErrorResult = error;
        Stream = stream;
    }

    public ExecutionResult? ErrorResult { get; }
    public IAsyncEnumerable<ExecutionResult>? Stream { get; }
    public bool IsStream => Stream is not null;

    public static SubscriptionResult FromError(ExecutionResult error) => new(error, null);
    public static SubscriptionResult FromStream(IAsyncEnumerable<ExecutionResult> stream) => new(null, stream);
}
