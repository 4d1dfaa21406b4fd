using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Gateway.Demo;
using Marketplace.Gateway.Tests.Support;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Tests.Demo;

/// <summary>
/// One gateway with the demo market loaded at a small scale (Development, memory store, its own data folder for the
/// tokens file). The fixture also loads a second time over the same store and keeps what it saw before and after,
/// before any test changes the market.
/// </summary>
public sealed class DemoMarketFixture : IAsyncLifetime
{
    public const double Scale = 0.05;
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "demo-market-tests-" + Guid.NewGuid().ToString("N")[..8]);
    public GatewayHost Host { get; private set; } = null!;
    public DemoLoadResult First { get; private set; } = null!;
    public DemoLoadResult Second { get; private set; } = null!;
    public string Before { get; private set; } = "";
    public string After { get; private set; } = "";
    public IReadOnlyList<DemoToken> Tokens { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Marketplace:DemoData"] = "true",
            ["Marketplace:DemoData:Scale"] = Scale.ToString(CultureInfo.InvariantCulture),
            ["Storage:SqlitePath"] = Path.Combine(Folder, "marketplace.db"),
        });
        var service = Host.Services.GetRequiredService<DemoDataHostedService>();
        First = service.LastLoad!;
        Tokens = service.Tokens;
        Before = await SnapshotAsync();
        Second = await Host.Services.GetRequiredService<DemoDataLoader>().LoadAsync();
        After = await SnapshotAsync();
    }

    /// <summary>Everything a second load could change: platform figures, every order's status and history length, every seller's counters.</summary>
    private async Task<string> SnapshotAsync()
    {
        var grains = Host.Services.GetRequiredService<IClusterClient>();
        var stats = await grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).GetStatsAsync(new StatsQuery(StatsWindow.AllTime, DailyDays: 0));
        var orders = await Task.WhenAll(First.Plan.Orders.Select(o => grains.GetGrain<IOrderGrain>(o.Id).GetAsync()));
        var sellers = await Task.WhenAll(First.Plan.Sellers.Select(s => grains.GetGrain<ISellerGrain>(s.Id).GetProfileAsync()));
        return string.Join("\n",
            $"{stats.ActiveListings} {stats.NewListings} {stats.Sold} {stats.Gmv} {stats.Views}",
            string.Join(",", orders.Select(o => $"{o!.Status}/{o.History.Count}/{o.Ledger.Count}")),
            string.Join(",", sellers.Select(s => $"{s.Level}/{s.Stats.Listed}/{s.Stats.Orders}/{s.Stats.CompletedOrders}/{s.Stats.Sold}")));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

public sealed class DemoMarketTests(DemoMarketFixture fixture) : IClassFixture<DemoMarketFixture>
{
    private readonly GatewayHost _host = fixture.Host;
    private DemoMarketPlan Plan => fixture.First.Plan;
    private string Token(string role) => fixture.Tokens.Single(t => t.Role == role).Token;

    private async Task<JsonNode> DashboardAsync(string fields) =>
        (await _host.Client.PostAsync($"{{ dashboard {{ {fields} }} }}", token: GatewayHost.AdminToken)).Ok()["dashboard"]!;

    [Fact]
    public void The_load_ran_every_step_without_an_unexpected_error()
    {
        Assert.False(fixture.First.AlreadyLoaded);
        Assert.Equal(0, fixture.First.UnexpectedErrors);
        Assert.True(Plan.Items.Count >= 100, $"{Plan.Items.Count} items");
    }

    [Fact]
    public async Task The_daily_series_has_sales_and_listings_across_the_last_90_days()
    {
        var stats = (await DashboardAsync("stats(window: DAYS_90) { avgDaysToSell medianDaysToSell slowMoving views sold conversionRate daily(days: 90) { date newListings sold } }"))["stats"]!;
        var daily = stats["daily"]!.AsArray();
        Assert.Equal(90, daily.Count);
        var listingDays = daily.Select((d, i) => (d!["newListings"]!.GetValue<int>(), i)).Where(p => p.Item1 > 0).Select(p => p.i).ToList();
        var saleDays = daily.Select((d, i) => (d!["sold"]!.GetValue<int>(), i)).Where(p => p.Item1 > 0).Select(p => p.i).ToList();
        // Each third of the 90 days has listings and sales.
        foreach (var third in new[] { 0, 30, 60 })
        {
            Assert.Contains(listingDays, i => i >= third && i < third + 30);
            Assert.Contains(saleDays, i => i >= third + (third == 0 ? 5 : 0) && i < third + 30);
        }
        Assert.True(listingDays.Count >= 45, $"listings on {listingDays.Count} of 90 days");
        Assert.InRange(stats["avgDaysToSell"]!.GetValue<double>(), 1, 45);
        Assert.True(stats["slowMoving"]!.GetValue<int>() > 0, "slow-moving stock");
        Assert.InRange(stats["conversionRate"]!.GetValue<double>(), 0.02, 0.5);
    }

    [Fact]
    public async Task Orders_end_where_the_plan_left_them_in_every_status()
    {
        var grains = _host.Services.GetRequiredService<IClusterClient>();
        var orders = await Task.WhenAll(Plan.Orders.Select(async o => (Planned: o, Actual: (await grains.GetGrain<IOrderGrain>(o.Id).GetAsync())!)));
        // The tests below move two orders on (inspector, buyer); they were where the plan left them when loaded.
        var moved = orders.Where(o => o.Actual.Status != o.Planned.FinalStatus).ToList();
        Assert.True(moved.Count <= 2, string.Join("; ", moved.Select(o => $"{o.Planned.Id}: {o.Planned.FinalStatus} -> {o.Actual.Status}")));
        Assert.Equal(DemoMarketPlanTests.RestingStatuses.Order(), orders.Select(o => o.Planned.FinalStatus).Distinct().Order());
        Assert.Contains(orders, o => o.Actual.History.Any(h => h.Status == OrderStatus.INSPECTION_PASSED));
        Assert.Contains(orders, o => o.Actual.History.Any(h => h.Status == OrderStatus.INSPECTION_FAILED));
        Assert.Contains(orders, o => o.Actual.LateShipment);
        // Histories span the simulated days: the first order was placed more than 60 days ago.
        Assert.True(orders.Min(o => o.Actual.PlacedAt) < DateTimeOffset.UtcNow - TimeSpan.FromDays(60));
    }

    [Fact]
    public async Task The_demo_has_an_offer_in_every_status_and_a_markdown_schedule()
    {
        var grains = _host.Services.GetRequiredService<IClusterClient>();
        var ids = (await Task.WhenAll(Plan.Buyers.Select(b => grains.GetGrain<IBuyerOffersGrain>(b.Id).GetOfferIdsAsync()))).SelectMany(i => i).ToList();
        var offers = await Task.WhenAll(ids.Select(id => grains.GetGrain<IOfferGrain>(id).GetAsync()));
        Assert.Equal(Enum.GetValues<OfferStatus>(), offers.Select(o => o!.Status).Distinct().Order());
        var accepted = offers.Single(o => o!.Status == OfferStatus.ACCEPTED)!;
        Assert.Equal(accepted.Amount, (await grains.GetGrain<IOrderGrain>(accepted.OrderId!).GetAsync())!.Price);
        var deals = await Task.WhenAll(Plan.Items.Select(i => grains.GetGrain<Grains.Interfaces.Items.IItemGrain>(i.Id).GetDealsAsync()));
        Assert.Single(deals, d => d?.AutoMarkdown is { NextAt: not null });
        Assert.Single(deals, d => d?.Bargaining is not null);
    }

    [Fact]
    public async Task Alerts_come_from_the_data_and_only_the_bulk_lister_bursts()
    {
        var alerts = (await DashboardAsync("alerts(first: 100) { kind seller { id displayName } }"))["alerts"]!.AsArray();
        Assert.True(alerts.Count < 100, "all alerts fit in one page");
        var bursts = alerts.Where(a => a!["kind"]!.GetValue<string>() == "LISTING_BURST").Select(a => a!["seller"]!["displayName"]!.GetValue<string>()).ToList();
        Assert.Equal([Plan.Sellers.Single(s => s.Id == Plan.BulkListerId).User.DisplayName], bursts);
        Assert.Contains("bulk lister", bursts[0]);
        var kinds = alerts.Select(a => a!["kind"]!.GetValue<string>()).ToHashSet();
        foreach (var kind in new[] { "SLOW_MOVING", "PRICE_ANOMALY", "SELLER_BELOW_STANDARD", "REPEATED_CANCELLATIONS", "SELF_DEALING" })
            Assert.Contains(kind, kinds);
    }

    [Fact]
    public async Task Every_seller_name_agrees_with_the_computed_level()
    {
        foreach (var seller in Plan.Sellers)
        {
            var node = (await _host.Client.PostAsync("query($id: ID!) { seller(id: $id) { displayName level creditScore } }", new { id = seller.Id })).Ok()["seller"]!;
            var name = node["displayName"]!.GetValue<string>();
            Assert.Equal(DemoMarketPlan.LevelInName(name)?.ToString(), node["level"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Grains_got_the_demo_clock_which_joined_real_time_and_Orleans_kept_real_time()
    {
        var clock = Assert.IsType<DemoClock>(_host.Services.GetRequiredService<TimeProvider>());
        Assert.True(clock.HasJoinedRealTime);
        Assert.InRange(clock.GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(5));
        foreach (var area in DemoClock.OrleansTimeAreas)
            Assert.Same(TimeProvider.System, _host.Services.GetRequiredKeyedService<TimeProvider>(area));
        Assert.Equal(["buyer", "inspector", "operator", "seller"], DemoDataHostedService.ExampleOrders(Plan).Select(e => e.Role).Order());
    }

    [Fact]
    public void A_second_load_over_the_same_store_changes_nothing_and_is_quick()
    {
        Assert.True(fixture.Second.AlreadyLoaded);
        Assert.Equal(fixture.Before, fixture.After);
        Assert.True(fixture.Second.Elapsed < TimeSpan.FromSeconds(15), $"{fixture.Second.Elapsed}");
    }

    [Fact]
    public async Task The_printed_tokens_work_for_their_roles()
    {
        Assert.Equal(["buyer", "inspector", "operator", "seller"], fixture.Tokens.Select(t => t.Role).Order());
        var file = Path.Combine(fixture.Folder, DemoTokens.FileName);
        Assert.All(fixture.Tokens, t => Assert.Contains(t.Token, File.ReadAllText(file)));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        // The seller lists an item.
        var listed = (await _host.Client.PostAsync(
            "mutation($i: ListItemInput!) { listItem(input: $i) { item { id status seller { id } } errors { code message } } }",
            new { i = new { title = "Fujifilm X100V", categoryId = "cameras", regionId = "shanghai", claimedGrade = "EXCELLENT", price = "7999.00" } },
            Token("seller"))).Payload("listItem", "item");
        Assert.Equal(Plan.TokenSellerId, listed["seller"]!["id"]!.GetValue<string>());

        // The inspector receives a parcel.
        var parcel = Plan.Orders.First(o => o.FinalStatus == OrderStatus.SHIPPED_TO_INSPECTION);
        var received = (await _host.Client.PostAsync("mutation($i: OrderIdInput!) { receiveForInspection(input: $i) { order { status } errors { code message } } }",
            new { i = new { orderId = parcel.Id } }, Token("inspector"))).Payload("receiveForInspection", "order");
        Assert.Equal("INSPECTING", received["status"]!.GetValue<string>());

        // The operator reads the dashboard.
        var dashboard = (await _host.Client.PostAsync("{ dashboard { stats { activeListings } alerts(first: 3) { kind } } }", token: Token("operator"))).Ok()["dashboard"]!;
        Assert.True(dashboard["stats"]!["activeListings"]!.GetValue<int>() > 0);

        // The buyer sees their own order and confirms a delivery.
        var delivered = Plan.Orders.First(o => o.BuyerId == Plan.TokenBuyerId && o.FinalStatus == OrderStatus.DELIVERED);
        var confirmed = (await _host.Client.PostAsync("mutation($i: OrderIdInput!) { confirmReceipt(input: $i) { order { status } errors { code message } } }",
            new { i = new { orderId = delivered.Id } }, Token("buyer"))).Payload("confirmReceipt", "order");
        Assert.Equal("COMPLETED", confirmed["status"]!.GetValue<string>());
    }
}

/// <summary>The demo market's rentals (Demo/DemoRentals.cs), on the same loaded market.</summary>
public sealed class DemoRentalTests(DemoMarketFixture fixture) : IClassFixture<DemoMarketFixture>
{
    [Fact]
    public async Task Rentals_are_loaded_in_every_status_with_bookings_and_balanced_ledgers()
    {
        var grains = fixture.Host.Services.GetRequiredService<IClusterClient>();
        var rentals = new List<Marketplace.Grains.Interfaces.Rentals.RentalView>();
        foreach (var renter in fixture.First.Plan.Buyers)
            for (var i = 1; i <= 10; i++)
                if (await grains.GetGrain<Marketplace.Grains.Interfaces.Rentals.IRentalGrain>(
                        Marketplace.Grains.Interfaces.Rentals.RentalIds.ForRequest(renter.Id, $"demo-rental-{i}")).GetAsync() is { } rental)
                    rentals.Add(rental);
        Assert.Equal(10, rentals.Count);
        // The overdue one turns OVERDUE by its own (already passed) deadline right after the load.
        await Eventually.MatchAsync(() => grains.GetGrain<Marketplace.Grains.Interfaces.Rentals.IRentalGrain>(rentals.Single(r => r.Id.Length > 0 && r.History.Any(h => h.Status == RentalStatus.ACTIVE) && r.ReturnedAt is null && r.Due < DateTimeOffset.UtcNow).Id).GetAsync(),
            r => r!.Status == RentalStatus.OVERDUE, "the demo's overdue rental");
        rentals = [.. await Task.WhenAll(rentals.Select(async r => (await grains.GetGrain<Marketplace.Grains.Interfaces.Rentals.IRentalGrain>(r.Id).GetAsync())!))];
        var statuses = rentals.Select(r => r.Status).ToHashSet();
        foreach (var status in Enum.GetValues<RentalStatus>()) Assert.Contains(status, statuses);
        Assert.Contains(rentals, r => r.DamageCharge > 0);
        Assert.Contains(rentals, r => r.LateFee > 0);
        Assert.Contains(rentals, r => r.DepositWaived && r.Deposit == 0); // a renter whose trust score waives the deposit
        foreach (var r in rentals.Where(r => r.Status is RentalStatus.COMPLETED or RentalStatus.CANCELLED))
            Assert.Equal(r.Ledger.Where(e => e.Kind is LedgerEntryKind.HOLD or LedgerEntryKind.DEPOSIT_HOLD or LedgerEntryKind.CHARGE).Sum(e => e.Amount),
                r.Ledger.Where(e => e.Kind is LedgerEntryKind.RELEASE or LedgerEntryKind.FEE or LedgerEntryKind.REFUND or LedgerEntryKind.DEPOSIT_RELEASE).Sum(e => e.Amount));
        var bookings = await grains.GetGrain<Marketplace.Grains.Interfaces.Items.IItemGrain>("demo-rent-camera").GetBookingsAsync(DateTimeOffset.UtcNow);
        Assert.NotEmpty(bookings);
        Assert.Equal(0, fixture.First.UnexpectedErrors);
    }
}
