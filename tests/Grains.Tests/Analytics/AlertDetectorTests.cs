using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Tests.Analytics;

public sealed class AlertDetectorTests
{
    private static readonly DateTimeOffset Now = MarketStatsCalculatorTests.Now;
    private readonly AlertDetector _detector = new(new MarketFiguresOptions());

    private IReadOnlyList<Alert> Alerts(MarketEventBuilder m, params MarketEvent[] extra)
    {
        var facts = m.Facts();
        foreach (var e in extra) MarketFactsApplier.Apply(facts, e);
        return _detector.Detect(facts, Now, 100);
    }

    [Fact]
    public void Slow_moving_items_raise_info_alerts_until_they_sell()
    {
        var m = new MarketEventBuilder(Now);
        m.List("old", 10m, 61);
        m.List("fresh", 10m, 59);
        var alert = Assert.Single(Alerts(m));
        Assert.Equal((AlertKind.SLOW_MOVING, Severity.INFO, "old"), (alert.Kind, alert.Severity, alert.ItemId));
        Assert.Equal(Now - TimeSpan.FromDays(1), alert.At);
        m.Order("o", "old", 0.5);
        Assert.Empty(Alerts(m));
    }

    [Fact]
    public void Prices_far_below_reference_in_high_value_categories_are_anomalies()
    {
        var m = new MarketEventBuilder(Now);
        foreach (var i in Enumerable.Range(0, 5)) m.Sale($"s{i}", 1000m, 20, 10);
        m.List("cheap", 400m, 1, highValue: true);     // 40% of reference -> warning
        m.List("very-cheap", 250m, 1, highValue: true); // 25% -> critical
        m.List("fair", 600m, 1, highValue: true);
        m.List("cheap-low-value", 100m, 1, highValue: false);
        var alerts = Alerts(m).Where(a => a.Kind == AlertKind.PRICE_ANOMALY).OrderBy(a => a.ItemId).ToList();
        Assert.Equal([("cheap", Severity.WARNING), ("very-cheap", Severity.CRITICAL)], alerts.Select(a => (a.ItemId, a.Severity)));
        m.ChangePrice("cheap", 900m, 0.5);
        Assert.DoesNotContain(Alerts(m), a => a.ItemId == "cheap");
    }

    [Fact]
    public void Seller_level_follows_the_newest_version_whatever_the_delivery_order()
    {
        var down = new SellerLevelChanged("s1", 1, Now.AddDays(-2), SellerLevel.BELOW_STANDARD, SellerLevel.ABOVE_STANDARD);
        var up = new SellerLevelChanged("s1", 2, Now.AddDays(-1), SellerLevel.ABOVE_STANDARD, SellerLevel.BELOW_STANDARD);
        var m = new MarketEventBuilder(Now);
        Assert.Equal(AlertKind.SELLER_BELOW_STANDARD, Assert.Single(Alerts(m, down)).Kind);
        Assert.Empty(Alerts(m, up, down));
    }

    [Fact]
    public void Self_purchase_attempts_are_critical()
    {
        var attempt = new SelfPurchaseAttempted("att-1", Now.AddHours(-1), "i1", "s1", "phones", ["electronics", "phones"], "north");
        var alert = Assert.Single(Alerts(new MarketEventBuilder(Now), attempt, attempt));
        Assert.Equal((AlertKind.SELF_DEALING, Severity.CRITICAL, "s1", "i1"), (alert.Kind, alert.Severity, alert.SellerId, alert.ItemId));
    }

    [Fact]
    public void Listing_bursts_need_the_threshold_within_the_window()
    {
        var m = new MarketEventBuilder(Now);
        foreach (var i in Enumerable.Range(0, 10)) m.List($"burst{i}", 10m, 1 + i / (24.0 * 60), seller: "busy"); // one a minute
        foreach (var i in Enumerable.Range(0, 10)) m.List($"calm{i}", 10m, 1 + i / 24.0, seller: "calm");        // one an hour
        var alert = Assert.Single(Alerts(m));
        Assert.Equal((AlertKind.LISTING_BURST, "busy"), (alert.Kind, alert.SellerId));
    }

    [Fact]
    public void Repeated_seller_cancellations_are_flagged()
    {
        var m = new MarketEventBuilder(Now);
        foreach (var i in Enumerable.Range(0, 3))
        {
            m.List($"i{i}", 10m, 10);
            m.Order($"o{i}", $"i{i}", 5, buyer: $"b{i}");
            m.Cancel($"o{i}", 4 - i, bySeller: true);
        }
        var alert = Assert.Single(Alerts(m));
        Assert.Equal((AlertKind.REPEATED_CANCELLATIONS, "s1"), (alert.Kind, alert.SellerId));
    }

    [Fact]
    public void Alerts_are_newest_first_and_limited()
    {
        var m = new MarketEventBuilder(Now);
        m.List("a", 10m, 70);
        m.List("b", 10m, 65);
        var alerts = _detector.Detect(m.Facts(), Now, 1);
        Assert.Equal("b", Assert.Single(alerts).ItemId);
    }
}
