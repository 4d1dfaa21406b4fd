using Marketplace.GraphQL.Execution;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// INVALID_INPUT errors for clients (contract, "Errors": with <c>field</c>, the path of the argument at
/// fault). The read side refuses bad queries with <see cref="ArgumentException"/>s whose words name its own
/// parameters ("Invalid cursor. (Parameter 'cursor')"): they are put in the words of the request here.
/// </summary>
internal static class InputErrors
{
    public const string Code = "INVALID_INPUT";

    public static GraphQLException Invalid(string message, params string[] field) =>
        new(message, Code, field.Length == 0 ? null : new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A refused listing query: the cursor is the <c>after</c> argument; anything else keeps its words, without .NET's parameter suffix.</summary>
    public static GraphQLException FromListingQuery(ArgumentException exception) => FromPagedQuery(exception, "query and orderBy");

    /// <summary>A refused order-list query, in the same words (order lists have one order: newest first).</summary>
    public static GraphQLException FromOrderListQuery(ArgumentException exception) => FromPagedQuery(exception, "list");

    private static GraphQLException FromPagedQuery(ArgumentException exception, string same) =>
        IsAbout(exception, "cursor")
            ? Invalid($"after is not a cursor of this list: pass the endCursor of a page of the same {same}.", "after")
            : Invalid(ClientMessages.Of(exception));

    /// <summary>
    /// Whether the exception is about <paramref name="parameter"/>: its ParamName, or the suffix in its
    /// message when it crossed a process boundary as text (the name is then gone).
    /// </summary>
    private static bool IsAbout(ArgumentException exception, string parameter) =>
        exception.ParamName == parameter || exception.Message.Contains($"(Parameter '{parameter}')", StringComparison.Ordinal);
}
