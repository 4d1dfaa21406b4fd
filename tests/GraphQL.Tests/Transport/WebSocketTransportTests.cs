using System.Text.Json;

namespace Marketplace.GraphQL.Tests.Transport;

public sealed class WebSocketTransportTests : IClassFixture<TransportServersFixture>
{
    private readonly TransportServersFixture _servers;

    public WebSocketTransportTests(TransportServersFixture servers) => _servers = servers;

    private Task<WebSocketTestClient> ConnectAsync() => WebSocketTestClient.ConnectAsync(_servers.Development.WebSocketEndpoint);

    private static object Subscribe(string id, string query, object? variables = null) =>
        new { id, type = "subscribe", payload = new { query, variables } };

    [Fact]
    public async Task Subscription_streams_next_messages_then_complete()
    {
        await using var client = await ConnectAsync();
        Assert.Equal("graphql-transport-ws", client.NegotiatedSubProtocol);
        await client.InitAsync();
        await client.SendAsync(Subscribe("s1", "subscription($c: Int!) { ticks(count: $c) }", new { c = 3 }));

        for (var expected = 1; expected <= 3; expected++)
        {
            var next = (await client.ReceiveAsync())!.Value;
            Assert.Equal("next", next.GetProperty("type").GetString());
            Assert.Equal("s1", next.GetProperty("id").GetString());
            Assert.Equal(expected, next.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
        }

        var complete = (await client.ReceiveAsync())!.Value;
        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal("s1", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Queries_and_mutations_run_over_the_socket_with_the_authenticated_context()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SendAsync(Subscribe("q", "{ whoami }"));
        var next = (await client.ReceiveAsync())!.Value;
        Assert.Equal("ws:alice", next.GetProperty("payload").GetProperty("data").GetProperty("whoami").GetString());
        Assert.Equal("complete", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());

        await client.SendAsync(Subscribe("m", "mutation { echo(text: \"over ws\") }"));
        next = (await client.ReceiveAsync())!.Value;
        Assert.Equal("over ws", next.GetProperty("payload").GetProperty("data").GetProperty("echo").GetString());
    }

    [Fact]
    public async Task Request_errors_come_back_as_an_error_message()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SendAsync(Subscribe("bad", "subscription { noSuchField }"));
        var error = (await client.ReceiveAsync())!.Value;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("bad", error.GetProperty("id").GetString());
        Assert.Contains("noSuchField", error.GetProperty("payload")[0].GetProperty("message").GetString());

        // The connection stays usable.
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_even_before_init()
    {
        await using var client = await ConnectAsync();
        await client.SendAsync(new { type = "ping", payload = new { n = 1 } });
        var pong = (await client.ReceiveAsync())!.Value;
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(1, pong.GetProperty("payload").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Complete_from_the_client_stops_the_operation_and_frees_its_id()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SendAsync(Subscribe("long", "subscription { ticks(count: 100000, delayMs: 20) }"));
        Assert.Equal("next", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());

        await client.SendAsync(new { id = "long", type = "complete" });
        await client.SendAsync(new { type = "ping" });
        // Results already on the wire may still arrive before the pong; none after it.
        while ((await client.ReceiveAsync())!.Value.GetProperty("type").GetString() != "pong")
        {
        }

        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());

        await client.SendAsync(Subscribe("long", "subscription { ticks(count: 1) }"));
        var next = (await client.ReceiveAsync())!.Value;
        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("long", next.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Subscribe_before_ack_closes_4401()
    {
        await using var client = await ConnectAsync();
        await client.SendAsync(Subscribe("1", "{ hello }"));
        Assert.Equal(4401, await client.ReceiveCloseAsync());
    }

    [Theory]
    [InlineData(null, 4401)]
    [InlineData("Bearer wrong", 4401)]
    [InlineData(TransportTestServer.ForbiddenToken, 4403)]
    public async Task Rejected_connection_init_closes_with_the_authenticators_code(string? token, int code)
    {
        await using var client = await ConnectAsync();
        await client.SendAsync(token is null ? new { type = "connection_init" } : new { type = "connection_init", payload = (object)new { authorization = token } });
        Assert.Equal(code, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Second_connection_init_closes_4429()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SendAsync(new { type = "connection_init", payload = new { authorization = TransportTestServer.GoodToken } });
        Assert.Equal(4429, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Duplicate_operation_id_closes_4409()
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SendAsync(Subscribe("dup", "subscription { ticks(count: 100000, delayMs: 50) }"));
        await client.SendAsync(Subscribe("dup", "subscription { ticks(count: 1) }"));
        Assert.Equal(4409, await client.ReceiveCloseAsync());
        Assert.Equal("Subscriber for dup already exists", client.CloseDescription);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("{\"payload\":{}}")]
    [InlineData("{\"type\":\"unknown\"}")]
    [InlineData("{\"type\":\"next\",\"id\":\"1\",\"payload\":{}}")]
    [InlineData("{\"type\":\"connection_init\",\"payload\":\"x\"}")]
    public async Task Invalid_messages_close_4400(string message)
    {
        await using var client = await ConnectAsync();
        await client.SendRawAsync(message);
        Assert.Equal(4400, await client.ReceiveCloseAsync());
    }

    [Theory]
    [InlineData("{\"type\":\"subscribe\",\"payload\":{\"query\":\"{ hello }\"}}")]
    [InlineData("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":5}}")]
    [InlineData("{\"type\":\"subscribe\",\"id\":\"1\"}")]
    public async Task Invalid_subscribe_messages_close_4400(string message)
    {
        await using var client = await ConnectAsync();
        await client.InitAsync();
        await client.SendRawAsync(message);
        Assert.Equal(4400, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Missing_subprotocol_closes_4406()
    {
        await using var client = await WebSocketTestClient.ConnectAsync(_servers.Development.WebSocketEndpoint, subProtocol: null);
        Assert.Equal(4406, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task No_connection_init_within_the_timeout_closes_4408()
    {
        await using var server = await TransportTestServer.StartAsync(development: false, o => o.WebSockets.ConnectionInitTimeout = TimeSpan.FromMilliseconds(200));
        await using var client = await WebSocketTestClient.ConnectAsync(server.WebSocketEndpoint);
        Assert.Equal(4408, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Operation_failures_do_not_leak_details_outside_development()
    {
        await using var client = await WebSocketTestClient.ConnectAsync(_servers.Production.WebSocketEndpoint);
        await client.InitAsync();
        await client.SendAsync(Subscribe("b", "{ boom }"));
        var next = (await client.ReceiveAsync())!.Value;
        var text = next.GetRawText();
        Assert.Equal(JsonValueKind.Null, next.GetProperty("payload").GetProperty("data").GetProperty("boom").ValueKind);
        Assert.DoesNotContain("secret detail", text);
        Assert.DoesNotContain(" at ", text);
    }
}
