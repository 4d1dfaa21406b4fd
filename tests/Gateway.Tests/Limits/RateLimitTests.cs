using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Cluster.Tests;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Limits;

/// <summary>RateLimits: 429 with Retry-After per address and per token, recovery, and the subscription limits over WebSockets.</summary>
public sealed class RateLimitTests
{
    private const string Query = "{ categories { id } }";

    [Fact]
    public async Task An_address_over_its_burst_gets_429_with_Retry_After_and_is_served_again_after_waiting()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:RequestsPerSecondPerAddress"] = "1", ["RateLimits:BurstPerAddress"] = "3",
        });

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, token: null)).StatusCode);
        using var refused = await PostAsync(host, token: null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 2);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("RATE_LIMITED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, token: null)).StatusCode);
    }

    [Fact]
    public async Task Each_token_has_its_own_bucket()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:RequestsPerSecondPerToken"] = "1", ["RateLimits:BurstPerToken"] = "2",
        });
        var market = new Market(host);
        var alice = await market.CreateUserAsync("alice");
        var bob = await market.CreateUserAsync("bob");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, alice.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, alice.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(host, alice.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, bob.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, token: null)).StatusCode);
    }

    [Fact]
    public async Task Limits_can_be_turned_off()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "false", ["RateLimits:RequestsPerSecondPerAddress"] = "1", ["RateLimits:BurstPerAddress"] = "1",
        });
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, token: null)).StatusCode);
    }

    [Fact]
    public async Task A_user_over_the_open_subscription_cap_is_refused_on_any_connection_until_one_ends()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:MaxOpenSubscriptionsPerToken"] = "2" });
        const string dashboard = "subscription { dashboardChanged { stats { activeListings } } }";
        var first = await GraphQLWebSocket.ConnectAsync(host.BaseAddress, GatewayHost.AdminToken);
        await using var second = await GraphQLWebSocket.ConnectAsync(host.BaseAddress, GatewayHost.AdminToken);
        await using var third = await GraphQLWebSocket.ConnectAsync(host.BaseAddress, GatewayHost.AdminToken);
        await first.SubscribeAsync(dashboard, new { });
        await second.SubscribeAsync(dashboard, new { });

        var refused = await (await third.SubscribeAsync(dashboard, new { })).ReadAsync();
        Assert.Equal("RATE_LIMITED", refused["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        // Closing a connection ends its operations and frees their slots.
        await first.DisposeAsync();
        await Eventually.MatchAsync(async () =>
        {
            var attempt = await third.SubscribeAsync(dashboard, new { });
            // Admitted operations stay silent until the dashboard changes; a refusal arrives at once.
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try { return (await attempt.ReadAsync(wait.Token))["errors"] is null; }
            catch (OperationCanceledException) { return true; }
        }, admitted => admitted, "a subscription to be admitted after a connection closed", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task New_subscriptions_beyond_the_rate_are_refused_with_a_retry_hint()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:SubscriptionsPerSecondPerToken"] = "1", ["RateLimits:SubscriptionBurstPerToken"] = "2",
        });
        const string dashboard = "subscription { dashboardChanged { stats { activeListings } } }";
        await using var socket = await GraphQLWebSocket.ConnectAsync(host.BaseAddress, GatewayHost.AdminToken);
        await socket.SubscribeAsync(dashboard, new { });
        await socket.SubscribeAsync(dashboard, new { });

        var refused = await (await socket.SubscribeAsync(dashboard, new { })).ReadAsync();

        var error = refused["errors"]![0]!;
        Assert.Equal("RATE_LIMITED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.True(error["extensions"]!["retryAfter"]!.GetValue<int>() >= 1);
    }

    private static Task<HttpResponseMessage> PostAsync(GatewayHost host, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint)
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query = Query }), Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return host.Client.Http.SendAsync(request);
    }
}
