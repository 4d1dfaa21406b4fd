using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Marketplace.GraphQL.Tests.Transport;

public sealed class HttpTransportTests : IClassFixture<TransportServersFixture>, IDisposable
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";

    private readonly TransportServersFixture _servers;
    private readonly HttpClient _client = new();

    public HttpTransportTests(TransportServersFixture servers) => _servers = servers;

    public void Dispose() => _client.Dispose();

    private Uri Dev => _servers.Development.Endpoint;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(Uri endpoint, object body, string? accept = GraphQLResponse, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = body is string text ? new StringContent(text, Encoding.UTF8, Json) : JsonContent(body),
        };
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        adjust?.Invoke(request);
        return await SendAsync(request);
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, Json);

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response, body);
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(Uri endpoint, string queryString, string? accept = GraphQLResponse)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint + "?" + queryString));
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return await SendAsync(request);
    }

    private static string Q(string value) => Uri.EscapeDataString(value);

    private static string? FirstErrorCode(JsonElement body) =>
        body.GetProperty("errors")[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task Post_with_graphql_response_accept_answers_in_that_media_type()
    {
        var (response, body) = await PostAsync(Dev, new { query = "query($n: String) { hello(name: $n) }", variables = new { n = "Ada" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("Hello Ada", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData(null, Json)]
    [InlineData("application/json", Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/graphql-response+json, application/json", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json;q=0.5", Json)]
    [InlineData("text/html, application/graphql-response+json;charset=utf-8", GraphQLResponse)]
    public async Task Accept_header_selects_the_response_media_type(string? accept, string expected)
    {
        var (response, body) = await PostAsync(Dev, new { query = "{ hello }" }, accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Hello world", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml, text/*")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Unacceptable_accept_header_gets_406(string accept)
    {
        var (response, _) = await PostAsync(Dev, new { query = "{ hello }" }, accept);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task Unsupported_content_type_gets_415(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Dev) { Content = new ByteArrayContent("{\"query\":\"{ hello }\"}"u8.ToArray()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var (response, body) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.True(body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Post_without_content_type_gets_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Dev);
        var (response, _) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("{ \"not a JSON")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{\"notquery\":\"{ hello }\"}")]
    [InlineData("{\"query\":42}")]
    [InlineData("{\"query\":\"{ hello }\",\"variables\":[1]}")]
    [InlineData("{\"query\":\"{ hello }\",\"variables\":\"{}\"}")]
    [InlineData("{\"query\":\"{ hello }\",\"operationName\":7}")]
    [InlineData("{\"query\":\"{ hello }\",\"extensions\":\"x\"}")]
    public async Task Malformed_request_gets_400_with_errors_for_both_media_types(string body)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var (response, json) = await PostAsync(Dev, body, accept);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(json.GetProperty("errors").GetArrayLength() > 0);
            Assert.False(json.TryGetProperty("data", out _));
        }
    }

    [Theory]
    [InlineData("{ hello(", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ noSuchField }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task Document_errors_are_400_for_graphql_response_and_200_for_json(string query, string code)
    {
        var (strict, strictBody) = await PostAsync(Dev, new { query }, GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Equal(GraphQLResponse, strict.Content.Headers.ContentType!.MediaType);
        Assert.Equal(code, FirstErrorCode(strictBody));
        Assert.False(strictBody.TryGetProperty("data", out _));

        var (legacy, legacyBody) = await PostAsync(Dev, new { query }, Json);
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal(code, FirstErrorCode(legacyBody));
    }

    [Fact]
    public async Task Variable_coercion_failure_is_a_request_error()
    {
        var body = new { query = "query($n: String) { hello(name: $n) }", variables = new { n = new[] { 1, 2 } } };
        var (strict, strictBody) = await PostAsync(Dev, body, GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.False(strictBody.TryGetProperty("data", out _));
        var (legacy, _) = await PostAsync(Dev, body, Json);
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
    }

    [Fact]
    public async Task Field_error_after_execution_started_is_200_with_partial_data()
    {
        var (response, body) = await PostAsync(Dev, new { query = "{ hello boom }" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello world", body.GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("boom").ValueKind);
        Assert.Equal("boom", body.GetProperty("errors")[0].GetProperty("path")[0].GetString());
    }

    [Fact]
    public async Task Exception_details_appear_only_in_development()
    {
        var (_, devBody) = await PostAsync(_servers.Development.Endpoint, new { query = "{ boom }" });
        Assert.Contains("secret detail", devBody.GetRawText());

        var (prodResponse, prodBody) = await PostAsync(_servers.Production.Endpoint, new { query = "{ boom }" });
        Assert.Equal(HttpStatusCode.OK, prodResponse.StatusCode);
        var text = prodBody.GetRawText();
        Assert.DoesNotContain("secret detail", text);
        Assert.DoesNotContain("InvalidOperationException", text);
        Assert.DoesNotContain(" at ", text);
        Assert.DoesNotContain("stackTrace", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Mutation_runs_over_post()
    {
        var (response, body) = await PostAsync(Dev, new { query = "mutation { echo(text: \"hi\") }" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi", body.GetProperty("data").GetProperty("echo").GetString());
    }

    [Fact]
    public async Task Operation_name_selects_the_operation()
    {
        var (_, body) = await PostAsync(Dev, new { query = "query A { hello } query B { hello(name: \"B\") }", operationName = "B" });
        Assert.Equal("Hello B", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Get_runs_queries_with_json_encoded_variables()
    {
        var (response, body) = await GetAsync(Dev, $"query={Q("query($n: String) { hello(name: $n) }")}&variables={Q("{\"n\":\"Get\"}")}&extensions={Q("{\"a\":1}")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello Get", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Mutation_over_get_is_405_allowing_post()
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var (response, body) = await GetAsync(Dev, "query=" + Q("mutation { echo(text: \"x\") }"), accept);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Contains("POST", response.Content.Headers.Allow);
            Assert.False(body.TryGetProperty("data", out _));
        }
    }

    [Theory]
    [InlineData("variables=%5B1%5D")]
    [InlineData("variables=%7Bnot-json")]
    [InlineData("extensions=%22x%22")]
    public async Task Get_with_bad_parameters_is_400(string extra)
    {
        var (response, body) = await GetAsync(Dev, "query=" + Q("{ hello }") + "&" + extra);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Get_without_query_is_400()
    {
        var (response, _) = await GetAsync(Dev, "operationName=x", Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_are_405(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Dev) { Content = JsonContent(new { query = "{ hello }" }) };
        var (response, _) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_with_or_without_content_length()
    {
        var big = "{\"query\":\"{ hello }\",\"extensions\":{\"pad\":\"" + new string('x', 20_000) + "\"}}";
        var (declared, _) = await PostAsync(Dev, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, Dev) { Content = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(big))) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        request.Headers.TransferEncodingChunked = true;
        var (chunked, _) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);

        // Just under the limit still works.
        var (small, _) = await PostAsync(Dev, "{\"query\":\"{ hello }\",\"extensions\":{\"pad\":\"" + new string('x', 10_000) + "\"}}");
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Depth_limit_is_a_request_error()
    {
        var deep = "{ nested { " + string.Concat(Enumerable.Repeat("child { ", 17)) + "value" + new string('}', 18) + " }";
        var (response, body) = await PostAsync(Dev, new { query = deep });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MAX_DEPTH_EXCEEDED", FirstErrorCode(body));
    }

    [Fact]
    public async Task Cost_limit_is_a_request_error()
    {
        var (response, body) = await PostAsync(Dev, new { query = "{ many(first: 5000) { value child { value } } }" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("COST_LIMIT_EXCEEDED", FirstErrorCode(body));

        var (allowed, _) = await PostAsync(Dev, new { query = "{ many(first: 10) { value } }" });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Subscription_over_http_is_refused()
    {
        var (response, body) = await PostAsync(Dev, new { query = "subscription { ticks(count: 1) }" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("OPERATION_NOT_ALLOWED", FirstErrorCode(body));
    }

    [Fact]
    public async Task Context_factory_output_reaches_resolvers()
    {
        var (_, body) = await PostAsync(Dev, new { query = "{ whoami }" }, adjust: r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer abc"));
        Assert.Equal("http:Bearer abc", body.GetProperty("data").GetProperty("whoami").GetString());
    }

    [Fact]
    public async Task GraphiQL_page_is_served_to_browsers_only_in_development()
    {
        using var dev = new HttpRequestMessage(HttpMethod.Get, Dev);
        dev.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        using var devResponse = await _client.SendAsync(dev);
        Assert.Equal(HttpStatusCode.OK, devResponse.StatusCode);
        Assert.Equal("text/html", devResponse.Content.Headers.ContentType!.MediaType);
        var html = await devResponse.Content.ReadAsStringAsync();
        Assert.Contains("graphql-transport-ws", html);
        Assert.DoesNotContain("https://", html); // self-contained: nothing fetched from the internet

        using var prod = new HttpRequestMessage(HttpMethod.Get, _servers.Production.Endpoint);
        prod.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var prodResponse = await _client.SendAsync(prod);
        Assert.NotEqual("text/html", prodResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotAcceptable, prodResponse.StatusCode);
    }

    /// <summary>A body stream that hides its length, forcing chunked transfer.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
