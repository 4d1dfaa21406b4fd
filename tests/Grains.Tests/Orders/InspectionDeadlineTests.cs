using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Orders;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Orders;

/// <summary>The inspector has Marketplace:Deadlines:InspectionDecision (48 h) to report once the order is INSPECTING; then the buyer is refunded.</summary>
public class InspectionDeadlineTests
{
    private static async Task<(Market Market, OrderView Order)> InspectingAsync(IDictionary<string, string?>? configuration = null)
    {
        var market = await Market.CreateAsync(configuration); // the caller disposes it
        try
        {
            var paid = await market.PaidAsync(withInspection: true);
            (await market.Order(paid.Id).ShipAsync("SF1", Seller)).Unwrap();
            return (market, (await market.Order(paid.Id).ReceiveForInspectionAsync(Inspector)).Unwrap());
        }
        catch
        {
            await market.DisposeAsync();
            throw;
        }
    }

    private static readonly InspectionReport GoodReport = new(Grade.LIKE_NEW, Authentic: true, MatchesDescription: true, AccessoriesComplete: true);

    [Fact]
    public async Task Without_a_report_within_48_hours_the_buyer_is_refunded_and_the_item_relisted()
    {
        var (market, inspecting) = await InspectingAsync();
        await using var disposeMarket = market;
        Assert.Equal(market.Host.Time.GetUtcNow() + TimeSpan.FromHours(48), inspecting.Deadline);

        await market.Host.AdvanceAsync(TimeSpan.FromHours(47));
        Assert.Equal(OrderStatus.INSPECTING, (await market.Order(inspecting.Id).GetAsync())!.Status);

        await market.Host.AdvanceAsync(TimeSpan.FromHours(1));
        var refunded = (await market.Order(inspecting.Id).GetAsync())!;
        Assert.Equal(OrderStatus.REFUNDED, refunded.Status);
        Assert.Equal([OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED_TO_INSPECTION, OrderStatus.INSPECTING, OrderStatus.REFUNDED],
            refunded.History.Select(h => h.Status));
        Assert.Equal([(LedgerEntryKind.HOLD, 100m), (LedgerEntryKind.REFUND, 100m)], refunded.Ledger.Select(e => (e.Kind, e.Amount)));
        Assert.Equal(Held(refunded), refunded.Ledger.Where(e => e.Kind != LedgerEntryKind.HOLD).Sum(e => e.Amount)); // balanced at a terminal status
        Assert.Null(refunded.Deadline);
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(inspecting.Id), OrderGrain.DeadlineReminder));

        // The platform missed its promise: the item goes back on sale and nothing counts against the seller.
        Assert.Equal(ItemStatus.LISTED, (await market.Item("item-1").GetAsync())!.Status);
        var seller = (await market.SellerGrain().GetProfileAsync()).Stats;
        Assert.Equal((0, 0), (seller.DescriptionMismatches, seller.AuthenticityFailures));
        var published = market.Host.Streams.Published<OrderRefunded>().Single();
        Assert.Equal((OrderStatus.REFUNDED, 100m), (published.Order.Status, published.Order.RefundedAmount));
        Assert.NotNull(published.Order.RefundedAt);

        Assert.Equal(ErrorCodes.InvalidState, (await market.Order(inspecting.Id).SubmitInspectionReportAsync(GoodReport, Inspector)).Error!.Code);
    }

    [Fact]
    public async Task A_report_after_the_deadline_is_refused_even_before_the_reminder_fires()
    {
        var (market, inspecting) = await InspectingAsync();
        await using var disposeMarket = market;
        market.Host.Time.Advance(TimeSpan.FromHours(48)); // the clock moves, the reminder has not run yet

        var late = await market.Order(inspecting.Id).SubmitInspectionReportAsync(GoodReport, Inspector);
        Assert.Equal(ErrorCodes.DeadlinePassed, late.Error!.Code);
        Assert.Equal(OrderStatus.INSPECTING, (await market.Order(inspecting.Id).GetAsync())!.Status);
        Assert.Equal(InspectionStatus.RECEIVED, (await market.Host.GetGrain<IInspectionGrain>(inspecting.Id).GetAsync())!.Status);
        Assert.Null((await market.Item("item-1").GetAsync())!.VerifiedGrade);

        await market.Host.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal(OrderStatus.REFUNDED, (await market.Order(inspecting.Id).GetAsync())!.Status);
    }

    [Fact]
    public async Task A_report_in_time_clears_the_deadline()
    {
        var (market, inspecting) = await InspectingAsync();
        await using var disposeMarket = market;
        await market.Host.AdvanceAsync(TimeSpan.FromHours(47));
        var reported = (await market.Order(inspecting.Id).SubmitInspectionReportAsync(GoodReport, Inspector)).Unwrap();
        Assert.Equal((OrderStatus.SHIPPED, null), (reported.Status, reported.Deadline));
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(inspecting.Id), OrderGrain.DeadlineReminder));
        await market.Host.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(OrderStatus.SHIPPED, (await market.Order(inspecting.Id).GetAsync())!.Status);
    }

    [Fact]
    public async Task The_decision_time_comes_from_configuration()
    {
        var (market, inspecting) = await InspectingAsync(new Dictionary<string, string?> { ["Marketplace:Deadlines:InspectionDecision"] = "02:00:00" });
        await using var disposeMarket = market;
        Assert.Equal(market.Host.Time.GetUtcNow() + TimeSpan.FromHours(2), inspecting.Deadline);
        await market.Host.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(OrderStatus.REFUNDED, (await market.Order(inspecting.Id).GetAsync())!.Status);
    }

    [Fact]
    public async Task Every_status_change_of_the_inspection_path_publishes_an_event_and_a_rating_none()
    {
        var (market, inspecting) = await InspectingAsync();
        await using var disposeMarket = market;
        (await market.Order(inspecting.Id).SubmitInspectionReportAsync(GoodReport, Inspector)).Unwrap();
        (await market.Order(inspecting.Id).MarkDeliveredAsync(Operator)).Unwrap();
        (await market.Order(inspecting.Id).ConfirmReceiptAsync(Buyer)).Unwrap();
        (await market.Order(inspecting.Id).RateSellerAsync(5, Buyer)).Unwrap();

        var events = market.Host.Streams.Published<Marketplace.Grains.Interfaces.Analytics.OrderEvent>();
        Assert.Equal([typeof(OrderPlaced), typeof(OrderPaid), typeof(OrderShipped), typeof(OrderStatusChanged), typeof(InspectionReported),
            typeof(OrderDelivered), typeof(OrderCompleted)], events.Select(e => e.GetType()));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L], events.Select(e => e.Sequence));
        Assert.Equal(OrderStatus.INSPECTING, events[3].Order.Status);
        Assert.Equal(OrderStatus.SHIPPED, events[4].Order.Status); // INSPECTION_PASSED and SHIPPED: one change, one event
    }

    private static decimal Held(OrderView order) => order.Ledger.Where(e => e.Kind == LedgerEntryKind.HOLD).Sum(e => e.Amount);
}
