using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Trust;
using Marketplace.Grains.Interfaces.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Tests.Harness;

/// <summary>
/// A small market on the harness: one region, one category, a seller and a buyer, and shortcuts along the order flow.
/// Each market is its own silo: dispose it (<c>await using</c>) so its silo stops with the test.
/// </summary>
public sealed class Market : IAsyncDisposable
{
    public static readonly CallerContext Admin = CallerContext.Admin();
    public static readonly CallerContext Operator = CallerContext.Operator("op");
    public static readonly CallerContext Inspector = CallerContext.Inspector("inspector");
    public static readonly CallerContext Seller = CallerContext.User("seller");
    public static readonly CallerContext Buyer = CallerContext.User("buyer");

    public GrainHarness Host { get; }
    public RecordingAlertSink Alerts { get; }

    private Market(GrainHarness host, RecordingAlertSink alerts) => (Host, Alerts) = (host, alerts);

    public static async Task<Market> CreateAsync(IDictionary<string, string?>? configuration = null)
    {
        var alerts = new RecordingAlertSink();
        var market = new Market(await GrainHarness.StartAsync(configuration, services => services.AddSingleton<IRiskAlertSink>(alerts)), alerts);
        (await market.Host.GetGrain<IRegionGrain>("sh").CreateAsync("Shanghai", Admin)).Unwrap();
        (await market.Host.GetGrain<ICategoryGrain>("phones").CreateAsync(new CreateCategory("Phones", HighValue: true, PriceBandBounds: [500m, 2000m]), Admin)).Unwrap();
        return market;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    public IItemGrain Item(string id) => Host.GetGrain<IItemGrain>(id);
    public IOrderGrain Order(string id) => Host.GetGrain<IOrderGrain>(id);
    public ISellerGrain SellerGrain(string id = "seller") => Host.GetGrain<ISellerGrain>(id);
    public IBuyerGrain BuyerGrain(string id = "buyer") => Host.GetGrain<IBuyerGrain>(id);

    public async Task<ItemView> ListAsync(string itemId = "item-1", decimal price = 100m, CallerContext? seller = null, Grade grade = Grade.LIKE_NEW) =>
        (await Item(itemId).ListAsync(new ListItem("iPhone 15", "blue, 128 GB", "phones", "sh", grade, price), seller ?? Seller)).Unwrap();

    public async Task<OrderView> PlaceAsync(string itemId = "item-1", bool withInspection = false, CallerContext? buyer = null, string key = "place-1")
    {
        var caller = buyer ?? Buyer;
        return (await Order(OrderIds.ForPlacement(caller.UserId!, key)).PlaceAsync(new PlaceOrder(itemId, withInspection, key), caller)).Unwrap();
    }

    public async Task<OrderView> PaidAsync(bool withInspection = false)
    {
        await ListAsync();
        var order = await PlaceAsync(withInspection: withInspection);
        return (await Order(order.Id).PayAsync("pay-1", Buyer)).Unwrap();
    }

    public async Task<OrderView> DeliveredAsync()
    {
        var order = await PaidAsync();
        (await Order(order.Id).ShipAsync("SF123", Seller)).Unwrap();
        return (await Order(order.Id).MarkDeliveredAsync(Operator)).Unwrap();
    }
}

public sealed class RecordingAlertSink : IRiskAlertSink
{
    private readonly List<RiskAlert> _alerts = [];
    public IReadOnlyList<RiskAlert> Raised { get { lock (_alerts) return [.. _alerts]; } }
    public Task RaiseAsync(RiskAlert alert)
    {
        lock (_alerts) _alerts.Add(alert);
        return Task.CompletedTask;
    }
}
