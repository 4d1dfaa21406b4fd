using System.Net;
using System.Text;
using System.Text.Json;
using Marketplace.GraphQL.Transport;

namespace Marketplace.GraphQL.Tests.Transport;

public sealed class TrustedDocumentTests
{
    private const string Hello = "query Hello($name: String) { hello(name: $name) }";
    private const string Ticks = "subscription { ticks(count: 1) }";
    private static readonly TrustedDocumentStore Store = new([Hello, Ticks]);

    private static Task<TransportTestServer> StartAsync(bool required) =>
        TransportTestServer.StartAsync(development: false, o => o.TrustedDocuments = new TrustedDocumentOptions { Store = Store, Required = required });

    [Fact]
    public void A_document_id_is_the_sha256_of_its_exact_text()
    {
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Hello))), TrustedDocumentStore.IdOf(Hello));
        Assert.Equal(Hello, Store.Find(TrustedDocumentStore.IdOf(Hello).ToUpperInvariant().Replace("SHA256:", "sha256:")));
        Assert.Equal(Hello, Store.Find(TrustedDocumentStore.IdOf(Hello)["sha256:".Length..]));
        Assert.Null(Store.Find(TrustedDocumentStore.IdOf(Hello + " ")));
    }

    [Fact]
    public async Task A_client_may_send_the_document_id_instead_of_the_text_by_POST_GET_or_Apollo_extension()
    {
        await using var server = await StartAsync(required: false);
        using var http = new HttpClient();
        var id = TrustedDocumentStore.IdOf(Hello);

        var byId = await PostAsync(http, server, new { documentId = id, variables = new { name = "id" } });
        Assert.Equal("Hello id", byId.Body.GetProperty("data").GetProperty("hello").GetString());

        var apollo = await PostAsync(http, server, new { extensions = new { persistedQuery = new { version = 1, sha256Hash = id["sha256:".Length..] } } });
        Assert.Equal("Hello world", apollo.Body.GetProperty("data").GetProperty("hello").GetString());

        using var get = await http.GetAsync(server.Endpoint + "?documentId=" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        // Not required: plain text still works.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, server, new { query = "{ hello }" })).Status);
    }

    [Fact]
    public async Task An_unknown_id_is_a_400_naming_the_id_and_a_mismatched_text_is_refused()
    {
        await using var server = await StartAsync(required: false);
        using var http = new HttpClient();

        var unknown = await PostAsync(http, server, new { documentId = "sha256:" + new string('0', 64) });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", Code(unknown.Body));

        var mismatch = await PostAsync(http, server, new { documentId = TrustedDocumentStore.IdOf(Hello), query = "{ boom }" });
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
    }

    [Fact]
    public async Task When_required_only_registered_documents_run_over_HTTP_and_WebSockets()
    {
        await using var server = await StartAsync(required: true);
        using var http = new HttpClient();

        var unknownText = await PostAsync(http, server, new { query = "{ hello }" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownText.Status);
        Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", Code(unknownText.Body));
        Assert.False(unknownText.Body.TryGetProperty("data", out _));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, server, new { query = Hello })).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, server, new { documentId = TrustedDocumentStore.IdOf(Hello) })).Status);

        await using var socket = await WebSocketTestClient.ConnectAsync(server.WebSocketEndpoint);
        await socket.InitAsync();
        await socket.SendAsync(new { id = "raw", type = "subscribe", payload = new { query = "subscription { ticks(count: 2) }" } });
        var refused = (await socket.ReceiveAsync())!.Value;
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("TRUSTED_DOCUMENT_REQUIRED", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        await socket.SendAsync(new { id = "known", type = "subscribe", payload = new { documentId = TrustedDocumentStore.IdOf(Ticks) } });
        var next = (await socket.ReceiveAsync())!.Value;
        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal(1, next.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
    }

    private static string? Code(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, TransportTestServer server, object body)
    {
        using var response = await http.PostAsync(server.Endpoint, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
