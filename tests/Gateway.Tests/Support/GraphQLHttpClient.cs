using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketplace.Gateway.Tests.Support;

/// <summary>GraphQL over HTTP POST with HttpClient; answers the parsed response body.</summary>
public sealed class GraphQLHttpClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: not JSON: {body}");
        }
        return new GraphQLResponse((int)response.StatusCode, json!.AsObject(), body);
    }
}

public sealed record GraphQLResponse(int StatusCode, JsonObject Body, string Raw)
{
    public JsonNode? Data => Body["data"];
    public JsonArray Errors => Body["errors"] as JsonArray ?? [];
    public IReadOnlyList<string?> ErrorCodes => Errors.Select(e => e?["extensions"]?["code"]?.GetValue<string>()).ToArray();

    /// <summary>The data, failing the test with the whole response when there were GraphQL errors.</summary>
    public JsonNode Ok()
    {
        Assert.True(Errors.Count == 0, "GraphQL errors: " + Raw);
        return Data!;
    }

    /// <summary>A mutation payload with no business errors: its object.</summary>
    public JsonNode Payload(string mutation, string objectField)
    {
        var payload = Ok()[mutation]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, $"{mutation} errors: " + Raw);
        return payload[objectField]!;
    }

    /// <summary>The single business error code of a mutation payload (its object null).</summary>
    public string PayloadError(string mutation, string objectField)
    {
        var payload = Ok()[mutation]!;
        Assert.Null(payload[objectField]);
        var errors = payload["errors"]!.AsArray();
        Assert.True(errors.Count == 1, $"{mutation}: expected one error: " + Raw);
        return errors[0]!["code"]!.GetValue<string>();
    }
}
