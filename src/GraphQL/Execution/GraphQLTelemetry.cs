using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// The engine's spans and meters, named after OpenTelemetry's GraphQL conventions: a span per operation
/// ("query ItemPage") with graphql.operation.name / graphql.operation.type, a request-duration histogram by
/// operation and outcome, and the number of WebSocket operations running. Listeners (e.g. OpenTelemetry)
/// subscribe by <see cref="Name"/>; without one, nothing is recorded.
/// </summary>
public static class GraphQLTelemetry
{
    public const string Name = "Marketplace.GraphQL";

    // ActivitySource and Meter are the .NET pattern for instrumentation: one per library, created once.
    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "graphql.server.request.duration", unit: "s", description: "Time to execute a GraphQL operation (queries and mutations).");
    private static readonly UpDownCounter<long> Subscriptions = Meter.CreateUpDownCounter<long>(
        "graphql.server.subscriptions.active", description: "GraphQL operations running over WebSockets.");

    internal static Activity? StartOperation(OperationDefinitionNode operation)
    {
        if (!Source.HasListeners()) return null;
        var type = TypeName(operation.Operation);
        var name = operation.Name?.Value;
        var activity = Source.StartActivity(name is null ? type : type + " " + name, ActivityKind.Internal);
        activity?.SetTag("graphql.operation.type", type);
        if (name is not null) activity?.SetTag("graphql.operation.name", name);
        return activity;
    }

    internal static void RecordOperation(OperationDefinitionNode operation, ExecutionResult result, long startedTimestamp, Activity? activity)
    {
        var failed = result.Errors is { Count: > 0 };
        if (failed) activity?.SetStatus(ActivityStatusCode.Error);
        if (!Duration.Enabled) return;
        Duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("graphql.operation.type", TypeName(operation.Operation)),
            new KeyValuePair<string, object?>("graphql.operation.name", operation.Name?.Value ?? ""),
            new KeyValuePair<string, object?>("error", failed));
    }

    /// <summary>Counts a WebSocket operation while it runs (dispose the result when it ends).</summary>
    public static IDisposable TrackSubscription()
    {
        Subscriptions.Add(1);
        return new SubscriptionSlot();
    }

    private static string TypeName(OperationType type) => type switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        _ => "subscription",
    };

    private sealed class SubscriptionSlot : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Subscriptions.Add(-1);
        }
    }
}
