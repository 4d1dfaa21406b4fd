using Marketplace.GraphQL.Language;

namespace Marketplace.GraphQL.Execution;

/// <summary>Executor settings (bind from configuration section "GraphQL").</summary>
public sealed class ExecutionOptions
{
    /// <summary>__schema and __type allowed. Turn off outside development.</summary>
    public bool EnableIntrospection { get; set; } = true;
    /// <summary>Development: unexpected exceptions report their message and stack trace.</summary>
    public bool IncludeExceptionDetails { get; set; }
    /// <summary>Maximum field nesting depth of an operation (null = unlimited).</summary>
    public int? MaxDepth { get; set; } = 20;
    /// <summary>Maximum number of aliased fields (counted after fragment expansion; null = unlimited).</summary>
    public int? MaxAliases { get; set; } = 50;
    /// <summary>Maximum operation cost (default 1 per field, children multiplied by first/last; null = unlimited).</summary>
    public int? MaxCost { get; set; } = 20_000;
    /// <summary>Execution time limit (null = none). Exceeding it yields an EXECUTION_TIMEOUT error.</summary>
    public TimeSpan? ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Parsed and validated documents kept, keyed by document text (LRU).</summary>
    public int DocumentCacheSize { get; set; } = 1000;
    public int MaxValidationErrors { get; set; } = 100;
    public int MaxDocumentBytes { get; set; } = 1024 * 1024;
    public int MaxTokens { get; set; } = 50_000;
    public int MaxParserDepth { get; set; } = 256;

    internal ParserOptions ToParserOptions() => new() { MaxDocumentBytes = MaxDocumentBytes, MaxTokens = MaxTokens, MaxDepth = MaxParserDepth };
}
