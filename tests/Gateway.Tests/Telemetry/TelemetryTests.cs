using System.Diagnostics;
using Marketplace.Gateway.Tests.Support;
using Marketplace.Grains.Tests.Harness;
using OpenTelemetry.Trace;

namespace Marketplace.Gateway.Tests.Telemetry;

public sealed class TelemetryTests
{
    [Fact]
    public async Task One_mutation_is_one_trace_from_the_HTTP_request_through_GraphQL_and_a_grain_call_to_PostgreSQL()
    {
        await using var postgres = new ScratchPostgres();
        var spans = new List<Activity>();
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = await postgres.CreateAsync("telemetry"),
            ["Telemetry:Tracing"] = "true",
        }, configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

        (await host.Client.PostAsync("mutation Join($i: CreateUserInput!) { createUser(input: $i) { token errors { code } } }",
            new { i = new { displayName = "traced" } })).Payload("createUser", "user");

        var chain = await Eventually.MatchAsync(() => Task.FromResult(FindChain(spans)), c => c is not null, "an HTTP → GraphQL → grain → PostgreSQL chain of spans");
        var (http, graphql, grain, database) = chain!.Value;
        Assert.Equal(ActivityKind.Server, http.Kind);
        Assert.Equal("mutation", graphql.GetTagItem("graphql.operation.type"));
        Assert.Equal("Join", graphql.GetTagItem("graphql.operation.name"));
        Assert.Equal(http.SpanId, graphql.ParentSpanId);
        Assert.All(new[] { grain, database }, span => Assert.Equal(http.TraceId, span.TraceId));
    }

    /// <summary>The request's server span, its GraphQL span, a grain call under it and a PostgreSQL command under that grain call.</summary>
    private static (Activity Http, Activity GraphQL, Activity Grain, Activity Database)? FindChain(List<Activity> recorded)
    {
        Activity[] spans;
        lock (recorded) spans = [.. recorded];
        var bySpan = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        bool Under(Activity span, Activity ancestor)
        {
            for (var current = span; bySpan.TryGetValue(current.ParentSpanId, out var parent); current = parent)
                if (parent.SpanId == ancestor.SpanId) return true;
            return false;
        }
        var graphql = spans.FirstOrDefault(s => s.DisplayName == "mutation Join");
        if (graphql is null || !bySpan.TryGetValue(graphql.ParentSpanId, out var http)) return null;
        var database = spans.FirstOrDefault(s => s.Source.Name == "Npgsql" && Under(s, graphql)
            && spans.Any(g => g.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && Under(s, g) && Under(g, graphql)));
        if (database is null) return null;
        var grain = spans.First(g => g.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && Under(database, g) && Under(g, graphql));
        return (http, graphql, grain, database);
    }

    // The gauge may be scraped before the subscription is counted (the server counts it once it has started).
    private static readonly System.Text.RegularExpressions.Regex OneSubscriptionActive = new(@"(?m)^graphql_server_subscriptions_active(\{[^}]*\})? 1( |$)");

    [Fact]
    public async Task The_metrics_page_has_request_GraphQL_subscription_and_Orleans_series_in_Prometheus_format()
    {
        await using var host = await GatewayHost.StartAsync();
        (await host.Client.PostAsync("query Probe { categories { id } }")).Ok();
        await using var socket = await Marketplace.Cluster.Tests.GraphQLWebSocket.ConnectAsync(host.BaseAddress, GatewayHost.AdminToken);
        await socket.SubscribeAsync("subscription { dashboardChanged { stats { activeListings } } }", new { });

        var page = await Eventually.MatchAsync(() => host.Client.Http.GetStringAsync(new Uri(host.BaseAddress, "/metrics")),
            text => text.Contains("graphql_server_request_duration_seconds_bucket", StringComparison.Ordinal)
                && OneSubscriptionActive.IsMatch(text), "the GraphQL series on /metrics, with the one subscription counted");

        Assert.Contains("graphql_operation_name=\"Probe\"", page);
        Assert.Contains("http_server_request_duration_seconds_bucket", page);
        Assert.Matches(OneSubscriptionActive, page);
        // Orleans' own meter: grain calls and activations.
        Assert.Contains("orleans_app_requests_latency", page);
        Assert.Contains("orleans_catalog_activation", page);
    }
}
