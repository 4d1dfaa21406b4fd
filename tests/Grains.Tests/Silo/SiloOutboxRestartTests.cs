using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Tests.Harness;

namespace Marketplace.Grains.Tests.Silo;

/// <summary>
/// A sale acknowledged while the stream refused its events, then the silo goes away: the events wait in
/// the grains' stored outboxes and the stored reminder publishes them after the restart.
/// </summary>
public sealed class SiloOutboxRestartTests : IAsyncLifetime
{
    private static readonly CallerContext Admin = CallerContext.Admin();
    private static readonly CallerContext Seller = CallerContext.User("seller");
    private static readonly CallerContext Buyer = CallerContext.User("buyer");
    private readonly FlakyStreamProvider.Control _outage = new();
    private TestSilo _silo = null!;

    private IGrainFactory Grains => _silo.GrainFactory;

    public async Task InitializeAsync() =>
        // Grain state and the reminder table are the TestSilo's: they outlive the silo, as a database would.
        _silo = await TestSilo.StartAsync(
            new Dictionary<string, string?> { ["Marketplace:Events:RetryDelay"] = "00:00:01" },
            TestSilo.InnerStreamProvider,
            services => FlakyStreamProvider.Register(services, _outage));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Events_refused_before_a_restart_reach_the_figures_after_it()
    {
        (await Grains.GetGrain<IRegionGrain>("sh").CreateAsync("Shanghai", Admin)).Unwrap();
        (await Grains.GetGrain<ICategoryGrain>("phones").CreateAsync(new CreateCategory("Phones"), Admin)).Unwrap();
        (await Grains.GetGrain<IItemGrain>("item-1").ListAsync(new ListItem("Camera", "", "phones", "sh", Grade.GOOD, 250m), Seller)).Unwrap();
        var orderId = OrderIds.ForPlacement("buyer", "k");
        var order = Grains.GetGrain<IOrderGrain>(orderId);
        (await order.PlaceAsync(new PlaceOrder("item-1", false, "k"), Buyer)).Unwrap();
        (await order.PayAsync("pay", Buyer)).Unwrap();
        (await order.ShipAsync("T", Seller)).Unwrap();
        (await order.MarkDeliveredAsync(CallerContext.Operator())).Unwrap();

        _outage.FailNext(int.MaxValue);
        Assert.Equal(OrderStatus.COMPLETED, (await order.ConfirmReceiptAsync(Buyer)).Unwrap().Status);
        Assert.Equal(0, _outage.Accepted<OrderCompleted>());

        await _silo.RestartAsync(); // memory (activations, the memory queue) is gone; stored state and reminders stay
        _outage.FailNext(0);

        var dashboard = _silo.GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await dashboard.GetStatsAsync(new StatsQuery(StatsWindow.AllTime))).Sold != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the sale never reached the figures after the restart");
            _silo.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        var stats = await dashboard.GetStatsAsync(new StatsQuery(StatsWindow.AllTime));
        Assert.Equal((1, 250m), (stats.Sold, stats.Gmv));
        Assert.Equal(ItemStatus.SOLD, (await _silo.GrainFactory.GetGrain<IItemGrain>("item-1").GetAsync())!.Status);
    }
}
