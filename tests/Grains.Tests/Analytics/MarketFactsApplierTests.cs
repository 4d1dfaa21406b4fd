using System.Text.Json;
using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Items;

namespace Marketplace.Grains.Tests.Analytics;

public sealed class MarketFactsApplierTests
{
    private static readonly DateTimeOffset Now = MarketStatsCalculatorTests.Now;

    internal static string Figures(MarketFacts facts)
    {
        var options = new MarketFiguresOptions();
        var stats = Enum.GetValues<StatsWindow>()
            .Select(w => new MarketStatsCalculator(options).Calculate(facts, new StatsQuery(w, [100m, 500m], 10), Now));
        var prices = new ReferencePriceCalculator(options.Pricing).CalculateAll("phones", facts.Orders.Values, Now);
        var alerts = new AlertDetector(options).Detect(facts, Now, 100);
        return JsonSerializer.Serialize(new { stats, prices, alerts });
    }

    [Fact]
    public void Duplicates_and_any_delivery_order_give_the_same_figures()
    {
        var events = MarketStatsCalculatorTests.Scenario().Events;
        var expected = Figures(MarketStatsCalculatorTests.Scenario().Facts());
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            // Each event delivered one to three times, all shuffled.
            var delivery = events.SelectMany(e => Enumerable.Repeat(e, random.Next(1, 4))).OrderBy(_ => random.Next()).ToList();
            var facts = new MarketFacts();
            foreach (var e in delivery) MarketFactsApplier.Apply(facts, e);
            Assert.Equal(expected, Figures(facts));
        }
    }

    [Fact]
    public void Status_changes_that_move_no_figure_change_nothing_however_delivered()
    {
        // The same market twice; the second also announces INSPECTING (OrderStatusChanged) on both orders.
        MarketEventBuilder Build(bool announceInspecting)
        {
            var m = new MarketEventBuilder(Now);
            m.List("a", 300m, 20);
            m.Order("o1", "a", 10);
            if (announceInspecting) m.ReceiveForInspection("o1", 9);
            m.Inspect("o1", 8, passed: true);
            m.Complete("o1", 5);
            m.List("b", 120m, 6);
            m.Order("o2", "b", 4);
            if (announceInspecting) m.ReceiveForInspection("o2", 3);
            m.Inspect("o2", 2, passed: false);
            m.Refund("o2", 2);
            return m;
        }
        var announced = Build(announceInspecting: true);
        var expected = Figures(Build(announceInspecting: false).Facts());
        Assert.Equal(expected, Figures(announced.Facts()));
        Assert.Contains(announced.Events, e => e is OrderStatusChanged { Order.Status: OrderStatus.INSPECTING });
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var facts = new MarketFacts();
            foreach (var e in announced.Events.SelectMany(e => Enumerable.Repeat(e, random.Next(1, 4))).OrderBy(_ => random.Next()))
                MarketFactsApplier.Apply(facts, e);
            Assert.Equal(expected, Figures(facts));
            Assert.Equal(OrderStatus.REFUNDED, facts.Orders["o2"].Status); // the newest snapshot won, whatever came last
        }
    }

    [Fact]
    public void Item_facts_keep_no_price_history()
    {
        var item = new MarketEventBuilder(Now).List("a", 10m, 1) with
        {
            PriceHistory = [new PricePoint(12m, Now.AddDays(-2), PriceChangeReason.LISTED), new PricePoint(10m, Now.AddDays(-1), PriceChangeReason.SELLER_CHANGE)],
        };
        var facts = new MarketFacts();
        MarketFactsApplier.Apply(facts, new ItemListed(item, Now));
        MarketFactsApplier.Apply(facts, new ItemViewed(item with { Version = 2, Views = 1 }, Now));
        Assert.Empty(facts.Items["a"].Snapshot.PriceHistory);
        Assert.Equal(2, facts.Items["a"].Snapshot.Version);
        Assert.Equal(10m, facts.Items["a"].Snapshot.Price);
    }

    [Fact]
    public void A_repeated_event_reports_no_change()
    {
        var m = new MarketEventBuilder(Now);
        m.List("a", 10m, 1);
        m.View("a", 0.5);
        var facts = new MarketFacts();
        Assert.True(MarketFactsApplier.Apply(facts, m.Events[1]));
        Assert.False(MarketFactsApplier.Apply(facts, m.Events[1]));
        Assert.True(MarketFactsApplier.Apply(facts, m.Events[0]));
        Assert.Single(facts.Items["a"].ViewTimes);
        Assert.Equal(2, facts.Items["a"].Snapshot.Version); // the late ItemListed did not roll the item back
    }

    [Fact]
    public void Item_and_order_with_the_same_id_do_not_shadow_each_other()
    {
        var m = new MarketEventBuilder(Now);
        m.List("42", 10m, 1);
        m.Order("42", "42", 0.5);
        var facts = m.Facts();
        Assert.True(facts.Orders.ContainsKey("42"));
        Assert.Equal(ItemStatus.RESERVED, facts.Items["42"].Snapshot.Status);
    }

    [Fact]
    public void Bad_events_are_refused_and_change_nothing()
    {
        var m = new MarketEventBuilder(Now);
        var item = m.List("a", 10m, 1);
        var facts = new MarketFacts();
        Assert.Throws<ArgumentException>(() => MarketFactsApplier.Apply(facts, new ItemListed(item with { Price = -1m }, Now)));
        Assert.Throws<ArgumentException>(() => MarketFactsApplier.Apply(facts, new ItemListed(item with { Version = 0 }, Now)));
        Assert.Empty(facts.Items);
        Assert.Empty(facts.Applied);
    }

    [Fact]
    public void Sequence_tracker_folds_contiguous_sequences()
    {
        var tracker = new SequenceTracker();
        Assert.True(tracker.TryMarkApplied(3));
        Assert.True(tracker.TryMarkApplied(1));
        Assert.Equal(1, tracker.Watermark);
        Assert.False(tracker.TryMarkApplied(3));
        Assert.True(tracker.TryMarkApplied(2));
        Assert.Equal(3, tracker.Watermark);
        Assert.Empty(tracker.Above);
        Assert.False(tracker.TryMarkApplied(2));
    }

    [Fact]
    public void Facts_survive_a_json_round_trip_as_grain_state()
    {
        var facts = MarketStatsCalculatorTests.Scenario().Facts();
        var copy = JsonSerializer.Deserialize<MarketFacts>(JsonSerializer.Serialize(facts))!;
        Assert.Equal(Figures(facts), Figures(copy));
        Assert.False(MarketFactsApplier.Apply(copy, MarketStatsCalculatorTests.Scenario().Events[^1]));
    }
}
