using Marketplace.Gateway.Tests.Support;
using Marketplace.Grains.Interfaces.Analytics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Marketplace.Gateway.Tests.Alerts;

/// <summary>
/// alertRaised over graphql-transport-ws (the real graphql-ws client): an operator gets each alert raised
/// after subscribing, once; alerts standing before are not news; a USER is refused.
/// </summary>
public sealed class AlertFeedTests : IAsyncLifetime
{
    private GatewayHost _host = null!;
    private Market _market = null!;

    public async Task InitializeAsync()
    {
        // A gateway of its own: no other test's alerts or dashboard subscribers.
        _host = await GatewayHost.StartAsync();
        _market = new Market(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A seller ordering their own item: SELF_PURCHASE, and a SELF_DEALING alert about that seller and item.</summary>
    private async Task<Deal> SelfPurchaseAsync()
    {
        var deal = await _market.NewDealAsync();
        var attempt = await _market.PlaceOrderAsync(deal.Seller.Token, deal.ItemId, idempotencyKey: "self");
        Assert.Equal("SELF_PURCHASE", attempt.Ok()["placeOrder"]!["errors"]![0]!["code"]!.GetValue<string>());
        return deal;
    }

    private async Task<int> DashboardAlertCountAsync() =>
        (await _market.Client.PostAsync("{ dashboard { alerts(first: 100) { kind } } }", token: _market.Admin)).Ok()["dashboard"]!["alerts"]!.AsArray().Count;

    [Fact]
    public async Task An_operator_gets_each_new_alert_once_and_none_raised_before()
    {
        var before = await SelfPurchaseAsync();
        await Eventually.MatchAsync(DashboardAlertCountAsync, n => n == 1, "the first alert on the dashboard");

        var (_, operatorToken) = await _market.CreateUserWithRoleAsync("OPERATOR");
        await using var node = NodeClient.Start("gateway-alert-subscription.mjs", _host.WebSocketEndpoint.ToString(), operatorToken, "2");
        await node.WaitForLineAsync(l => l == "CONNECTED", "the graphql-ws connection");
        // The subscription reads the standing alerts, then opens its feed: once the feed exists, every later alert must arrive.
        var stream = _host.Services.GetRequiredService<IClusterClient>().GetStreamProvider(MarketStreams.ProviderName)
            .GetStream<MarketStatsChanged>(StreamId.Create(MarketStreams.DashboardChangedNamespace, MarketStreams.PlatformKey));
        await Eventually.MatchAsync(async () => (await stream.GetAllSubscriptionHandles()).Count, n => n > 0, "the gateway's alert feed", TimeSpan.FromSeconds(60));

        var first = await SelfPurchaseAsync();
        await node.WaitForLineAsync(l => l.StartsWith("EVENT ", StringComparison.Ordinal), "the first alert");
        var second = await SelfPurchaseAsync();

        var output = await node.WaitForExitAsync();
        Assert.Contains("DONE", node.Lines);
        var events = node.Lines.Where(l => l.StartsWith("EVENT ", StringComparison.Ordinal)).ToArray();
        Assert.True(events.SequenceEqual([
            $"EVENT SELF_DEALING {first.Seller.Id} {first.ItemId}",
            $"EVENT SELF_DEALING {second.Seller.Id} {second.ItemId}",
        ]), output);
        Assert.DoesNotContain(before.Seller.Id, output);
    }

    [Fact]
    public async Task A_user_is_refused_the_alert_feed()
    {
        var (_, userToken) = await _market.CreateUserAsync("user");
        await using var node = NodeClient.Start("gateway-alert-subscription.mjs", _host.WebSocketEndpoint.ToString(), userToken, "1");
        var output = await node.WaitForExitAsync();
        Assert.DoesNotContain(node.Lines, l => l.StartsWith("EVENT ", StringComparison.Ordinal));
        Assert.Contains("FORBIDDEN", output);
    }
}
