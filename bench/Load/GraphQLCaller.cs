using System.Diagnostics;
using System.Text.Json.Nodes;
using Marketplace.Cluster.Tests;

namespace Marketplace.Load;

/// <summary>
/// What came back: the data when it succeeded, else an error kind: <c>payload:CODE</c> (a business rule said no,
/// nothing changed), <c>graphql:CODE</c> (a GraphQL error), <c>http-NNN</c>, <c>timeout</c> or <c>transport</c>.
/// </summary>
public sealed record CallResult(JsonNode? Data, string? Error)
{
    public bool Ok => Error is null;

    /// <summary>A write that failed this way may or may not have happened (only a payload error says "nothing changed").</summary>
    public bool Uncertain => Error is not null && !Error.StartsWith("payload:", StringComparison.Ordinal);
}

/// <summary>GraphQL over HTTP (the tests' <see cref="GraphQLHttp"/>) with each request timed and classified into a recorder.</summary>
public sealed class GraphQLCaller(GraphQLHttp http, OperationRecorder recorder)
{
    /// <param name="payloadField">For a mutation: the field whose payload's errors count as the request's error.</param>
    public async Task<CallResult> CallAsync(string operation, string query, object? variables, string? token, string? payloadField = null)
    {
        recorder.Starting();
        var started = Stopwatch.GetTimestamp();
        var result = await SendAsync(query, variables, token, payloadField);
        recorder.Add(new Sample(operation, started, Stopwatch.GetTimestamp(), result.Error));
        return result;
    }

    private async Task<CallResult> SendAsync(string query, object? variables, string? token, string? payloadField)
    {
        JsonObject body;
        try
        {
            body = await http.PostAsync(query, variables, token);
        }
        catch (TaskCanceledException) { return new CallResult(null, "timeout"); }
        catch (HttpRequestException) { return new CallResult(null, "transport"); }
        catch (GraphQLErrorException exception)
        {
            // Not JSON: GraphQLHttp says "HTTP <status>: <body>".
            var status = exception.Message.StartsWith("HTTP ", StringComparison.Ordinal) ? exception.Message[5..8] : "?";
            return new CallResult(null, "http-" + status);
        }
        if (body["errors"] is JsonArray { Count: > 0 } errors)
            return new CallResult(null, "graphql:" + (errors[0]?["extensions"]?["code"]?.GetValue<string>() ?? "ERROR"));
        var data = body["data"];
        if (data is null) return new CallResult(null, "graphql:NO_DATA");
        if (payloadField is not null && data[payloadField]?["errors"] is JsonArray { Count: > 0 } userErrors)
            return new CallResult(data, "payload:" + (userErrors[0]?["code"]?.GetValue<string>() ?? "ERROR"));
        return new CallResult(data, null);
    }
}
