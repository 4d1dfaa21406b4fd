using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Hosting;

/// <summary>
/// The README's first command: a gateway co-hosting its silo on the SQLite store (Orleans ADO.NET storage and our
/// SQLite reminder table). Acknowledged writes and pending deadlines survive stopping the process and starting a
/// new one on the same file.
/// </summary>
public sealed class SqliteRestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "marketplace-restart-" + Guid.NewGuid().ToString("N")[..8]);

    private Task<GatewayHost> StartAsync() => GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = Path.Combine(_folder, "marketplace.db"),
        ["Marketplace:Deadlines:Payment"] = "00:00:05",
    });

    [Fact]
    public async Task Acknowledged_writes_and_a_pending_deadline_survive_a_restart_on_the_sqlite_store()
    {
        Deal deal;
        string paidOrder, pendingOrder;
        await using (var first = await StartAsync())
        {
            var market = new Market(first);
            deal = await market.NewDealAsync("120.00");
            paidOrder = await market.PlacedOrderAsync(deal);
            await market.PaidOrderAsync(deal, paidOrder);
            (await market.OrderMutationAsync("cancelOrder", deal.Seller.Token, new { orderId = paidOrder })).Payload("cancelOrder", "order");
            // Relisted by the cancellation: a second order whose 5-second payment deadline is still pending at the stop.
            pendingOrder = await market.PlacedOrderAsync(deal);
        }

        await using var second = await StartAsync();
        var again = new Market(second);
        var cancelled = await again.OrderAsync(paidOrder, deal.Buyer.Token);
        Assert.Equal("CANCELLED", cancelled["status"]!.GetValue<string>());
        Ledger.AssertBalanced(cancelled);
        // The deadline fires in the new process (at the reminder's next tick: within its 1-minute period).
        var expired = await Eventually.MatchAsync(() => again.OrderAsync(pendingOrder, deal.Buyer.Token),
            o => o["status"]!.GetValue<string>() == "CANCELLED", "the payment deadline to fire after the restart", TimeSpan.FromSeconds(90));
        Ledger.AssertBalanced(expired);
        Assert.Equal("LISTED", (await again.ItemAsync(deal.ItemId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Order_lists_are_reloaded_from_the_sqlite_projection_after_a_restart()
    {
        const string Sales = "query($id: ID!) { seller(id: $id) { sales { totalCount nodes { id status } } } }";
        Deal deal;
        string orderId;
        await using (var first = await StartAsync())
        {
            var market = new Market(first);
            deal = await market.NewDealAsync();
            orderId = await market.PlacedOrderAsync(deal);
            await market.PaidOrderAsync(deal, orderId);
            await Eventually.MatchAsync(async () => (await first.Client.PostAsync(Sales, new { id = deal.Seller.Id }, deal.Seller.Token)).Raw,
                raw => raw.Contains("\"PAID\""), "the paid order in the seller's sales");
        }

        // The new process's index is rebuilt from the file: the order is there at once, as last written.
        await using var second = await StartAsync();
        var sales = (await second.Client.PostAsync(Sales, new { id = deal.Seller.Id }, deal.Seller.Token)).Ok()["seller"]!["sales"]!;
        Assert.Equal(1, sales["totalCount"]!.GetValue<int>());
        Assert.Equal((orderId, "PAID"), (sales["nodes"]![0]!["id"]!.GetValue<string>(), sales["nodes"]![0]!["status"]!.GetValue<string>()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
