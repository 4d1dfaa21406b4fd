using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Tests.Analytics;

public sealed class MarketStatsCalculatorTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly MarketStatsCalculator _calculator = new(new MarketFiguresOptions());

    /// <summary>A market with every kind of fact; the expected figures are worked out by hand in the tests.</summary>
    internal static MarketEventBuilder Scenario()
    {
        var m = new MarketEventBuilder(Now);
        m.List("a", 100m, 5);
        m.View("a", 1);
        m.View("a", 10);
        m.List("b", 250m, 40, Grade.LIKE_NEW);
        m.List("c", 600m, 70);
        m.List("d", 50m, 100, Grade.FAIR);
        m.Sale("e", 300m, listedDaysAgo: 20, soldDaysAgo: 10);
        m.List("f", 500m, 6);
        m.Order("o-f", "f", 2);
        m.Inspect("o-f", 3, passed: true);
        m.Complete("o-f", 2, refunded: 100m);
        m.List("g", 70m, 3);
        m.Delist("g", 1);
        m.List("h", 80m, 30);
        m.Order("o-h", "h", 9);
        m.Inspect("o-h", 8, passed: false);
        m.Deliver("o-h", 6);
        m.Dispute("o-h", 5);
        m.List("i", 120m, 15);
        m.Order("o-i", "i", 4);
        m.Refund("o-i", 3);
        return m;
    }

    private MarketStats Stats(StatsWindow window, IReadOnlyList<decimal>? bounds = null, int days = 30) =>
        _calculator.Calculate(Scenario().Facts(), new StatsQuery(window, bounds, days), Now);

    [Fact]
    public void Seven_day_window_counts_only_recent_events()
    {
        var s = Stats(StatsWindow.Days7);
        Assert.Equal(5, s.ActiveListings); // a b c d i (g delisted, e f sold, h reserved)
        Assert.Equal(3, s.NewListings);    // a f g
        Assert.Equal(1, s.Sold);           // f
        Assert.Equal(400.00m, s.Gmv);      // 500 - 100 refunded
        Assert.Equal(1.0 / 6, s.SellThroughRate, 10);
        Assert.Equal(4, s.AvgDaysToSell!.Value, 10);
        Assert.Equal(4, s.MedianDaysToSell!.Value, 10);
        Assert.Equal(1, s.Views);
        Assert.Equal(1.0, s.ConversionRate, 10);
        Assert.Equal(0.5, s.DisputeRate, 10);   // delivered f, h; disputed h
        Assert.Equal(0.5, s.RefundRate, 10);    // paid f, i; refunded i
        Assert.Equal(1.0, s.InspectionPassRate!.Value, 10); // only f's report is recent
    }

    [Fact]
    public void Thirty_day_window_includes_older_sales_and_views()
    {
        var s = Stats(StatsWindow.Days30);
        Assert.Equal(6, s.NewListings);    // a e f g h(30 days ago, on the boundary) i
        Assert.Equal(2, s.Sold);
        Assert.Equal(700.00m, s.Gmv);
        Assert.Equal(2.0 / 7, s.SellThroughRate, 10);
        Assert.Equal(7, s.AvgDaysToSell!.Value, 10);    // (10 + 4) / 2
        Assert.Equal(7, s.MedianDaysToSell!.Value, 10);
        Assert.Equal(2, s.Views);
        Assert.Equal(1.0, s.ConversionRate, 10);
        Assert.Equal(0.25, s.RefundRate, 10);   // paid e f h i, refunded i
        Assert.Equal(0.5, s.InspectionPassRate!.Value, 10);
    }

    [Fact]
    public void All_time_counts_everything()
    {
        var s = Stats(StatsWindow.AllTime);
        Assert.Equal(9, s.NewListings);
        Assert.Equal(2, s.Sold);
        Assert.Equal(700.00m, s.Gmv);
    }

    [Fact]
    public void Ageing_and_slow_moving_are_over_items_listed_now()
    {
        var s = Stats(StatsWindow.Days7);
        Assert.Equal(new Ageing(2, 1, 1, 1), s.Ageing); // a i | b | c | d
        Assert.Equal(2, s.SlowMoving);                   // c (70 days), d (100 days)
        var shorter = new MarketStatsCalculator(new MarketFiguresOptions { SlowMovingDays = 30 })
            .Calculate(Scenario().Facts(), new StatsQuery(StatsWindow.Days7), Now);
        Assert.Equal(3, shorter.SlowMoving);
    }

    [Fact]
    public void Price_bands_follow_the_bounds_and_the_last_has_no_max()
    {
        var s = Stats(StatsWindow.Days30, [100m, 500m]);
        Assert.Equal(
            [new PriceBand(0m, 100m, 1, 0), new PriceBand(100m, 500m, 3, 1), new PriceBand(500m, null, 1, 1)],
            s.PriceBands);
        Assert.Equal([new PriceBand(0m, null, 5, 2)], Stats(StatsWindow.Days30).PriceBands);
    }

    [Theory]
    [InlineData(new double[] { 100, 100 })]
    [InlineData(new double[] { 500, 100 })]
    [InlineData(new double[] { 0, 100 })]
    public void Bad_price_band_bounds_are_refused(double[] bounds) =>
        Assert.Throws<ArgumentException>(() => Stats(StatsWindow.Days30, bounds.Select(b => (decimal)b).ToList()));

    [Fact]
    public void Grade_mix_lists_every_grade_with_active_and_sold()
    {
        var mix = Stats(StatsWindow.Days30).GradeMix;
        Assert.Equal(Enum.GetValues<Grade>(), mix.Select(g => g.Grade));
        Assert.Equal(new GradeCount(Grade.GOOD, 3, 2), mix.Single(g => g.Grade == Grade.GOOD));
        Assert.Equal(new GradeCount(Grade.LIKE_NEW, 1, 0), mix.Single(g => g.Grade == Grade.LIKE_NEW));
        Assert.Equal(new GradeCount(Grade.FAIR, 1, 0), mix.Single(g => g.Grade == Grade.FAIR));
        Assert.Equal(0, mix.Single(g => g.Grade == Grade.NEW).ActiveListings);
    }

    [Fact]
    public void Daily_series_covers_the_requested_days_ending_today()
    {
        var daily = Stats(StatsWindow.Days7, days: 4).Daily;
        Assert.Equal(
            [new DailyPoint("2026-11-18", 1, 0, 0m), new DailyPoint("2026-11-19", 0, 1, 400m),
             new DailyPoint("2026-11-20", 0, 0, 0m), new DailyPoint("2026-11-21", 0, 0, 0m)],
            daily);
        Assert.Equal(30, Stats(StatsWindow.Days7).Daily.Count);
        Assert.Empty(Stats(StatsWindow.Days7, days: 0).Daily);
        Assert.Throws<ArgumentOutOfRangeException>(() => Stats(StatsWindow.Days7, days: -1));
    }

    [Fact]
    public void Empty_market_has_zero_rates_and_null_averages()
    {
        var s = _calculator.Calculate(new MarketFacts(), new StatsQuery(StatsWindow.Days30), Now);
        Assert.Equal(0, s.ActiveListings);
        Assert.Equal(0m, s.Gmv);
        Assert.Equal(0, s.SellThroughRate);
        Assert.Equal(0, s.ConversionRate);
        Assert.Equal(0, s.DisputeRate);
        Assert.Equal(0, s.RefundRate);
        Assert.Null(s.InspectionPassRate);
        Assert.Null(s.AvgDaysToSell);
        Assert.Null(s.MedianDaysToSell);
    }

    [Fact]
    public void Median_days_to_sell_differs_from_the_average_on_skewed_sales()
    {
        var m = new MarketEventBuilder(Now);
        m.Sale("x", 10m, listedDaysAgo: 3, soldDaysAgo: 2);  // 1 day
        m.Sale("y", 10m, listedDaysAgo: 4, soldDaysAgo: 2);  // 2 days
        m.Sale("z", 10m, listedDaysAgo: 14, soldDaysAgo: 2); // 12 days
        var s = _calculator.Calculate(m.Facts(), new StatsQuery(StatsWindow.Days30), Now);
        Assert.Equal(5, s.AvgDaysToSell!.Value, 10);
        Assert.Equal(2, s.MedianDaysToSell!.Value, 10);
        Assert.Equal(30.00m, s.Gmv);
        Assert.Equal(1.0, s.SellThroughRate);
    }
}
