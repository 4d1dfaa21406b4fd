using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Alerts;

/// <summary>Each risk flag reaches the dashboard's alert feed once, however many parts of the write side notice it.</summary>
public sealed class RiskAlertTests : IAsyncLifetime
{
    private GatewayHost _host = null!;
    private Market _market = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync();
        _market = new Market(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonArray> AlertsAsync(string kind) =>
        new([.. (await _market.Client.PostAsync("{ dashboard { alerts(first: 100) { kind severity item { id } seller { id } } } }", token: _market.Admin)).Ok()["dashboard"]!["alerts"]!
            .AsArray().Where(a => a!["kind"]!.GetValue<string>() == kind).Select(a => a!.DeepClone())]);

    [Fact]
    public async Task One_self_purchase_attempt_raises_one_SELF_DEALING_alert()
    {
        var deal = await _market.NewDealAsync();
        var attempt = await _market.PlaceOrderAsync(deal.Seller.Token, deal.ItemId, idempotencyKey: "self");
        Assert.Equal("SELF_PURCHASE", attempt.Ok()["placeOrder"]!["errors"]![0]!["code"]!.GetValue<string>());

        var alerts = await Eventually.MatchAsync(() => AlertsAsync("SELF_DEALING"), a => a.Count > 0, "the SELF_DEALING alert");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a second alert from another path would have arrived by now
        alerts = await AlertsAsync("SELF_DEALING");
        var alert = Assert.Single(alerts);
        Assert.Equal((deal.ItemId, deal.Seller.Id), (alert!["item"]!["id"]!.GetValue<string>(), alert["seller"]!["id"]!.GetValue<string>()));
    }
}
