using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.Grains.Tests.Analytics;

namespace Marketplace.Grains.Tests.Offers;

/// <summary>MarketStats.offers and OFFER_SPAM from the items' offer events: exact under duplicated and shuffled delivery, and after a reload from the store.</summary>
public class OfferFiguresTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static OfferView Offer(string id, string buyer, decimal amount, DateTimeOffset createdAt, decimal listPrice = 100m) =>
        new(id, "a", "s1", buyer, buyer, amount, null, "hi", OfferStatus.PENDING, createdAt, createdAt.AddDays(1), null, listPrice, 1, createdAt);

    /// <summary>Offers on item "a" (list price 100) through their item's events, each change a new offer version.</summary>
    private static MarketEventBuilder Scenario()
    {
        var m = new MarketEventBuilder(Now);
        m.List("a", 100m, 60);
        void Emit(OfferView offer, double daysAgo) => m.Change("a", daysAgo, i => i, (i, at) => new ItemOfferChanged(i, at, offer));
        OfferView Next(OfferView o, OfferStatus status, decimal? counter = null) => o with { Status = status, CounterAmount = counter ?? o.CounterAmount, Version = o.Version + 1 };

        var accepted = Offer("o1", "b1", 70m, m.DaysAgo(5));
        Emit(accepted, 5);
        var countered = Next(accepted, OfferStatus.COUNTERED, 80m);
        Emit(countered, 4);
        Emit(Next(countered, OfferStatus.ACCEPTED) with { OrderId = "ord-o1" }, 4);
        var declined = Offer("o2", "b2", 50m, m.DaysAgo(3));
        Emit(declined, 3);
        Emit(Next(declined, OfferStatus.DECLINED), 3);
        var expired = Offer("o3", "b3", 60m, m.DaysAgo(10));
        Emit(expired, 10);
        Emit(Next(expired, OfferStatus.EXPIRED), 9);
        var withdrawn = Offer("o4", "b4", 65m, m.DaysAgo(2));
        Emit(withdrawn, 2);
        Emit(Next(withdrawn, OfferStatus.WITHDRAWN), 1);
        Emit(Offer("o5", "b5", 90m, m.DaysAgo(1)), 1); // still open
        var old = Offer("o6", "b6", 60m, m.DaysAgo(40)); // made before the 30-day window
        Emit(old, 40);
        Emit(Next(old, OfferStatus.ACCEPTED), 40);
        return m;
    }

    private static OfferStats Stats(MarketFacts facts, StatsWindow window = StatsWindow.Days30) =>
        new MarketStatsCalculator(new MarketFiguresOptions()).Calculate(facts, new StatsQuery(window), Now).Offers;

    [Fact]
    public void Offers_made_in_the_window_and_their_outcomes()
    {
        var facts = Scenario().Facts();
        var stats = Stats(facts);
        Assert.Equal((5, 1), (stats.Made, stats.Accepted));
        Assert.Equal(1.0 / 3, stats.AcceptanceRate, 10); // accepted ÷ (accepted + declined + expired); withdrawn and open ones do not count
        Assert.Equal(0.2, stats.AverageDiscount!.Value, 10); // agreed at the counter, 80 of 100
        var allTime = Stats(facts, StatsWindow.AllTime);
        Assert.Equal((6, 2, 0.5), (allTime.Made, allTime.Accepted, allTime.AcceptanceRate));
        Assert.Equal((0.2 + 0.4) / 2, allTime.AverageDiscount!.Value, 10);
        Assert.Equal(OfferStats.None, Stats(new MarketFacts()));
    }

    [Fact]
    public void Duplicated_and_shuffled_delivery_gives_the_same_figures()
    {
        var events = Scenario().Events;
        var expected = Stats(Scenario().Facts());
        for (var seed = 0; seed < 10; seed++)
        {
            var random = new Random(seed);
            var facts = new MarketFacts();
            foreach (var e in events.SelectMany(e => Enumerable.Repeat(e, random.Next(1, 4))).OrderBy(_ => random.Next()))
                MarketFactsApplier.Apply(facts, e);
            Assert.Equal(expected, Stats(facts));
            Assert.Equal(6, facts.Offers.Count);
        }
    }

    [Fact]
    public async Task Offer_facts_are_stored_as_rows_and_reloaded_exactly()
    {
        var store = new MemoryAggregateFactStore();
        var keeper = new MarketFactsKeeper(store, "category/phones");
        await keeper.LoadAsync(CancellationToken.None);
        var random = new Random(7);
        foreach (var e in Scenario().Events.OrderBy(_ => random.Next()))
        {
            keeper.Apply(e);
            await keeper.Commit.CommitAsync();
        }
        var reloaded = new MarketFactsKeeper(store, "category/phones");
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.Equal(Stats(Scenario().Facts()), Stats(reloaded.Facts));
        Assert.Null(reloaded.Facts.Offers["o1"].Message); // figures keep no text
        Assert.All(Scenario().Events, e => Assert.False(reloaded.Apply(e))); // replays after the reload change nothing
    }

    [Theory]
    [InlineData(20, 20, false)]
    [InlineData(21, 20, true)]
    [InlineData(4, 3, true)]
    public void More_offers_than_the_threshold_within_an_hour_is_offer_spam(int offers, int threshold, bool alert)
    {
        var m = new MarketEventBuilder(Now);
        m.List("a", 100m, 1);
        for (var i = 0; i < offers; i++)
        {
            var offer = Offer($"s{i}", "spammer", 10m, Now.AddMinutes(-59 + i * 59.0 / offers));
            m.Change("a", 0, x => x, (x, at) => new ItemOfferChanged(x, at, offer));
        }
        var options = new MarketFiguresOptions { Offers = { SpamThreshold = threshold } };
        var spam = new AlertDetector(options).Detect(m.Facts(), Now, 100).Where(a => a.Kind == AlertKind.OFFER_SPAM).ToList();
        Assert.Equal(alert ? 1 : 0, spam.Count);
        if (alert) Assert.Contains("spammer", spam[0].Message);
    }

    [Fact]
    public void Offers_spread_over_more_than_an_hour_are_not_spam()
    {
        var m = new MarketEventBuilder(Now);
        m.List("a", 100m, 1);
        for (var i = 0; i < 30; i++)
        {
            var offer = Offer($"s{i}", "patient", 10m, Now.AddMinutes(-i * 10));
            m.Change("a", 0, x => x, (x, at) => new ItemOfferChanged(x, at, offer));
        }
        Assert.DoesNotContain(new AlertDetector(new MarketFiguresOptions()).Detect(m.Facts(), Now, 100), a => a.Kind == AlertKind.OFFER_SPAM);
    }
}
