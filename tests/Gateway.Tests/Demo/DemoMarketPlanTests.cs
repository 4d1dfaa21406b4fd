using Marketplace.Gateway.Demo;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Trust;

namespace Marketplace.Gateway.Tests.Demo;

/// <summary>The demo plan alone (no grains): deterministic, and the market it describes has what the demo promises, at every scale.</summary>
public sealed class DemoMarketPlanTests
{
    private static readonly DateTimeOffset End = new(2026, 5, 12, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Every status an order can rest in (INSPECTION_PASSED / INSPECTION_FAILED are passed through in the same change).</summary>
    public static readonly OrderStatus[] RestingStatuses = Enum.GetValues<OrderStatus>()
        .Where(s => s is not (OrderStatus.INSPECTION_PASSED or OrderStatus.INSPECTION_FAILED)).ToArray();

    public static TheoryData<double> Scales => [0.05, 0.1, 0.5, 1, 2];

    [Theory, MemberData(nameof(Scales))]
    public void Every_seller_name_announces_the_level_its_counters_compute(double scale)
    {
        var plan = DemoMarketPlan.Create(new DemoPlanSettings(End, scale));
        foreach (var seller in plan.Sellers)
        {
            Assert.Equal(seller.Level, DemoMarketPlan.LevelInName(seller.User.DisplayName));
            Assert.Equal(seller.Level, SellerLevels.Of(plan.Counters[seller.Id].Now));
            Assert.Equal(seller.Level, SellerLevels.Of(plan.Counters[seller.Id].Eventually));
        }
        Assert.Contains(plan.Sellers, s => s.Level == SellerLevel.TOP_RATED);
        Assert.Contains(plan.Sellers, s => s.Level == SellerLevel.BELOW_STANDARD);
        Assert.True(plan.Counters.Values.Sum(c => c.Now.LateShipments) > 0, "a late shipment");
    }

    [Theory, MemberData(nameof(Scales))]
    public void Orders_rest_in_every_status_and_pass_through_the_inspection_outcomes(double scale)
    {
        var plan = DemoMarketPlan.Create(new DemoPlanSettings(End, scale));
        Assert.Equal(RestingStatuses.Order(), plan.Orders.Select(o => o.FinalStatus).Distinct().Order());
        Assert.Contains(plan.Orders, o => o.Passed.Contains(OrderStatus.INSPECTION_PASSED));
        Assert.Contains(plan.Orders, o => o.Passed.Contains(OrderStatus.INSPECTION_FAILED));
        Assert.Equal(OrderStatus.AWAITING_PAYMENT, plan.Sentinel.FinalStatus);
    }

    [Theory, MemberData(nameof(Scales))]
    public void Only_the_bulk_lister_lists_ten_items_within_an_hour(double scale)
    {
        var plan = DemoMarketPlan.Create(new DemoPlanSettings(End, scale));
        foreach (var seller in plan.Sellers)
        {
            var times = plan.Items.Where(i => i.SellerId == seller.Id).Select(i => i.ListedAt).Order().ToList();
            var burst = Enumerable.Range(9, Math.Max(0, times.Count - 9)).Any(end => times[end] - times[end - 9] <= TimeSpan.FromHours(1));
            Assert.True(burst == (seller.Id == plan.BulkListerId), $"{seller.User.DisplayName}: burst {burst}");
        }
    }

    [Fact]
    public void The_same_settings_give_the_same_plan_and_another_end_only_shifts_it()
    {
        var a = DemoMarketPlan.Create(new DemoPlanSettings(End, 0.1));
        var b = DemoMarketPlan.Create(new DemoPlanSettings(End, 0.1));
        var later = DemoMarketPlan.Create(new DemoPlanSettings(End + TimeSpan.FromDays(3.5), 0.1));
        Assert.Equal(a.Steps.Select(Describe), b.Steps.Select(Describe));
        Assert.Equal(a.Items.Select(i => (i.Id, i.Price, i.SellerId)), later.Items.Select(i => (i.Id, i.Price, i.SellerId)));
        Assert.Equal(a.Orders.Select(o => (o.Id, o.FinalStatus)), later.Orders.Select(o => (o.Id, o.FinalStatus)));
        Assert.Equal(a.Sentinel.Id, later.Sentinel.Id);
    }

    [Fact]
    public void History_spans_the_days_and_slow_movers_and_scale_one_is_a_few_thousand_items()
    {
        var plan = DemoMarketPlan.Create(new DemoPlanSettings(End, 1));
        Assert.InRange(plan.Items.Count, 2000, 4000);
        var listingDays = plan.Items.Select(i => (End - i.ListedAt).Days).Distinct().Count();
        Assert.True(listingDays >= 88, $"listings on {listingDays} days");
        Assert.True(plan.Steps.First().At < End - TimeSpan.FromDays(89));
        Assert.All(plan.Steps, s => Assert.True(s.At < End));
        var sold = plan.Orders.Where(o => o.FinalStatus == OrderStatus.COMPLETED).Select(o => o.Item.Id).ToHashSet();
        var ordered = plan.Orders.Select(o => o.Item.Id).ToHashSet();
        Assert.True(plan.Items.Count(i => !ordered.Contains(i.Id) && End - i.ListedAt > TimeSpan.FromDays(61)) > 20, "slow-moving stock");
        Assert.InRange(sold.Count, plan.Items.Count / 3, plan.Items.Count * 3 / 4);
        var views = plan.Steps.Count(s => s is ViewStep);
        Assert.InRange((double)sold.Count / views, 0.03, 0.3);
    }

    private static string Describe(DemoStep s) => $"{s.At:O} {s.Lane} {s.GetType().Name}";
}
