using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Language;

/// <summary>A document that cannot be lexed or parsed. Message starts with "Syntax Error:".</summary>
public sealed class GraphQLSyntaxException : Exception
{
    public GraphQLSyntaxException(string description, SourceLocation location, string? code = null)
        : base("Syntax Error: " + description)
    {
        Description = description;
        Location = location;
        Code = code;
    }

    public string Description { get; }
    public SourceLocation Location { get; }
    /// <summary>Set when a limit (size, tokens, depth) was hit rather than bad syntax.</summary>
    public string? Code { get; }
}
