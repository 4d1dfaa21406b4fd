using System.Runtime.CompilerServices;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>Subscribe (spec 6.2.3): create the source stream, then execute the selection set per event.</summary>
internal static class SubscriptionExecution
{
    public static async Task<SubscriptionResult> CreateAsync(DocumentExecutor executor, PreparedDocument prepared, OperationDefinitionNode operation, IReadOnlyDictionary<string, object?> variables, ExecutionRequest request)
    {
        var schema = executor.Schema;
        var rootType = schema.SubscriptionType;
        if (rootType is null)
            return SubscriptionResult.FromError(ExecutionResult.RequestError(GraphQLError.WithCode("Schema is not configured to execute subscription operation.", ErrorCodes.OperationNotAllowed, operation)));

        var fields = FieldCollector.Collect(schema, rootType, [operation.SelectionSet], prepared.Fragments, variables).Fields;
        if (fields.Count != 1 || fields[0].Definition is null)
            return SubscriptionResult.FromError(ExecutionResult.RequestError(GraphQLError.At("Subscription operations must select exactly one known root field.", operation)));

        var field = fields[0];
        var definition = field.Definition!;
        var path = new object[] { field.ResponseKey };
        var locations = ErrorFactory.Locations(field.First);
        var execution = new OperationExecution(schema, prepared, operation, variables, request, executor.Options, executor.Logger, request.CancellationToken);
        var root = new ResultMap(new CollectedFields([field]));
        var context = new FieldTask(execution, new PendingField(field, rootType, request.RootValue, root, 0));
        IAsyncEnumerable<object?> source;
        try
        {
            context.Arguments = ArgumentCoercion.Coerce(definition, field.First, variables);
            if (definition.Authorizer is not null)
            {
                var decision = await definition.Authorizer(context).ConfigureAwait(false);
                if (!decision.IsAllowed) throw new GraphQLException(decision.Message ?? "Not authorized.", decision.Code ?? ErrorCodes.Forbidden);
            }

            if (definition.Subscriber is null)
                throw new InvalidOperationException($"Subscription field \"{rootType.Name}.{definition.Name}\" has no subscribe resolver.");
            source = await definition.Subscriber(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !request.CancellationToken.IsCancellationRequested)
        {
            var error = ErrorFactory.FromException(ex, locations, path, executor.Options, executor.Logger);
            return SubscriptionResult.FromError(new ExecutionResult(null, false, [error]));
        }

        return SubscriptionResult.FromStream(MapEvents(executor, prepared, operation, variables, request, source));
    }

    private static async IAsyncEnumerable<ExecutionResult> MapEvents(
        DocumentExecutor executor,
        PreparedDocument prepared,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables,
        ExecutionRequest request,
        IAsyncEnumerable<object?> source,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, request.CancellationToken);
        await foreach (var item in source.WithCancellation(linked.Token).ConfigureAwait(false))
        {
            var eventRequest = request with { CancellationToken = linked.Token };
            yield return await executor.RunAsync(prepared, operation, variables, eventRequest, item, isSubscriptionEvent: true).ConfigureAwait(false);
        }
    }
}
