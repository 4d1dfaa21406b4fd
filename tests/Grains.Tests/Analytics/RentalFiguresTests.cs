using System.Text.Json;
using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Rentals;

namespace Marketplace.Grains.Tests.Analytics;

/// <summary>MarketStats.rentals and RENTAL_OVERDUE from rental facts: exact however the events are delivered.</summary>
public sealed class RentalFiguresTests
{
    private static readonly DateTimeOffset Now = MarketStatsCalculatorTests.Now;

    private static RentalSnapshot Rental(string id, long version, RentalStatus status, string item, int days, decimal rent, double requestedDaysAgo,
        double? handedOverDaysAgo = null, double? returnedDaysAgo = null, double? completedDaysAgo = null, decimal lateFee = 0, decimal damage = 0, bool waived = false) =>
        new(id, version, item, "owner", "renter", "tents", ["outdoor", "tents"], "north", status,
            Now.AddDays(-requestedDaysAgo + 0.5), days, Now.AddDays(-requestedDaysAgo + 0.5 + days), rent,
            status == RentalStatus.COMPLETED ? rent + lateFee + damage : 0m, waived, lateFee > 0, damage,
            Now.AddDays(-requestedDaysAgo), At(handedOverDaysAgo), At(returnedDaysAgo), At(completedDaysAgo));

    private static DateTimeOffset? At(double? daysAgo) => daysAgo is { } d ? Now.AddDays(-d) : null;

    /// <summary>
    /// Two RENTAL items and a SALE item listed 10 days ago; rentals: c1 completed 2 days ago (3 days, on time, deposit
    /// waived, rent 90), c2 completed 40 days ago, c3 completed 1 day ago late with damage (rent 60 + late 30 + damage 50),
    /// one OVERDUE and one cancelled; some intermediate versions are left out, as a consumer may never see them.
    /// </summary>
    private static List<MarketEvent> Events()
    {
        var items = new MarketEventBuilder(Now);
        items.List("rent-a", 500m, 10, category: "tents", path: ["outdoor", "tents"]);
        items.List("rent-b", 500m, 10, category: "tents", path: ["outdoor", "tents"]);
        items.List("sale", 100m, 10, category: "tents", path: ["outdoor", "tents"]);
        var events = items.Events.Select(e => e switch
        {
            ItemListed l when l.Item.ItemId.StartsWith("rent", StringComparison.Ordinal) => new ItemListed(l.Item with { Mode = ListingMode.RENTAL }, l.At),
            _ => e,
        }).ToList();
        void Flow(params RentalSnapshot[] versions) => events.AddRange(versions.Select(v => new RentalChanged(v, v.CompletedAt ?? v.ReturnedAt ?? v.HandedOverAt ?? v.RequestedAt)));
        Flow(Rental("c1", 1, RentalStatus.AWAITING_PAYMENT, "rent-a", 3, 90m, 6),
            Rental("c1", 3, RentalStatus.ACTIVE, "rent-a", 3, 90m, 6, handedOverDaysAgo: 5.5),
            Rental("c1", 5, RentalStatus.COMPLETED, "rent-a", 3, 90m, 6, 5.5, 2.5, 2, waived: true));
        Flow(Rental("c2", 5, RentalStatus.COMPLETED, "rent-b", 2, 60m, 45, 44, 42, 40));
        Flow(Rental("c3", 2, RentalStatus.PAID, "rent-b", 2, 60m, 4),
            Rental("c3", 6, RentalStatus.COMPLETED, "rent-b", 2, 60m, 4, 3.5, 1.5, 1, lateFee: 30m, damage: 50m));
        Flow(Rental("od", 4, RentalStatus.OVERDUE, "rent-a", 1, 30m, 1.2, handedOverDaysAgo: 1.1));
        Flow(Rental("cx", 2, RentalStatus.CANCELLED, "rent-a", 2, 60m, 3));
        return events;
    }

    private static MarketFacts Apply(IEnumerable<MarketEvent> events)
    {
        var facts = new MarketFacts();
        foreach (var e in events) MarketFactsApplier.Apply(facts, e);
        return facts;
    }

    [Fact]
    public void Figures_follow_the_contracts_definitions()
    {
        var facts = Apply(Events());
        var week = RentalFigures.Calculate(facts, StatsWindow.Days7, Now);
        Assert.Equal(1, week.Active);
        Assert.Equal(2, week.Completed);
        Assert.Equal(90m + 140m, week.Gmv);
        Assert.Equal(2.5, week.AverageDays);
        Assert.Equal(0.5, week.OnTimeReturnRate);
        Assert.Equal(0.5, week.DamageRate);
        Assert.Equal(0.5, week.DepositWaiverRate);
        // Rented in the last 7 days: c1 3 days, c3 2 days, od 1.1 days; listed for rent: 2 items × 7 days.
        Assert.Equal((3 + 2 + 1.1) / 14, week.UtilizationRate, 6);

        var all = RentalFigures.Calculate(facts, StatsWindow.AllTime, Now);
        Assert.Equal(3, all.Completed);
        Assert.Equal(90m + 60m + 140m, all.Gmv);
        Assert.Equal(RentalStats.Empty, RentalFigures.Calculate(new MarketFacts(), StatsWindow.Days30, Now));
        Assert.Equal(all, new MarketStatsCalculator(new MarketFiguresOptions()).Calculate(facts, new StatsQuery(StatsWindow.AllTime), Now).Rentals);

        var overdue = Assert.Single(new AlertDetector(new MarketFiguresOptions()).Detect(facts, Now, 100), a => a.Kind == AlertKind.RENTAL_OVERDUE);
        Assert.Equal(("rent-a", "owner", "tents"), (overdue.ItemId, overdue.SellerId, overdue.CategoryId));
    }

    [Fact]
    public void Duplicated_and_shuffled_delivery_gives_the_same_figures_and_alerts()
    {
        var events = Events();
        string Figures(MarketFacts facts) => JsonSerializer.Serialize(new
        {
            stats = Enum.GetValues<StatsWindow>().Select(w => RentalFigures.Calculate(facts, w, Now)),
            alerts = new AlertDetector(new MarketFiguresOptions()).Detect(facts, Now, 100),
        });
        var expected = Figures(Apply(events));
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var delivery = events.SelectMany(e => Enumerable.Repeat(e, random.Next(1, 4))).OrderBy(_ => random.Next()).ToList();
            Assert.Equal(expected, Figures(Apply(delivery)));
        }
    }

    [Fact]
    public async Task Rental_facts_survive_a_reload_of_the_aggregate()
    {
        var store = new MemoryAggregateFactStore();
        var keeper = new MarketFactsKeeper(store, "platform/platform");
        await keeper.LoadAsync(CancellationToken.None);
        foreach (var e in Events()) keeper.Apply(e);
        await keeper.Commit.CommitAsync();
        var reloaded = new MarketFactsKeeper(store, "platform/platform");
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.Equal(RentalFigures.Calculate(keeper.Facts, StatsWindow.AllTime, Now), RentalFigures.Calculate(reloaded.Facts, StatsWindow.AllTime, Now));
        Assert.Equal(5, reloaded.Facts.Rentals.Count);
        Assert.All(Events().OfType<RentalChanged>(), e => Assert.False(reloaded.Apply(e)));
    }
}
