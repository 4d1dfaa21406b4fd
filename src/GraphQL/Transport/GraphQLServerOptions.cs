using Marketplace.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Marketplace.GraphQL.Transport;

/// <summary>
/// Settings of the GraphQL HTTP/WebSocket endpoint (bind from configuration section "GraphQL:Server").
/// Delegates (context factory, WebSocket authenticator) are set in code.
/// </summary>
public sealed class GraphQLServerOptions
{
    public const string ConfigurationSection = "GraphQL:Server";

    /// <summary>Development: exception details in errors, GraphiQL page, introspection on (unless set explicitly).</summary>
    public bool Development { get; set; }

    /// <summary>Null = follow <see cref="Development"/>.</summary>
    public bool? EnableIntrospection { get; set; }

    /// <summary>Serve the GraphiQL page to browsers (GET with Accept text/html). Null = follow <see cref="Development"/>.</summary>
    public bool? EnableGraphiQL { get; set; }

    /// <summary>
    /// An HTML file served as the GraphiQL page instead of the built-in minimal one (e.g. a bundled build of
    /// the real GraphiQL); null, or a file that does not exist, keeps the built-in page.
    /// </summary>
    public string? GraphiQLHtmlFile { get; set; }

    /// <summary>Largest accepted POST body; larger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Time limit of one execution (null = none); overrides <see cref="ExecutionOptions.ExecutionTimeout"/>.</summary>
    public TimeSpan? ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Executor limits (depth, aliases, cost, cache size...). Exception details and introspection follow the flags above.</summary>
    public ExecutionOptions Execution { get; set; } = new();

    /// <summary>
    /// Builds the per-request context object handed to resolvers (e.g. the authenticated ClaimsPrincipal).
    /// Null: the HttpContext.User is passed.
    /// </summary>
    public Func<HttpContext, ValueTask<object?>>? ContextFactory { get; set; }

    public GraphQLWebSocketOptions WebSockets { get; set; } = new();

    /// <summary>Documents clients may name by hash, and whether only those are accepted.</summary>
    public TrustedDocumentOptions TrustedDocuments { get; set; } = new();

    internal bool IntrospectionEnabled => EnableIntrospection ?? Development;
    internal bool GraphiQLEnabled => EnableGraphiQL ?? Development;

    /// <summary>The executor settings these server options imply.</summary>
    public ExecutionOptions ToExecutionOptions() => new()
    {
        EnableIntrospection = IntrospectionEnabled,
        IncludeExceptionDetails = Development,
        ExecutionTimeout = ExecutionTimeout,
        MaxDepth = Execution.MaxDepth,
        MaxAliases = Execution.MaxAliases,
        MaxCost = Execution.MaxCost,
        DocumentCacheSize = Execution.DocumentCacheSize,
        MaxValidationErrors = Execution.MaxValidationErrors,
        MaxDocumentBytes = Execution.MaxDocumentBytes,
        MaxTokens = Execution.MaxTokens,
        MaxParserDepth = Execution.MaxParserDepth,
    };
}

/// <summary>Settings of the graphql-transport-ws endpoint.</summary>
public sealed class GraphQLWebSocketOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A connection that sends no connection_init within this time is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Incoming messages larger than this close the socket (1009).</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Operations running at once on one socket; more are answered with an error message.</summary>
    public int MaxOperationsPerConnection { get; set; } = 100;

    /// <summary>WebSocket-level keep-alive (ping frames).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Decides on connection_init (its payload, e.g. {"authorization":"Bearer ..."}). Null accepts every
    /// connection and uses the HTTP context factory for the operations' context.
    /// </summary>
    public Func<ConnectionInitContext, ValueTask<ConnectionInitResult>>? Authenticate { get; set; }

    /// <summary>
    /// Asked for each subscribe that passed the per-connection cap, before it runs: rate limits and caps across
    /// connections live here. Null admits every operation.
    /// </summary>
    public Func<OperationAdmissionContext, ValueTask<OperationAdmission>>? AdmitOperation { get; set; }
}
