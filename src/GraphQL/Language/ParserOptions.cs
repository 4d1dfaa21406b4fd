namespace Marketplace.GraphQL.Language;

/// <summary>Limits that keep hostile documents cheap to refuse.</summary>
public sealed record ParserOptions
{
    public static readonly ParserOptions Default = new();
    /// <summary>Maximum UTF-8 size of a document; checked before lexing.</summary>
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;
    /// <summary>Maximum number of tokens; counted while lexing so a huge document stops early.</summary>
    public int MaxTokens { get; init; } = 50_000;
    /// <summary>Maximum nesting (selection sets, list/object values, list types); prevents stack overflow.</summary>
    public int MaxDepth { get; init; } = 256;
}
