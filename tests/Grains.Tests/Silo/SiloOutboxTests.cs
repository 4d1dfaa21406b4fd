using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Tests.Silo;

/// <summary>
/// On a real Orleans silo (its reminder service and memory streams, a manual clock): market events whose publish
/// failed reach the read side through the outbox's reminder, and count once even when a failure hid a delivery.
/// Also the inspection-decision deadline as a real reminder.
/// </summary>
public sealed class SiloOutboxTests : IAsyncLifetime
{
    private static readonly CallerContext Admin = CallerContext.Admin();
    private static readonly CallerContext Seller = CallerContext.User("seller");
    private static readonly CallerContext Buyer = CallerContext.User("buyer");
    private readonly FlakyStreamProvider.Control _outage = new();
    private TestSilo _silo = null!;

    private IGrainFactory Grains => _silo.GrainFactory;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(
            new Dictionary<string, string?> { ["Marketplace:Events:RetryDelay"] = "00:00:01" },
            TestSilo.InnerStreamProvider,
            // Grains publish through "Market": the memory streams behind a switchable outage.
            services => FlakyStreamProvider.Register(services, _outage));
        (await Grains.GetGrain<IRegionGrain>("sh").CreateAsync("Shanghai", Admin)).Unwrap();
        (await Grains.GetGrain<ICategoryGrain>("phones").CreateAsync(new CreateCategory("Phones"), Admin)).Unwrap();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private async Task<IOrderGrain> DeliveredOrderAsync(bool withInspection = false)
    {
        (await Grains.GetGrain<IItemGrain>("item-1").ListAsync(new ListItem("Camera", "", "phones", "sh", Grade.GOOD, 250m), Seller)).Unwrap();
        var order = Grains.GetGrain<IOrderGrain>(OrderIds.ForPlacement("buyer", "k"));
        (await order.PlaceAsync(new PlaceOrder("item-1", withInspection, "k"), Buyer)).Unwrap();
        (await order.PayAsync("pay", Buyer)).Unwrap();
        (await order.ShipAsync("T", Seller)).Unwrap();
        if (!withInspection) (await order.MarkDeliveredAsync(CallerContext.Operator())).Unwrap();
        return order;
    }

    private Task AdvanceUntilAsync(Func<Task<bool>> done, TimeSpan step, string what) => _silo.AdvanceUntilAsync(done, step, what);

    [Fact]
    public async Task Events_lost_to_an_outage_arrive_through_the_retry_and_the_sale_counts_once()
    {
        var order = await DeliveredOrderAsync();
        var orderId = (await order.GetAsync())!.Id;
        var seen = new List<MarketEvent>();
        var orderStream = _silo.Client.GetStreamProvider(TestSilo.InnerStreamProvider)
            .GetStream<MarketEvent>(StreamId.Create(MarketStreams.EventsNamespace, orderId));
        await orderStream.SubscribeAsync(new Recorder(seen));

        // Three publishes fail; the first one after the queue already took it (a lost acknowledgement),
        // so the retry delivers OrderCompleted a second time.
        _outage.FailNext(3, firstIsLostAcknowledgement: true);
        var completed = (await order.ConfirmReceiptAsync(Buyer)).Unwrap();
        Assert.Equal(OrderStatus.COMPLETED, completed.Status);

        await AdvanceUntilAsync(() => Task.FromResult(_outage.Accepted<OrderCompleted>() == 2 && _outage.Accepted<ItemSold>() == 1),
            TimeSpan.FromSeconds(5), "the retries of OrderCompleted and ItemSold");
        Assert.Equal(0, _outage.FailuresLeft);

        // Accepted by the queue is not yet delivered: wait for the recorder to have one to copy as the marker.
        await AdvanceUntilAsync(() => Task.FromResult(Count<OrderCompleted>(seen) >= 1), TimeSpan.FromMilliseconds(100), "OrderCompleted at the recorder");
        // A marker behind the retried event on the same stream: once the recorder sees it, the router has handled everything before it.
        var marker = seen.OfType<OrderCompleted>().First();
        await orderStream.OnNextAsync(marker);
        await AdvanceUntilAsync(() => Task.FromResult(Count<OrderCompleted>(seen) == 3), TimeSpan.FromMilliseconds(100), "the marker");

        var platform = await Grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).GetStatsAsync(new StatsQuery(StatsWindow.AllTime));
        var category = await Grains.GetGrain<ICategoryStatsGrain>("phones").GetStatsAsync(new StatsQuery(StatsWindow.AllTime));
        Assert.Equal((1, 250m), (platform.Sold, platform.Gmv));
        Assert.Equal((1, 250m, 0), (category.Sold, category.Gmv, category.ActiveListings));
    }

    [Fact]
    public async Task Inspection_decision_deadline_fires_as_a_reminder_and_refunds()
    {
        var order = await DeliveredOrderAsync(withInspection: true);
        var inspecting = (await order.ReceiveForInspectionAsync(CallerContext.Inspector("insp"))).Unwrap();
        Assert.Equal(_silo.Time.GetUtcNow() + TimeSpan.FromHours(48), inspecting.Deadline);

        _silo.Time.Advance(TimeSpan.FromHours(47));
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a (wrong) early tick to land before the check
        Assert.Equal(OrderStatus.INSPECTING, (await order.GetAsync())!.Status);

        _silo.Time.Advance(TimeSpan.FromHours(1));
        await AdvanceUntilAsync(async () => (await order.GetAsync())!.Status == OrderStatus.REFUNDED, TimeSpan.FromSeconds(1), "the refund");
        var refunded = (await order.GetAsync())!;
        Assert.Equal(refunded.Ledger.Where(e => e.Kind == LedgerEntryKind.HOLD).Sum(e => e.Amount),
            refunded.Ledger.Where(e => e.Kind == LedgerEntryKind.REFUND).Sum(e => e.Amount));
        await AdvanceUntilAsync(async () => (await Grains.GetGrain<IItemGrain>("item-1").GetAsync())!.Status == ItemStatus.LISTED,
            TimeSpan.FromSeconds(1), "the item to be listed again");
        // The read side follows: a refund, no sale.
        await AdvanceUntilAsync(async () => (await Grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey)
            .GetStatsAsync(new StatsQuery(StatsWindow.AllTime))) is { RefundRate: 1.0, Sold: 0, ActiveListings: 1 }, TimeSpan.FromSeconds(1), "the refund in the figures");
    }

    private static int Count<T>(List<MarketEvent> seen)
    {
        lock (seen) return seen.OfType<T>().Count();
    }

    private sealed class Recorder(List<MarketEvent> seen) : IAsyncObserver<MarketEvent>
    {
        public Task OnNextAsync(MarketEvent item, StreamSequenceToken? token = null)
        {
            lock (seen) seen.Add(item);
            return Task.CompletedTask;
        }

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }
}

/// <summary>A stream provider in front of another that refuses the next N market events (optionally after passing the first one on).</summary>
internal sealed class FlakyStreamProvider(IStreamProvider inner, FlakyStreamProvider.Control control) : IStreamProvider
{
    public string Name => MarketStreams.ProviderName;
    public bool IsRewindable => inner.IsRewindable;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new Stream<T>(inner.GetStream<T>(streamId), control);

    /// <summary>Registers it as the silo's keyed "Market" provider, in front of the memory provider <see cref="TestSilo.InnerStreamProvider"/>.</summary>
    public static void Register(IServiceCollection services, Control control) =>
        services.AddKeyedSingleton<IStreamProvider>(MarketStreams.ProviderName, (sp, _) =>
            new FlakyStreamProvider(sp.GetRequiredKeyedService<IStreamProvider>(TestSilo.InnerStreamProvider), control));

    public sealed class Control
    {
        private readonly object _gate = new();
        private readonly List<object> _accepted = [];
        private int _failuresLeft;
        private bool _lostAcknowledgement;

        public int FailuresLeft
        {
            get { lock (_gate) return _failuresLeft; }
        }

        public void FailNext(int count, bool firstIsLostAcknowledgement = false)
        {
            lock (_gate) (_failuresLeft, _lostAcknowledgement) = (count, firstIsLostAcknowledgement);
        }

        public int Accepted<T>()
        {
            lock (_gate) return _accepted.OfType<T>().Count();
        }

        /// <summary>(forward it, then throw).</summary>
        internal (bool Forward, bool Fail) Decide()
        {
            lock (_gate)
            {
                if (_failuresLeft == 0) return (true, false);
                _failuresLeft--;
                var lost = _lostAcknowledgement;
                _lostAcknowledgement = false;
                return (lost, true);
            }
        }

        internal void Record(object item)
        {
            lock (_gate) _accepted.Add(item);
        }
    }

    private sealed class Stream<T>(IAsyncStream<T> inner, Control control) : StreamDecorator<T>(inner)
    {
        public override async Task OnNextAsync(T item, StreamSequenceToken? token = null)
        {
            // Only market events fail: the aggregates' change notifications pass.
            var (forward, fail) = item is MarketEvent ? control.Decide() : (true, false);
            if (forward)
            {
                await Inner.OnNextAsync(item, token);
                control.Record(item!);
            }
            if (fail) throw new IOException($"Stream provider unavailable (test): {StreamId}");
        }
    }
}
