namespace Marketplace.GraphQL.Tests.Transport;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_closes_open_subscriptions_with_going_away_instead_of_waiting_them_out()
    {
        var server = await TransportTestServer.StartAsync(development: false);
        await using var client = await WebSocketTestClient.ConnectAsync(server.WebSocketEndpoint);
        await client.InitAsync();
        // A subscription that would run for about 100 s.
        await client.SendAsync(new { id = "long", type = "subscribe", payload = new { query = "subscription { ticks(count: 1000, delayMs: 100) }" } });
        Assert.Equal("next", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());

        var stopping = server.DisposeAsync().AsTask();
        var code = await client.ReceiveCloseAsync();

        Assert.Equal(1001, code);
        // The host's stop finishes once the socket ended, well before the shutdown timeout.
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
