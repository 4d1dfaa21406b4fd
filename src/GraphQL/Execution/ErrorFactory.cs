using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;
using Microsoft.Extensions.Logging;

namespace Marketplace.GraphQL.Execution;

/// <summary>Turns exceptions from resolvers into response errors without leaking details outside development.</summary>
internal static class ErrorFactory
{
    public const string GenericMessage = "Unexpected error.";

    public static GraphQLError FromException(Exception exception, IReadOnlyList<SourceLocation>? locations, IReadOnlyList<object>? path, ExecutionOptions options, ILogger logger)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];
        switch (exception)
        {
            case GraphQLException g:
                return new GraphQLError(g.Message, locations, path, g.Extensions);
            case GraphQLCoercionException c:
                return new GraphQLError(c.Message, locations, path);
        }

        logger.LogError(exception, "Resolver failed at {Path}", path is null ? "" : string.Join('.', path));
        if (options.IncludeExceptionDetails)
        {
            return new GraphQLError(exception.Message, locations, path, new Dictionary<string, object?>
            {
                ["code"] = ErrorCodes.InternalServerError,
                ["exception"] = new Dictionary<string, object?>
                {
                    ["type"] = exception.GetType().FullName,
                    ["message"] = exception.Message,
                    ["stackTrace"] = exception.ToString(),
                },
            });
        }

        return new GraphQLError(GenericMessage, locations, path, new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalServerError });
    }

    public static IReadOnlyList<SourceLocation> Locations(FieldNode node) => [node.Location.ToSourceLocation()];
}
