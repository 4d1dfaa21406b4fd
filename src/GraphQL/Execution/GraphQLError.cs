using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Execution;

/// <summary>An error in the response "errors" list (spec 7.1.2).</summary>
public sealed class GraphQLError
{
    public GraphQLError(
        string message,
        IReadOnlyList<SourceLocation>? locations = null,
        IReadOnlyList<object>? path = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        Message = message;
        Locations = locations is { Count: > 0 } ? locations : null;
        Path = path;
        Extensions = extensions is { Count: > 0 } ? extensions : null;
    }

    public string Message { get; }
    public IReadOnlyList<SourceLocation>? Locations { get; }
    /// <summary>Response path: strings (field keys) and ints (list indexes).</summary>
    public IReadOnlyList<object>? Path { get; }
    public IReadOnlyDictionary<string, object?>? Extensions { get; }
    public string? Code => Extensions?.GetValueOrDefault("code") as string;

    public static GraphQLError WithCode(string message, string code, params SyntaxNode[] nodes) =>
        new(message, nodes.Select(n => n.Location.ToSourceLocation()).ToArray(), null, new Dictionary<string, object?> { ["code"] = code });

    public static GraphQLError At(string message, params SyntaxNode[] nodes) =>
        new(message, nodes.Select(n => n.Location.ToSourceLocation()).ToArray());

    public GraphQLError WithPath(IReadOnlyList<object>? path) => new(Message, Locations, path, Extensions);

    public override string ToString() => Message;
}

/// <summary>Well-known extensions.code values the engine produces.</summary>
public static class ErrorCodes
{
    public const string SyntaxError = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";
    public const string CostLimitExceeded = "COST_LIMIT_EXCEEDED";
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";
    public const string Forbidden = "FORBIDDEN";
}

/// <summary>
/// Throw from a resolver for a deliberate, client-visible error; Code goes to extensions.code.
/// </summary>
public class GraphQLException : Exception
{
    public GraphQLException(string message, string? code = null, IReadOnlyDictionary<string, object?>? extensions = null, Exception? inner = null)
        : base(message, inner)
    {
        var ext = extensions is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(extensions);
        if (code is not null) ext["code"] = code;
        Extensions = ext;
    }

    public string? Code => Extensions.GetValueOrDefault("code") as string;
    public IReadOnlyDictionary<string, object?> Extensions { get; }
}
