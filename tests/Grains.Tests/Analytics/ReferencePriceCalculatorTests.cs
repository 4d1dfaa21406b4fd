using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Tests.Analytics;

public sealed class ReferencePriceCalculatorTests
{
    private static readonly DateTimeOffset Now = MarketStatsCalculatorTests.Now;
    private readonly ReferencePriceCalculator _calculator = new(new PricingOptions());

    private PriceSuggestion Suggest(MarketEventBuilder m, Grade grade) =>
        _calculator.Calculate("phones", grade, m.Facts().Orders.Values, Now);

    private static MarketEventBuilder Sales(Grade grade, params decimal[] prices)
    {
        var m = new MarketEventBuilder(Now);
        for (var i = 0; i < prices.Length; i++) m.Sale($"{grade}-{i}", prices[i], listedDaysAgo: 20, soldDaysAgo: 10, grade: grade);
        return m;
    }

    [Fact]
    public void No_sales_gives_nulls()
    {
        var s = Suggest(new MarketEventBuilder(Now), Grade.GOOD);
        Assert.Equal(new PriceSuggestion("phones", Grade.GOOD, 0, null, null, null), s);
        Assert.Null(s.Suggested);
        Assert.Null(s.Floor);
        Assert.Null(s.Ceiling);
    }

    [Fact]
    public void Enough_sales_at_the_grade_give_median_and_quartiles()
    {
        var s = Suggest(Sales(Grade.GOOD, 500m, 100m, 300m, 200m, 400m), Grade.GOOD);
        Assert.Equal(new PriceSuggestion("phones", Grade.GOOD, 5, 300m, 200m, 400m), s);
        Assert.Equal(300m, s.Suggested);
        Assert.Equal(200m, s.Floor);
        Assert.Equal(400m, s.Ceiling);
    }

    [Fact]
    public void Percentiles_interpolate_between_ranks()
    {
        var s = Suggest(Sales(Grade.GOOD, 100m, 200m, 300m, 400m, 500m, 600m), Grade.GOOD);
        Assert.Equal(350m, s.Median);   // h = 2.5
        Assert.Equal(225m, s.P25);      // h = 1.25
        Assert.Equal(475m, s.P75);      // h = 3.75
    }

    [Fact]
    public void Few_sales_at_the_grade_convert_other_grades_by_factor()
    {
        var m = Sales(Grade.NEW, 1000m);
        m.Sale("ln", 900m, 20, 10, Grade.LIKE_NEW);
        m.Sale("g", 350m, 20, 10, Grade.GOOD);
        var s = Suggest(m, Grade.GOOD);
        // 1000 * .7/1 = 700, 900 * .7/.9 = 700, 350 -> sorted 350 700 700
        Assert.Equal(new PriceSuggestion("phones", Grade.GOOD, 3, 700m, 525m, 700m), s);
    }

    [Fact]
    public void Large_samples_are_trimmed_at_both_ends()
    {
        var s = Suggest(Sales(Grade.GOOD, 1m, 200m, 300m, 400m, 500m, 600m, 700m, 800m, 900m, 100000m), Grade.GOOD);
        Assert.Equal(10, s.SampleSize);
        Assert.Equal(550m, s.Median);
        Assert.Equal(375m, s.P25);
        Assert.Equal(725m, s.P75); // untrimmed it would be 875
    }

    [Fact]
    public void Old_sales_do_not_count_and_partial_refunds_lower_the_price()
    {
        var m = new MarketEventBuilder(Now);
        m.Sale("old", 9999m, listedDaysAgo: 120, soldDaysAgo: 91);
        m.Sale("new", 500m, listedDaysAgo: 20, soldDaysAgo: 10, refunded: 100m);
        var s = Suggest(m, Grade.GOOD);
        Assert.Equal(1, s.SampleSize);
        Assert.Equal(400m, s.Median);
    }

    [Fact]
    public void Orders_not_completed_do_not_count()
    {
        var m = new MarketEventBuilder(Now);
        m.List("x", 500m, 10);
        m.Order("o-x", "x", 5);
        m.Deliver("o-x", 4);
        Assert.Equal(0, Suggest(m, Grade.GOOD).SampleSize);
    }

    [Fact]
    public void Money_is_rounded_to_two_places_midpoint_away_from_zero()
    {
        var s = Suggest(Sales(Grade.GOOD, 100.00m, 100.01m), Grade.GOOD);
        Assert.Equal(100.01m, s.Median); // 100.005
    }

    [Fact]
    public void Reference_prices_cover_every_grade()
    {
        var all = _calculator.CalculateAll("phones", Sales(Grade.NEW, 1000m).Facts().Orders.Values, Now);
        Assert.Equal(Enum.GetValues<Grade>(), all.Select(p => p.Grade));
        Assert.Equal(300m, all.Single(p => p.Grade == Grade.FOR_PARTS).Median);
    }
}
