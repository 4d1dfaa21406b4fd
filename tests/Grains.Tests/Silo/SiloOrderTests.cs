using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Tests.Harness;

namespace Marketplace.Grains.Tests.Silo;

/// <summary>The marketplace grains on a real Orleans silo (<see cref="TestSilo"/>): its reminder service, memory streams, a manual clock.</summary>
public sealed class SiloOrderTests : IAsyncLifetime
{
    private static readonly CallerContext Admin = CallerContext.Admin();
    private static readonly CallerContext Seller = CallerContext.User("seller");
    private static readonly CallerContext Buyer = CallerContext.User("buyer");
    private TestSilo _silo = null!;

    private IGrainFactory Grains => _silo.GrainFactory;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync();
        (await Grains.GetGrain<IRegionGrain>("sh").CreateAsync("Shanghai", Admin)).Unwrap();
        (await Grains.GetGrain<ICategoryGrain>("phones").CreateAsync(new CreateCategory("Phones"), Admin)).Unwrap();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private Task<Result<ItemView>> ListAsync(string id) =>
        Grains.GetGrain<IItemGrain>(id).ListAsync(new ListItem("Camera", "", "phones", "sh", Grade.GOOD, 250m), Seller);

    [Fact]
    public async Task Fifty_concurrent_orders_for_one_item_have_exactly_one_winner()
    {
        (await ListAsync("item-1")).Unwrap();
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
        {
            var buyer = CallerContext.User($"b{i}");
            return Grains.GetGrain<IOrderGrain>(OrderIds.ForPlacement(buyer.UserId!, "k")).PlaceAsync(new PlaceOrder("item-1", false, "k"), buyer);
        }));
        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.ItemNotAvailable, r.Error!.Code));
    }

    [Fact]
    public async Task Order_completes_and_pay_retries_add_nothing()
    {
        (await ListAsync("item-1")).Unwrap();
        var order = Grains.GetGrain<IOrderGrain>(OrderIds.ForPlacement("buyer", "k"));
        (await order.PlaceAsync(new PlaceOrder("item-1", false, "k"), Buyer)).Unwrap();
        var payments = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => order.PayAsync("pay", Buyer)));
        Assert.All(payments, p => Assert.Single(p.Unwrap().Ledger));
        (await order.ShipAsync("T", Seller)).Unwrap();
        (await order.MarkDeliveredAsync(CallerContext.Operator())).Unwrap();
        var done = (await order.ConfirmReceiptAsync(Buyer)).Unwrap();
        Assert.Equal(OrderStatus.COMPLETED, done.Status);
        Assert.Equal(ItemStatus.SOLD, (await Grains.GetGrain<IItemGrain>("item-1").GetAsync())!.Status);
        Assert.Equal(250m, (await Grains.GetGrain<ISellerGrain>("seller").GetProfileAsync()).Stats.Gmv);

        // The published events reach the read side's platform figures.
        var dashboard = Grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await dashboard.GetStatsAsync(new StatsQuery(StatsWindow.AllTime))).Sold != 1 && DateTime.UtcNow < deadline)
        {
            _silo.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(50);
        }
        var stats = await dashboard.GetStatsAsync(new StatsQuery(StatsWindow.AllTime));
        Assert.Equal((1, 250m), (stats.Sold, stats.Gmv));
    }

    [Fact]
    public async Task Payment_deadline_reminder_cancels_and_relists()
    {
        (await ListAsync("item-1")).Unwrap();
        var order = Grains.GetGrain<IOrderGrain>(OrderIds.ForPlacement("buyer", "k"));
        (await order.PlaceAsync(new PlaceOrder("item-1", false, "k"), Buyer)).Unwrap();
        _silo.Time.Advance(TimeSpan.FromMinutes(31));

        // The reminder service ticks on the manual clock; nudge it along until the cancellation lands.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await order.GetAsync())!.Status != OrderStatus.CANCELLED && DateTime.UtcNow < deadline)
        {
            _silo.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        Assert.Equal(OrderStatus.CANCELLED, (await order.GetAsync())!.Status);
        Assert.Equal(ItemStatus.LISTED, (await Grains.GetGrain<IItemGrain>("item-1").GetAsync())!.Status);
    }
}
